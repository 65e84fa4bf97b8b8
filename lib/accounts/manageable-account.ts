import { getAccount, type Account } from '@/db/queries/users';
import { getMembershipsForUser, type WorkspaceMembership } from '@/db/queries/workspaces';
import { workspaceIdsWithRole, type Principal } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';
import { isUuid } from '@/lib/shared/ids';

export type ManageableAccount = { account: Account; memberships: WorkspaceMembership[] };

/**
 * The account `userId`, if `principal` may disable it or reset its password. Instance admins may
 * manage every account. A workspace admin may manage an account only when they administer every
 * workspace it belongs to (otherwise they could lock a colleague out of workspaces they do not run,
 * or take over the account), and never an instance admin's. An account outside the caller's
 * workspaces answers 404, as if it did not exist. Your own account is managed on your account page.
 */
export async function requireManageableAccount(principal: Principal, userId: string): Promise<ManageableAccount> {
  const adminOf = new Set(workspaceIdsWithRole(principal, 'admin'));
  if (adminOf.size === 0 && !principal.isInstanceAdmin) {
    throw ApiError.forbidden('Only admins can disable accounts or reset passwords.');
  }
  const account = isUuid(userId) ? await getAccount(userId) : undefined;
  if (!account) throw ApiError.notFound('The user');
  const memberships = await getMembershipsForUser(account.id);
  if (!principal.isInstanceAdmin) {
    if (!memberships.some((m) => adminOf.has(m.id))) throw ApiError.notFound('The user');
    if (account.isInstanceAdmin) {
      throw ApiError.forbidden(
        `${account.email} is an instance admin.`,
        'Only another instance admin can disable their account or reset their password.',
      );
    }
    if (memberships.some((m) => !adminOf.has(m.id))) {
      throw ApiError.forbidden(
        `${account.email} is also a member of a workspace you do not administer.`,
        'Ask an instance admin to disable this account or reset its password, or remove them from your workspace.',
      );
    }
  }
  if (account.id === principal.userId) {
    throw ApiError.badRequest(
      'This is your own account.',
      'Change your own password on the "Your account" page; ask another admin to disable your account.',
    );
  }
  return { account, memberships };
}
