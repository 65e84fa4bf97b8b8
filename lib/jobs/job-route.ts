import { requestCancel } from '@/db/queries/jobs/job-lifecycle';
import type { Job, JobKind } from '@/db/schema';
import { auditAs } from '@/lib/audit/audit-as';
import type { Principal } from '@/lib/auth/principal';
import { apiRoute } from '@/lib/http/handler';

import { loadJobFor } from './load-job';
import { jobResource } from './resource';

type Params = { listId: string; jobId: string };

/**
 * `GET` and `DELETE` of `/lists/{listId}/<collection>/{jobId}` for the job kinds the collection holds
 * (importJobs: import and custom; restoreJobs: restore): a job of another list or kind is not found.
 */
export function listJobRoute(kinds: JobKind[]) {
  const scope = (p: Params) => ({ listId: p.listId, kinds });
  return {
    GET: apiRoute<Params>(async ({ principal, params }) => {
      const job = await loadJobFor(principal, params.jobId, 'viewer', scope(params));
      return Response.json(await jobResource(job));
    }),
    DELETE: apiRoute<Params>(async ({ principal, params }) =>
      cancelJob(principal, await loadJobFor(principal, params.jobId, 'editor', scope(params))),
    ),
  };
}

/**
 * Cancels a pending or running job; nothing of it is loaded. A finished job is answered as it is
 * (a script reads its state), and the audit trail records only cancels that asked for something.
 */
export async function cancelJob(principal: Principal, job: Job): Promise<Response> {
  const { job: updated, requested } = await requestCancel(job.id);
  if (requested) {
    await auditAs(principal, {
      workspaceId: job.workspaceId,
      action: 'job.cancel',
      targetType: 'job',
      targetId: job.id,
    });
  }
  return Response.json(await jobResource(updated ?? job), { status: 202 });
}
