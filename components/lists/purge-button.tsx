'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';

import { ApiClientError } from '@/lib/api/client';
import { submitPurge } from '@/lib/api/lists';

/** Purge with a confirmation that names the list and how many records go. */
export function PurgeButton({
  listId,
  listName,
  recordCount,
}: {
  listId: string;
  listName: string;
  recordCount: number;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [error, setError] = useState<ApiClientError | Error>();
  const [busy, setBusy] = useState(false);

  async function purge() {
    setBusy(true);
    setError(undefined);
    try {
      const job = await submitPurge(listId);
      dialog.current?.close();
      router.push(`/jobs/${job.id}`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }
  const active =
    error instanceof ApiClientError ? error.details.find((d) => d.startsWith('activeJobId: '))?.slice(13) : undefined;

  return (
    <>
      <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>
        Purge…
      </button>
      <dialog ref={dialog} aria-labelledby="purge-title">
        <div className="stack">
          <h2 id="purge-title">Purge “{listName}”?</h2>
          <p>
            This removes all <strong>{recordCount.toLocaleString('en-US')} records</strong> of “{listName}”. The list,
            its columns and its job history stay.
          </p>
          {error && (
            <p className="alert error" role="alert">
              {error.message} {error instanceof ApiClientError ? error.remediation : ''}{' '}
              {active && <Link href={`/jobs/${active}`}>See the running job</Link>}
            </p>
          )}
          <div className="row">
            <button type="button" className="danger" onClick={() => void purge()} disabled={busy}>
              Purge {recordCount.toLocaleString('en-US')} records
            </button>
            <button type="button" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
