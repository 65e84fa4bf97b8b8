import { countUsers, createUser, getUserByEmail, requirePasswordChange } from '@/db/queries/users';
import { createWorkspace, getWorkspaceByName } from '@/db/queries/workspaces';
import { hashPassword, verifyPassword } from '@/lib/password';

export const DEMO_ADMIN_EMAIL = 'admin@example.com';
export const DEMO_PASSWORD = 'listport-demo';

export class BootstrapRefused extends Error {}

/**
 * First start on an empty database: workspace "Demo" and its admin, who is the instance admin. The
 * well-known demo password is only ever used on the embedded database, and its holder must choose
 * their own at first sign-in; on a real server ADMIN_PASSWORD must be given.
 */
export async function bootstrapIfEmpty(options: {
  embedded: boolean;
  adminPassword?: string;
}): Promise<string | undefined> {
  if ((await countUsers()) > 0) return undefined;
  const password = options.adminPassword ?? (options.embedded ? DEMO_PASSWORD : undefined);
  if (!password) {
    throw new BootstrapRefused(
      'The database has no users yet, and Listport will not create an admin with a default password on a database you provided. ' +
        "Set ADMIN_PASSWORD (at least 8 characters) for the first start, e.g. ADMIN_PASSWORD='a-long-secret' npm start.",
    );
  }
  await createUser({
    email: DEMO_ADMIN_EMAIL,
    name: 'Demo admin',
    passwordHash: await hashPassword(password),
    mustChangePassword: password === DEMO_PASSWORD,
    isInstanceAdmin: true,
  });
  const admin = await getUserByEmail(DEMO_ADMIN_EMAIL);
  if (!admin) throw new Error('The demo admin could not be created.');
  if (!(await getWorkspaceByName('Demo'))) await createWorkspace('Demo', admin.id);
  return `Created workspace "Demo" and admin ${DEMO_ADMIN_EMAIL}${options.adminPassword ? ' (password from ADMIN_PASSWORD)' : ` with password "${DEMO_PASSWORD}", to be changed at first sign-in`}.`;
}

/**
 * Installs from before the forced change: a demo admin still signing in with the demo password is
 * made to choose their own at the next sign-in.
 */
export async function requireDemoPasswordChange(): Promise<string | undefined> {
  const admin = await getUserByEmail(DEMO_ADMIN_EMAIL);
  if (!admin || admin.mustChangePassword || !(await verifyPassword(DEMO_PASSWORD, admin.passwordHash))) return;
  await requirePasswordChange(admin.id);
  return `${DEMO_ADMIN_EMAIL} still has the demo password: it must be changed at the next sign-in.`;
}
