import { apiRoute } from '@/lib/http/handler';
import { jobErrorsResponse } from '@/lib/jobs/job-errors';
import { loadJobFor } from '@/lib/jobs/load-job';

type Params = { listId: string; jobId: string };

/** A purge's errors, a page at a time: `?start=0&limit=100`. */
export const GET = apiRoute<Params>(async ({ request, principal, params }) =>
  jobErrorsResponse(
    await loadJobFor(principal, params.jobId, 'viewer', { listId: params.listId, kinds: ['purge'] }),
    request,
  ),
);
