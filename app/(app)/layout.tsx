import type { ReactNode } from 'react';

import { AppShell } from '@/components/shell/app-shell';
import { requireCurrentUser } from '@/lib/session/current-user';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireCurrentUser();
  return (
    <AppShell
      user={{ email: user.email, name: user.name }}
      workspaces={user.memberships.map((m) => ({ id: m.id, name: m.name, role: m.role }))}
      currentWorkspaceId={user.workspace?.id}
    >
      {children}
    </AppShell>
  );
}
