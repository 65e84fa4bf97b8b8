import type { Metadata } from 'next';

import { LoginForm } from '@/components/shell/login-form';
import { safeCallbackPath } from '@/lib/auth/safe-callback';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; expired?: string }>;
}) {
  const { callbackUrl, expired } = await searchParams;
  const target = safeCallbackPath(typeof callbackUrl === 'string' ? callbackUrl : undefined, appOrigin());
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

/** The app's own origin, from NEXTAUTH_URL (set at start when not configured). */
function appOrigin(): string | undefined {
  try {
    return process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : undefined;
  } catch {
    return undefined;
  }
}
