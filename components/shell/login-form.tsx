'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    setPending(false);
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
    } else if (result?.error === 'TooManyAttempts') {
      setError('Too many failed attempts. Wait 15 minutes, then try again.');
    } else if (result?.error === 'Busy') {
      setError('The server is busy checking other sign-ins. Try again in a few seconds.');
    } else if (result?.error === 'AccountDisabled') {
      setError('This account has been disabled. Ask an admin of your workspace to enable it again.');
    } else {
      // Never say which part was wrong: that would tell an attacker which emails exist.
      setError('The email or password is not correct.');
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="primary" type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
