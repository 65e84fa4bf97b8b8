import Link from 'next/link';

import { ApiClientError } from '@/lib/api/client';

/**
 * Why a job (a purge, a restore) was not started, in the dialog that asked for it; when another
 * job holds the list, a link to that job.
 */
export function JobRefusal({ error }: { error: Error | undefined }) {
  if (!error) return null;
  const active =
    error instanceof ApiClientError ? error.details.find((d) => d.startsWith('activeJobId: '))?.slice(13) : undefined;
  return (
    <p className="alert error" role="alert">
      {error.message} {error instanceof ApiClientError ? error.remediation : ''}{' '}
      {active && <Link href={`/jobs/${active}`}>See the running job</Link>}
    </p>
  );
}
