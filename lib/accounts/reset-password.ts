import { randomInt } from 'node:crypto';

import { replacePassword } from '@/db/queries/accounts';
import type { Principal } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';
import { hashPassword } from '@/lib/password';

import { recordAccountAudit } from './account-audit';
import { requireManageableAccount } from './manageable-account';

// No 0/O, 1/l/I: a temporary password is read out or copied by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Four groups of five: ~98 bits, with letters and digits whatever the draw (the rule needs both kinds). */
export function temporaryPassword(): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    );
    const password = groups.join('-');
    if (/[a-z]/.test(password)) return password;
  }
}

/**
 * An admin gives an account a new password: `password` if given, else a generated one, returned
 * once. The user must choose their own at the next sign-in; every session ends and every API token is
 * revoked at once.
 */
export async function resetPassword(
  principal: Principal,
  userId: string,
  password: string | undefined,
): Promise<{ temporaryPassword?: string; tokensRevoked: number }> {
  const { account, memberships } = await requireManageableAccount(principal, userId);
  const chosen = password ?? temporaryPassword();
  const result = await replacePassword(account.id, await hashPassword(chosen), { mustChangePassword: true });
  if (!result) throw ApiError.notFound('The user');
  await recordAccountAudit(
    {
      actorId: principal.userId,
      actorEmail: principal.email,
      action: 'user.password.reset',
      targetType: 'user',
      targetId: account.id,
      detail: { email: account.email, tokensRevoked: result.tokensRevoked },
    },
    memberships,
  );
  return { ...(password === undefined && { temporaryPassword: chosen }), tokensRevoked: result.tokensRevoked };
}
