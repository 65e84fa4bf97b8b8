import { ApiClientError } from '@/lib/api/client';

/** An error as a business user should read it: what happened, then what to do. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  const remediation = error instanceof ApiClientError ? error.remediation : 'Try again.';
  return (
    <div className="alert error" role="alert">
      <strong>{message}</strong> {remediation}
      {error instanceof ApiClientError && error.status === 401 && (
        <>
          {' '}
          <a href="/login?expired=1">Sign in</a>
        </>
      )}
    </div>
  );
}
