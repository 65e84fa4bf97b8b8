'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, useSyncExternalStore, type FormEvent } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { acceptInvitationLink } from '@/lib/api/account';
import { PASSWORD_HINT } from '@/lib/password-rule';

const noSubscription = () => () => {};

/** A new person creates their account from an invitation link, then is signed in. */
export function AcceptInvitationForm({ secret, email }: { secret: string; email: string }) {
  const router = useRouter();
  const [problem, setProblem] = useState<unknown>();
  const [pending, setPending] = useState(false);
  // Until the page's script runs, a click would submit the form natively (the password in the URL).
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('confirm') ?? '')) {
      setProblem(new Error('The two passwords are not the same.'));
      return;
    }
    setPending(true);
    setProblem(undefined);
    try {
      await acceptInvitationLink(secret, { name: String(form.get('name') ?? ''), password });
      const result = await signIn('credentials', { email, password, redirect: false });
      router.replace(result?.ok && !result.error ? '/lists' : '/login');
      router.refresh();
    } catch (error) {
      setProblem(error);
      setPending(false);
    }
  }

  return (
    <form className="stack" method="post" onSubmit={submit} aria-label="Create your account">
      <ErrorMessage error={problem} />
      <div className="field">
        <label htmlFor="invite-email">Email</label>
        <input id="invite-email" type="email" value={email} readOnly autoComplete="username" />
      </div>
      <div className="field">
        <label htmlFor="invite-name">Your name</label>
        <input id="invite-name" name="name" required autoComplete="name" />
      </div>
      <div className="field">
        <label htmlFor="invite-password">Choose a password</label>
        <input
          id="invite-password"
          name="password"
          type="password"
          required
          autoComplete="new-password"
          aria-describedby="invite-password-rule"
        />
        <span id="invite-password-rule" className="hint">
          {PASSWORD_HINT}
        </span>
      </div>
      <div className="field">
        <label htmlFor="invite-confirm">Type it again</label>
        <input id="invite-confirm" name="confirm" type="password" required autoComplete="new-password" />
      </div>
      <button className="primary" type="submit" disabled={pending || !ready}>
        {pending ? 'Creating your account…' : 'Create account and join'}
      </button>
    </form>
  );
}
