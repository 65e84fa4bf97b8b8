import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { ChangePasswordForm } from '@/components/account/change-password-form';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { requireCurrentUser } from '@/lib/session/current-user';

export const metadata: Metadata = { title: 'Choose your password' };
export const dynamic = 'force-dynamic';

/** Where an account whose password someone else chose is held until its user chooses their own. */
export default async function ChoosePasswordPage() {
  const user = await requireCurrentUser({ passwordChangePage: true });
  if (!user.mustChangePassword) redirect('/account');
  return (
    <main className="login-page">
      <div className="card login-card stack">
        <h1>Choose your own password</h1>
        <p>
          You signed in as <strong>{user.email}</strong> with a password someone else chose: the demo password, or one
          an administrator set for you. Choose a password only you know before you go on.
        </p>
        <ChangePasswordForm email={user.email} afterChange="/lists" />
        <div className="row">
          <span className="hint">Not now?</span>
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
