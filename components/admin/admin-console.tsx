import { AuditPanel } from './audit-panel';
import { MembersPanel } from './members-panel';
import { WorkspacesPanel } from './workspaces-panel';

export function AdminConsole(props: {
  workspaceId: string;
  workspaceName: string;
  currentUserId: string;
  isInstanceAdmin: boolean;
}) {
  return (
    <div className="stack">
      <h1>Admin</h1>
      <MembersPanel {...props} />
      <WorkspacesPanel />
      <AuditPanel />
    </div>
  );
}
