import { apiRoute } from '@/lib/http/handler';
import { jobLogsResponse } from '@/lib/jobs/job-logs';
import { loadJobFor } from '@/lib/jobs/load-job';

export const GET = apiRoute<{ jobId: string }>(async ({ request, principal, params }) =>
  jobLogsResponse(await loadJobFor(principal, params.jobId, 'viewer'), request),
);
