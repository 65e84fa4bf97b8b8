'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';

import { ApiClientError } from '@/lib/api/client';
import { getRevisionDiff, restoreRevision, type RevisionDiff } from '@/lib/api/revisions';

const n = (count: number) => count.toLocaleString('en-US');
const records = (count: number) => `${n(count)} record${count === 1 ? '' : 's'}`;

/**
 * "Restore this version" (or "Undo this import"): a confirmation that says exactly what will
 * change — the counts come from the diff of the current contents against the revision — then a
 * restore job, followed on its job page.
 */
export function RestoreRevisionButton({
  listId,
  revision,
  currentRevision,
  label,
  title,
}: {
  listId: string;
  revision: number;
  currentRevision: number;
  label: string;
  title: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [counts, setCounts] = useState<RevisionDiff['counts']>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const headingId = `restore-title-${revision}`;

  async function open() {
    setError(undefined);
    setCounts(undefined);
    dialog.current?.showModal();
    try {
      // From the current contents to the revision: what the restore adds, removes and changes.
      const diff = await getRevisionDiff(listId, { revision, compareTo: currentRevision, limit: 1 });
      setCounts(diff.counts);
    } catch (e) {
      setError(e as Error);
    }
  }

  async function restore() {
    setBusy(true);
    setError(undefined);
    try {
      const job = await restoreRevision(listId, { revision });
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
  const nothing = counts && counts.added + counts.removed + counts.changed === 0;

  return (
    <>
      <button type="button" onClick={() => void open()}>
        {label}
      </button>
      <dialog ref={dialog} aria-labelledby={headingId}>
        <div className="stack">
          <h2 id={headingId}>{title}</h2>
          {!counts && !error && <p role="status">Comparing revision {revision} with the current contents…</p>}
          {counts && (
            <div role="status">
              <p>
                The list becomes exactly as it was at revision {revision}, as a new revision (which can be undone the
                same way).
              </p>
              {nothing ? (
                <p>No record changes: the contents are already the same.</p>
              ) : (
                <ul>
                  <li>
                    <strong>{records(counts.added)}</strong> added back
                  </li>
                  <li>
                    <strong>{records(counts.removed)}</strong> removed
                  </li>
                  <li>
                    <strong>{records(counts.changed)}</strong> changed back
                  </li>
                </ul>
              )}
            </div>
          )}
          {error && (
            <p className="alert error" role="alert">
              {error.message} {error instanceof ApiClientError ? error.remediation : ''}{' '}
              {active && <Link href={`/jobs/${active}`}>See the running job</Link>}
            </p>
          )}
          <div className="row">
            <button type="button" className="primary" onClick={() => void restore()} disabled={busy || !counts}>
              Restore revision {revision}
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
