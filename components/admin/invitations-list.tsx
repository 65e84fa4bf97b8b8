'use client';

import { useQuery } from '@tanstack/react-query';

import { ErrorMessage } from '@/components/ui/error-message';
import { LocalTime } from '@/components/ui/local-time';
import { apiFetch, type Collection } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/query-keys';

export type PendingInvitation = { id: string; email: string; role: string; invitedBy: string; expiresAt: string };

/** The workspace's invitations not yet answered, each with a way to cancel it. */
export function InvitationsList(props: {
  workspaceId: string;
  onChanged: (message: string) => void;
  onFailed: (error: unknown) => void;
}) {
  const invitations = useQuery({
    queryKey: queryKeys.invitations(props.workspaceId),
    queryFn: () => apiFetch<Collection<PendingInvitation>>(`/api/v1/workspaces/${props.workspaceId}/invitations`),
  });
  async function cancel(invitation: PendingInvitation) {
    try {
      await apiFetch(`/api/v1/workspaces/${props.workspaceId}/invitations/${invitation.id}`, { method: 'DELETE' });
      props.onChanged(`The invitation of ${invitation.email} is cancelled: its link no longer works.`);
    } catch (error) {
      props.onFailed(error);
    }
  }
  if (invitations.error) return <ErrorMessage error={invitations.error} />;
  if (!invitations.data || invitations.data.items.length === 0) return null;
  return (
    <table aria-label="Open invitations">
      <caption>Open invitations</caption>
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Invited by</th>
          <th scope="col">Until</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {invitations.data.items.map((invitation) => (
          <tr key={invitation.id}>
            <td>{invitation.email}</td>
            <td>{invitation.role}</td>
            <td>{invitation.invitedBy}</td>
            <td>
              <LocalTime value={invitation.expiresAt} />
            </td>
            <td>
              <button
                type="button"
                onClick={() => void cancel(invitation)}
                aria-label={`Cancel the invitation of ${invitation.email}`}
              >
                Cancel invitation
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
