import type { Metadata } from 'next';
import Link from 'next/link';

import { CreateListForm } from '@/components/lists/create-list-form';
import { requireCurrentUser } from '@/lib/session/current-user';

export const metadata: Metadata = { title: 'New list' };

export default async function NewListPage() {
  const user = await requireCurrentUser();
  const workspace = user.workspace;
  return (
    <div className="stack">
      <p>
        <Link href="/lists">← Lists</Link>
      </p>
      <h1>New list</h1>
      {workspace?.role === 'admin' ? (
        <CreateListForm workspaceId={workspace.id} workspaceName={workspace.name} />
      ) : (
        <p className="alert error" role="alert">
          Creating lists needs the admin role in this workspace. Ask an admin of “{workspace?.name ?? 'your workspace'}
          ”.
        </p>
      )}
    </div>
  );
}
