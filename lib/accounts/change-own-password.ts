import { replacePassword } from '@/db/queries/accounts';
import { recordAudit } from '@/db/queries/audit';
import { getUserByEmail } from '@/db/queries/users';
import { withPasswordWork } from '@/lib/auth/password-work';
import type { Principal } from '@/lib/auth/principal';
import { checkSignInRate, recordSignInFailure } from '@/lib/auth/rate-limit';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { hashPassword, verifyPassword } from '@/lib/password';

export type ChangeOwnPasswordInput = { currentPassword: string; newPassword: string };

export type PasswordChanged = { sessionVersion: number; passwordChangedAt: Date; tokensRevoked: number };

/**
 * A signed-in user replaces their own password. The current password is required (a session left
 * open on a shared computer is not enough) and is rate-limited like a sign-in. Every other session of
 * the account ends and every API token is revoked, but the token the change was made with.
 */
export async function changeOwnPassword(
  principal: Principal,
  input: ChangeOwnPasswordInput,
  client: string,
): Promise<PasswordChanged> {
  const rate = checkSignInRate(principal.email, client);
  if (!rate.allowed) throw ApiError.tooManyRequests('Too many wrong current passwords.', rate.retryAfterSeconds);
  const user = await getUserByEmail(principal.email);
  if (!user) throw ApiError.unauthenticated();
  if (!(await withPasswordWork(client, () => verifyPassword(input.currentPassword, user.passwordHash)))) {
    recordSignInFailure(principal.email, client);
    throw new ApiError(
      400,
      ERROR_CODES.wrongPassword,
      'The current password is not correct.',
      'Type the password you signed in with. If you no longer know it, ask an admin to reset it.',
      ['currentPassword: not correct'],
    );
  }
  if (input.newPassword.trim().toLowerCase() === user.email) {
    throw ApiError.badRequest('The new password is your email address.', 'Choose a password others cannot guess.', [
      'newPassword: same as the email address',
    ]);
  }
  if (await withPasswordWork(client, () => verifyPassword(input.newPassword, user.passwordHash))) {
    throw ApiError.badRequest(
      'The new password is the same as the current one.',
      'Choose a password you have not used here.',
      ['newPassword: same as the current password'],
    );
  }
  const passwordHash = await withPasswordWork(client, () => hashPassword(input.newPassword));
  const changed = await replacePassword(user.id, passwordHash, {
    mustChangePassword: false,
    keepTokenId: principal.tokenId,
  });
  if (!changed) throw ApiError.unauthenticated('The account this token or session belongs to no longer exists.');
  await recordAudit({
    workspaceId: null,
    actorId: user.id,
    actorEmail: user.email,
    action: 'user.password.change',
    targetType: 'user',
    targetId: user.id,
    detail: { tokensRevoked: changed.tokensRevoked },
  });
  return changed;
}
