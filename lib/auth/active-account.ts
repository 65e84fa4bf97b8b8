import { getAccount, type Account } from '@/db/queries/users';

/** How a request proves who it is. */
export type Credential =
  | { via: 'token'; userId: string; tokenId: string }
  | { via: 'session'; userId: string; sessionVersion: number | undefined };

export type AccountCheck = { account: Account; refusal?: undefined } | { account?: undefined; refusal: string };

/**
 * The account a credential belongs to, if it may act now: it exists, is not disabled, and — for a
 * browser session — was signed in at the account's current session version (a sign-out, password
 * change or reset since then has ended it). Tokens are revoked in the database instead.
 */
export async function checkCredential(credential: Credential): Promise<AccountCheck> {
  const account = await getAccount(credential.userId);
  if (!account) return { refusal: 'The account this token or session belongs to no longer exists.' };
  if (account.disabledAt) return { refusal: 'This account has been disabled by an administrator.' };
  if (credential.via === 'session' && credential.sessionVersion !== account.sessionVersion) {
    return { refusal: 'Your session has ended: you signed out, or your password was changed.' };
  }
  return { account };
}
