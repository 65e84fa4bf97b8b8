import { getJobWithListName } from '@/db/queries/jobs/job-reads';
import { apiRoute } from '@/lib/http/handler';
import { cancelJob } from '@/lib/jobs/job-route';
import { loadJobFor } from '@/lib/jobs/load-job';
import { jobResource } from '@/lib/jobs/resource';

export const GET = apiRoute<{ jobId: string }>(async ({ principal, params }) => {
  const job = await loadJobFor(principal, params.jobId, 'viewer');
  return Response.json(await jobResource((await getJobWithListName(job.id)) ?? job));
});

/** Cancels any pending or running job (import, purge or custom); nothing of it is loaded. */
export const DELETE = apiRoute<{ jobId: string }>(async ({ principal, params }) =>
  cancelJob(principal, await loadJobFor(principal, params.jobId, 'editor')),
);
