import { apiRoute } from '@/lib/http/handler';
import { jobLogsResponse } from '@/lib/jobs/job-logs';
import { loadJobFor } from '@/lib/jobs/load-job';

type Params = { listId: string; jobId: string };

export const GET = apiRoute<Params>(async ({ request, principal, params }) =>
  jobLogsResponse(
    await loadJobFor(principal, params.jobId, 'viewer', { listId: params.listId, kinds: ['restore'] }),
    request,
  ),
);
