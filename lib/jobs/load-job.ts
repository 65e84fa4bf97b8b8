import { getJobById } from '@/db/queries/jobs/job-reads';
import type { Job, JobKind, Role } from '@/db/schema';
import { requireRole, type Principal } from '@/lib/auth/principal';
import { withMembership } from '@/lib/auth/with-membership';
import { ApiError } from '@/lib/errors';

/** A job with the caller's membership of its workspace (see withMembership), for pages and the API. */
export async function findMemberJob<M extends { id: string }>(
  memberships: readonly M[],
  jobId: string,
): Promise<{ job: Job; membership: M } | undefined> {
  const found = withMembership(await getJobById(jobId), memberships);
  return found && { job: found.record, membership: found.membership };
}

/** A job the caller may see (or act on with `role`), optionally checked to belong to a list and kind. */
export async function loadJobFor(
  principal: Principal,
  jobId: string,
  role: Role,
  scope?: { listId?: string; kinds?: JobKind[] },
): Promise<Job> {
  const found = await findMemberJob(principal.memberships, jobId);
  const job = found?.job;
  const inScope =
    job && (!scope?.listId || job.listId === scope.listId) && (!scope?.kinds || scope.kinds.includes(job.kind));
  if (!job || !inScope) throw ApiError.notFound('The job');
  requireRole(principal, job.workspaceId, role, 'The job');
  return job;
}
