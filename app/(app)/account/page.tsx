import type { Metadata } from 'next';

import { ChangePasswordForm } from '@/components/account/change-password-form';
import { InvitationsPanel } from '@/components/account/invitations-panel';
import { TokensPanel } from '@/components/account/tokens-panel';
import { LocalTime } from '@/components/ui/local-time';
import { requireCurrentUser } from '@/lib/session/current-user';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const user = await requireCurrentUser();
  return (
    <div className="stack">
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{user.name}</strong> ({user.email}).
      </p>
      <section className="card stack" aria-labelledby="password-heading">
        <h2 id="password-heading">Change your password</h2>
        <p className="hint">
          {user.passwordChangedAt ? (
            <>
              You last changed it on <LocalTime value={user.passwordChangedAt} />.
            </>
          ) : (
            'You have not changed it since your account was created.'
          )}{' '}
          Changing it signs you out on every other browser and revokes your API tokens.
        </p>
        <ChangePasswordForm email={user.email} />
      </section>
      <InvitationsPanel />
      <TokensPanel />
    </div>
  );
}
