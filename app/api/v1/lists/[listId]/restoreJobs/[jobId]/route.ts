import { requestCancel } from '@/db/queries/jobs';
import { auditAs } from '@/lib/audit/audit-as';
import { apiRoute } from '@/lib/http/handler';
import { loadJobFor } from '@/lib/jobs/load-job';
import { jobResource } from '@/lib/jobs/resource';

type Params = { listId: string; jobId: string };
const scope = (p: Params) => ({ listId: p.listId, kinds: ['restore' as const] });

export const GET = apiRoute<Params>(async ({ principal, params }) => {
  const job = await loadJobFor(principal, params.jobId, 'viewer', scope(params));
  return Response.json(await jobResource(job));
});

/** Cancels a pending or running job; nothing of it is loaded. A finished job is answered as it is. */
export const DELETE = apiRoute<Params>(async ({ principal, params }) => {
  const job = await loadJobFor(principal, params.jobId, 'editor', scope(params));
  const updated = (await requestCancel(job.id)) ?? job;
  await auditAs(principal, {
    workspaceId: job.workspaceId,
    action: 'job.cancel',
    targetType: 'job',
    targetId: job.id,
  });
  return Response.json(await jobResource(updated), { status: 202 });
});
