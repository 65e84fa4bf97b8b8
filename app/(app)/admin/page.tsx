import type { Metadata } from 'next';

import { AdminConsole } from '@/components/admin/admin-console';
import { requireCurrentUser } from '@/lib/session/current-user';

import { RevisionStorage } from './revision-storage';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminPage() {
  const user = await requireCurrentUser();
  const workspace = user.workspace;
  if (!workspace || workspace.role !== 'admin') {
    return (
      <div className="stack">
        <h1>Admin</h1>
        <div className="alert error" role="alert">
          <strong>You need the admin role to manage users and tokens.</strong> You are{' '}
          {workspace ? `a ${workspace.role}` : 'not a member'} in
          {workspace ? ` workspace “${workspace.name}”` : ' any workspace'}. Ask an admin of this workspace if you need
          access.
        </div>
      </div>
    );
  }
  return (
    <div className="stack">
      <AdminConsole
        workspaceId={workspace.id}
        workspaceName={workspace.name}
        currentUserId={user.id}
        isInstanceAdmin={user.isInstanceAdmin}
      />
      <RevisionStorage workspaceId={workspace.id} />
    </div>
  );
}
