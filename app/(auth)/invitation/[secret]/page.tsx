import type { Metadata } from 'next';

import { AcceptInvitationForm } from '@/components/account/accept-invitation-form';
import { LocalTime } from '@/components/ui/local-time';
import { findOpenInvitationByLink } from '@/db/queries/invitations';
import { isLinkSecret, linkHash } from '@/lib/members/invitation-link';

export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

/** Where a one-time invitation link leads: a new person chooses their name and password and joins. */
export default async function InvitationPage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const invitation = isLinkSecret(secret) ? await findOpenInvitationByLink(linkHash(secret)) : undefined;
  return (
    <main className="login-page">
      <div className="card login-card stack">
        {invitation ? (
          <>
            <h1>Join “{invitation.workspaceName}”</h1>
            <p>
              {invitation.invitedByEmail} invites <strong>{invitation.email}</strong> to the Listport workspace “
              {invitation.workspaceName}” as {invitation.role}. The invitation is open until{' '}
              <LocalTime value={invitation.expiresAt} />.
            </p>
            <AcceptInvitationForm secret={secret} email={invitation.email} />
            <p className="hint">
              Already have a Listport account with this email? <a href="/login?callbackUrl=/account">Sign in</a> and
              accept the invitation on your account page.
            </p>
          </>
        ) : (
          <>
            <h1>This invitation link does not work</h1>
            <div className="alert error" role="alert">
              It was already used, was cancelled, or has expired. Ask the admin who invited you for a new invitation.
            </div>
            <p>
              <a href="/login">Go to sign-in</a>
            </p>
          </>
        )}
      </div>
    </main>
  );
}
