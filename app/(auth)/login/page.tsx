import type { Metadata } from 'next';

import { LoginForm } from '@/components/shell/login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; expired?: string }>;
}) {
  const { callbackUrl, expired } = await searchParams;
  const target = callbackUrl?.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/lists';
  return (
    <main className="login-page">
      <div className="card login-card stack">
        <h1>Sign in to Listport</h1>
        {expired && <p className="alert warn">Your session has ended. Sign in again to continue.</p>}
        <LoginForm callbackUrl={target} />
      </div>
    </main>
  );
}
