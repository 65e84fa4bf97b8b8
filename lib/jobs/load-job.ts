import { getJobById } from '@/db/queries/jobs';
import type { Job, JobKind, Role } from '@/db/schema';
import { requireRole, type Principal } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';

/** A job the caller may see (or act on with `role`), optionally checked to belong to a list and kind. */
export async function loadJobFor(
  principal: Principal,
  jobId: string,
  role: Role,
  scope?: { listId?: string; kinds?: JobKind[] },
): Promise<Job> {
  const job = await getJobById(jobId);
  const visible =
    job &&
    principal.memberships.some((m) => m.id === job.workspaceId) &&
    (!scope?.listId || job.listId === scope.listId) &&
    (!scope?.kinds || scope.kinds.includes(job.kind));
  if (!job || !visible) throw ApiError.notFound('The job');
  requireRole(principal, job.workspaceId, role, 'The job');
  return job;
}
