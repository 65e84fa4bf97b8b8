'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { LocalTime } from '@/components/ui/local-time';
import { answerInvitation, listMyInvitations, type Invitation } from '@/lib/api/account';
import { queryKeys } from '@/lib/api/query-keys';

/** Invitations to the signed-in user's email: join the workspace, or decline. */
export function InvitationsPanel() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const invitations = useQuery({
    queryKey: queryKeys.myInvitations(),
    queryFn: listMyInvitations,
  });
  const [status, setStatus] = useState<string>();
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function answer(invitation: Invitation, accept: boolean) {
    setBusy(true);
    setProblem(undefined);
    try {
      await answerInvitation(invitation.id, { accept });
      setStatus(
        accept
          ? `You joined “${invitation.workspaceName}” as ${invitation.role}. Switch to it in the workspace menu.`
          : `You declined the invitation to “${invitation.workspaceName}”.`,
      );
      // The workspace menu is rendered on the server: it lists the new workspace after a refresh.
      if (accept) router.refresh();
    } catch (error) {
      setStatus(undefined);
      setProblem(error);
    } finally {
      setBusy(false);
      void queryClient.invalidateQueries({ queryKey: queryKeys.myInvitations() });
    }
  }

  const items = invitations.data?.items ?? [];
  return (
    <section className="card stack" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invitations</h2>
      <ErrorMessage error={invitations.error ?? problem} />
      <div role="status">{status && <p className="alert ok">{status}</p>}</div>
      {invitations.data && items.length === 0 && <p className="muted">You have no open invitations.</p>}
      {items.length > 0 && (
        <ul className="stack" aria-label="Open invitations">
          {items.map((invitation) => (
            <li key={invitation.id} className="row">
              <span>
                <strong>{invitation.invitedBy}</strong> invites you to workspace{' '}
                <strong>“{invitation.workspaceName}”</strong> as {invitation.role}{' '}
                <span className="hint">
                  (until <LocalTime value={invitation.expiresAt} />)
                </span>
              </span>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void answer(invitation, true)}
                aria-label={`Join “${invitation.workspaceName}”`}
              >
                Join
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => void answer(invitation, false)}
                aria-label={`Decline the invitation to “${invitation.workspaceName}”`}
              >
                Decline
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
