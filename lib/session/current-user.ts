import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';

import { getMembershipsForUser, type WorkspaceMembership } from '@/db/queries/workspaces';
import { checkCredential } from '@/lib/auth/active-account';
import { readSessionCookie } from '@/lib/auth/session';

export const WORKSPACE_COOKIE = 'listport_workspace';

/** Where a user whose password someone else chose is sent until they choose their own. */
export const CHOOSE_PASSWORD_PATH = '/choose-password';

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  memberships: WorkspaceMembership[];
  workspace: WorkspaceMembership | undefined;
  isInstanceAdmin: boolean;
  mustChangePassword: boolean;
  passwordChangedAt: Date | null;
};

/**
 * The signed-in user for a server component, with the workspace they are working in. Signed out, or
 * a session that has ended → /login; a password someone else chose → the page to choose one (unless
 * `passwordChangePage`, which is that page).
 */
export async function requireCurrentUser(options: { passwordChangePage?: boolean } = {}): Promise<CurrentUser> {
  const jar = await cookies();
  const header = jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join('; ');
  const session = await readSessionCookie(header);
  if (!session) redirect('/login');
  const { account } = await checkCredential({
    via: 'session',
    userId: session.userId,
    sessionVersion: session.sessionVersion,
  });
  if (!account) redirect('/login?expired=1');
  if (account.mustChangePassword && !options.passwordChangePage) redirect(CHOOSE_PASSWORD_PATH);
  const memberships = await getMembershipsForUser(account.id);
  const chosen = jar.get(WORKSPACE_COOKIE)?.value;
  const workspace = memberships.find((m) => m.id === chosen) ?? memberships[0];
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    memberships,
    workspace,
    isInstanceAdmin: account.isInstanceAdmin,
    mustChangePassword: account.mustChangePassword,
    passwordChangedAt: account.passwordChangedAt,
  };
}
