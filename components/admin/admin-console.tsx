import { AuditPanel } from './audit-panel';
import { MembersPanel } from './members-panel';
import { WorkspacesPanel } from './workspaces-panel';

export function AdminConsole({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  return (
    <div className="stack">
      <h1>Admin</h1>
      <MembersPanel workspaceId={workspaceId} workspaceName={workspaceName} />
      <WorkspacesPanel />
      <AuditPanel />
    </div>
  );
}
