import { disableAccount, enableAccount } from '@/db/queries/accounts';
import type { Principal } from '@/lib/auth/principal';
import { ApiError, ERROR_CODES } from '@/lib/errors';

import { recordAccountAudit } from './account-audit';
import { requireManageableAccount } from './manageable-account';

/**
 * Disables an account — it cannot sign in, and its sessions and API tokens stop working at once — or
 * enables it again (its old sessions and tokens stay ended). Refused for the only enabled admin of a
 * workspace or of the instance.
 */
export async function setAccountDisabled(
  principal: Principal,
  userId: string,
  disabled: boolean,
): Promise<{ changed: boolean; tokensRevoked: number }> {
  const { account, memberships } = await requireManageableAccount(principal, userId);
  let changed: boolean;
  let tokensRevoked = 0;
  if (disabled) {
    const result = await disableAccount(account.id);
    if (result.outcome === 'only-admin') {
      throw ApiError.conflict(
        ERROR_CODES.conflict,
        `${account.email} is the only admin of ${result.workspaces.map((w) => `"${w}"`).join(', ')}.`,
        'Make another member an admin of that workspace first, then disable this account.',
      );
    }
    if (result.outcome === 'only-instance-admin') {
      throw ApiError.conflict(
        ERROR_CODES.conflict,
        `${account.email} is the only instance admin.`,
        'Make another account an instance admin first.',
      );
    }
    changed = result.outcome === 'disabled';
    if (result.outcome === 'disabled') tokensRevoked = result.tokensRevoked;
  } else {
    changed = await enableAccount(account.id);
  }
  if (changed) {
    await recordAccountAudit(
      {
        actorId: principal.userId,
        actorEmail: principal.email,
        action: disabled ? 'user.disable' : 'user.enable',
        targetType: 'user',
        targetId: account.id,
        detail: { email: account.email, ...(disabled && { tokensRevoked }) },
      },
      memberships,
    );
  }
  return { changed, tokensRevoked };
}
