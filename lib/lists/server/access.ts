import { getListById } from '@/db/queries/lists';
import type { List, Role } from '@/db/schema';
import { requireRole, type Principal } from '@/lib/auth/principal';
import { withMembership } from '@/lib/auth/with-membership';
import { ApiError } from '@/lib/errors';

/** A list with the caller's membership of its workspace (see withMembership), for pages and the API. */
export async function findMemberList<M extends { id: string }>(
  memberships: readonly M[],
  listId: string,
): Promise<{ list: List; membership: M } | undefined> {
  const found = withMembership(await getListById(listId), memberships);
  return found && { list: found.record, membership: found.membership };
}

/** Loads a list the caller may act on with `role`; another workspace's list is reported as not found. */
export async function loadListFor(principal: Principal, listId: string, role: Role): Promise<List> {
  const found = await findMemberList(principal.memberships, listId);
  if (!found) throw ApiError.notFound('The list');
  requireRole(principal, found.list.workspaceId, role, 'The list');
  return found.list;
}
