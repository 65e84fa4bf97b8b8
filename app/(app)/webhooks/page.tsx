import type { Metadata } from 'next';

import { WebhooksPanel } from '@/components/webhooks/webhooks-panel';
import { requireCurrentUser } from '@/lib/session/current-user';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const user = await requireCurrentUser();
  const workspace = user.workspace;
  if (!workspace || workspace.role !== 'admin') {
    return (
      <div className="stack">
        <h1>Webhooks</h1>
        <div className="alert error" role="alert">
          <strong>You need the admin role to manage webhooks.</strong> You are{' '}
          {workspace ? `a ${workspace.role}` : 'not a member'} in
          {workspace ? ` workspace “${workspace.name}”` : ' any workspace'}. Ask an admin of this workspace if you need
          access.
        </div>
      </div>
    );
  }
  return <WebhooksPanel workspaceId={workspace.id} workspaceName={workspace.name} />;
}
