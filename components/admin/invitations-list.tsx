'use client';

import { useQuery } from '@tanstack/react-query';

import { ErrorMessage } from '@/components/ui/error-message';
import { LocalTime } from '@/components/ui/local-time';
import { ScrollTable } from '@/components/ui/side-scroll';
import { cancelInvitation, listInvitations, type Invitation } from '@/lib/api/admin';
import { queryKeys } from '@/lib/api/query-keys';

/** The workspace's invitations not yet answered, each with a way to cancel it. */
export function InvitationsList(props: {
  workspaceId: string;
  onChanged: (message: string) => void;
  onFailed: (error: unknown) => void;
}) {
  const invitations = useQuery({
    queryKey: queryKeys.invitations(props.workspaceId),
    queryFn: () => listInvitations(props.workspaceId),
  });
  async function cancel(invitation: Invitation) {
    try {
      await cancelInvitation(props.workspaceId, invitation.id);
      props.onChanged(`The invitation of ${invitation.email} is cancelled: its link no longer works.`);
    } catch (error) {
      props.onFailed(error);
    }
  }
  if (invitations.error) return <ErrorMessage error={invitations.error} />;
  if (!invitations.data || invitations.data.items.length === 0) return null;
  return (
    <ScrollTable label="Open invitations">
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
    </ScrollTable>
  );
}
