import { getListById } from '@/db/queries/lists';
import type { List, Role } from '@/db/schema';
import { requireRole, type Principal } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';

/**
 * A list with the caller's membership of its workspace, or undefined when there is no such list or
 * it is another workspace's (which must look the same): the one access check of pages and the API.
 */
export async function findMemberList<M extends { id: string }>(
  memberships: readonly M[],
  listId: string,
): Promise<{ list: List; membership: M } | undefined> {
  const list = await getListById(listId);
  const membership = list && memberships.find((m) => m.id === list.workspaceId);
  return list && membership ? { list, membership } : undefined;
}

/** Loads a list the caller may act on with `role`; another workspace's list is reported as not found. */
export async function loadListFor(principal: Principal, listId: string, role: Role): Promise<List> {
  const found = await findMemberList(principal.memberships, listId);
  if (!found) throw ApiError.notFound('The list');
  requireRole(principal, found.list.workspaceId, role, 'The list');
  return found.list;
}
