import { recordAudit } from '@/db/queries/audit';
import { getUserByEmail, normalizeEmail } from '@/db/queries/users';
import type { User } from '@/db/schema';
import { ApiError } from '@/lib/errors';
import { DUMMY_HASH, verifyPassword } from '@/lib/password';

import { withPasswordWork } from './password-work';
import { checkSignInRate, recordSignInFailure } from './rate-limit';

export type SignInVia = 'browser' | 'api-token';

/** Why a sign-in was refused, for the caller to word: the browser form and the token API say it differently. */
export class SignInRefused extends Error {
  constructor(
    readonly reason: 'too-many-attempts' | 'busy' | 'wrong-password' | 'disabled',
    readonly error?: ApiError,
  ) {
    super(reason);
  }
}

/**
 * Checks an email and password for a sign-in (browser or token): rate limits per account-and-client,
 * bounded scrypt work, the same time and answer for an unknown email as for a wrong password, and an
 * instance audit event for every attempt checked (a failure that reaches the limit says so).
 */
export async function checkSignIn(email: string, password: string, client: string, via: SignInVia): Promise<User> {
  const audit = (action: string, user: User | undefined, detail: Record<string, unknown> = {}) =>
    recordAudit({
      workspaceId: null,
      actorId: user?.id ?? null,
      actorEmail: user?.email ?? normalizeEmail(email).slice(0, 320),
      action,
      targetType: 'user',
      targetId: user?.id ?? '',
      detail: { via, client, ...detail },
    });
  const rate = checkSignInRate(email, client);
  // Not recorded: a limited client could write a row per request. The failure that reached the limit was.
  if (!rate.allowed) {
    throw new SignInRefused(
      'too-many-attempts',
      ApiError.tooManyRequests('Too many failed attempts.', rate.retryAfterSeconds),
    );
  }
  // The account is looked up inside the admission too: a refused request costs no database work.
  let user: User | undefined;
  let ok: boolean;
  try {
    ({ user, ok } = await withPasswordWork(client, async () => {
      const found = await getUserByEmail(email);
      return { user: found, ok: await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH) };
    }));
  } catch (error) {
    if (error instanceof ApiError) throw new SignInRefused('busy', error);
    throw error;
  }
  if (!user || !ok) {
    recordSignInFailure(email, client);
    await audit('sign-in.failed', user, {
      reason: user ? 'wrong password' : 'no such account',
      ...(!checkSignInRate(email, client).allowed && { limited: 'this client is refused for a while' }),
    });
    throw new SignInRefused('wrong-password');
  }
  if (user.disabledAt) {
    await audit('sign-in.refused', user, { reason: 'account disabled' });
    throw new SignInRefused('disabled');
  }
  await audit('sign-in', user);
  return user;
}
