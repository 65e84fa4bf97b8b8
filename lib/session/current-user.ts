import { getServerSession } from 'next-auth';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';

import { getUserById } from '@/db/queries/users';
import { getMembershipsForUser, type WorkspaceMembership } from '@/db/queries/workspaces';
import { authOptions } from '@/lib/auth/options';

export const WORKSPACE_COOKIE = 'listport_workspace';

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  memberships: WorkspaceMembership[];
  workspace: WorkspaceMembership | undefined;
};

/** The signed-in user for a server component, with the workspace they are working in; signed out → /login. */
export async function requireCurrentUser(): Promise<CurrentUser> {
  const session = await getServerSession(await authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  const user = id ? await getUserById(id) : undefined;
  if (!user) redirect('/login');
  const memberships = await getMembershipsForUser(user.id);
  const chosen = (await cookies()).get(WORKSPACE_COOKIE)?.value;
  const workspace = memberships.find((m) => m.id === chosen) ?? memberships[0];
  return { id: user.id, email: user.email, name: user.name, memberships, workspace };
}
