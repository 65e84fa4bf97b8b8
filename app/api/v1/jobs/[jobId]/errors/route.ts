import { apiRoute } from '@/lib/http/handler';
import { jobErrorsResponse } from '@/lib/jobs/job-errors';
import { loadJobFor } from '@/lib/jobs/load-job';

/** Any job's errors (import, purge or custom), a page at a time: `?start=0&limit=100`. */
export const GET = apiRoute<{ jobId: string }>(async ({ request, principal, params }) =>
  jobErrorsResponse(await loadJobFor(principal, params.jobId, 'viewer'), request),
);
