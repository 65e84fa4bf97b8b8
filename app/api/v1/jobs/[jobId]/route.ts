import { getJobWithListName, requestCancel } from '@/db/queries/jobs';
import { auditAs } from '@/lib/audit/audit-as';
import { apiRoute } from '@/lib/http/handler';
import { loadJobFor } from '@/lib/jobs/load-job';
import { jobResource } from '@/lib/jobs/resource';

export const GET = apiRoute<{ jobId: string }>(async ({ principal, params }) => {
  const job = await loadJobFor(principal, params.jobId, 'viewer');
  return Response.json(await jobResource((await getJobWithListName(job.id)) ?? job));
});

/** Cancels any pending or running job (import, purge or custom); nothing of it is loaded. */
export const DELETE = apiRoute<{ jobId: string }>(async ({ principal, params }) => {
  const job = await loadJobFor(principal, params.jobId, 'editor');
  const updated = (await requestCancel(job.id)) ?? job;
  await auditAs(principal, {
    workspaceId: job.workspaceId,
    action: 'job.cancel',
    targetType: 'job',
    targetId: job.id,
  });
  return Response.json(await jobResource(updated), { status: 202 });
});
