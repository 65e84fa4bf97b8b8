import { getListById } from '@/db/queries/lists';
import type { List, Role } from '@/db/schema';
import { requireRole, type Principal } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';

/** Loads a list the caller may act on with `role`; another workspace's list is reported as not found. */
export async function loadListFor(principal: Principal, listId: string, role: Role): Promise<List> {
  const list = await getListById(listId);
  if (!list || !principal.memberships.some((m) => m.id === list.workspaceId)) throw ApiError.notFound('The list');
  requireRole(principal, list.workspaceId, role, 'The list');
  return list;
}
