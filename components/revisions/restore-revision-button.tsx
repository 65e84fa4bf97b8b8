'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { JobRefusal } from '@/components/jobs/job-refusal';
import { ConfirmDialog, useDialog } from '@/components/ui/confirm-dialog';
import { useDialogAction } from '@/components/ui/use-dialog-action';
import { getRevisionDiff, restoreRevision, type RevisionDiff } from '@/lib/api/revisions';
import { plural } from '@/lib/shared/plural';

const records = (count: number) => plural(count, 'record');

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
  const dialog = useDialog();
  const router = useRouter();
  const [counts, setCounts] = useState<RevisionDiff['counts']>();
  const { error, setError, busy, run } = useDialogAction<Error>(dialog);

  async function open() {
    setError(undefined);
    setCounts(undefined);
    dialog.open();
    try {
      // From the current contents to the revision: the records the restore adds (new), updates and removes.
      const diff = await getRevisionDiff(listId, { revision, compareTo: currentRevision, limit: 1 });
      setCounts(diff.counts);
    } catch (e) {
      setError(e as Error);
    }
  }

  const restore = () =>
    run(
      () => restoreRevision(listId, { revision }),
      (job) => router.push(`/jobs/${job.id}`),
    );

  const nothing = counts && counts.added + counts.removed + counts.changed === 0;

  return (
    <>
      <button type="button" onClick={() => void open()}>
        {label}
      </button>
      <ConfirmDialog
        dialog={dialog}
        title={title}
        confirmLabel={`Restore revision ${revision}`}
        // Restoring records that are already the same would only add a revision that changes nothing.
        confirmDisabled={busy || !counts || nothing}
        cancelLabel={nothing ? 'Close' : undefined}
        onConfirm={() => void restore()}
      >
        {!counts && !error && <p role="status">Comparing revision {revision} with the current contents…</p>}
        {counts && (
          <div role="status">
            {nothing ? (
              <p>Nothing to restore: the list’s records are already exactly as they were at revision {revision}.</p>
            ) : (
              <>
                <p>
                  The list becomes exactly as it was at revision {revision}, as a new revision (which can be undone the
                  same way).
                </p>
                {/* In the words of the restore job's figures and the History: new, updated, removed. */}
                <ul>
                  <li>
                    <strong>{plural(counts.added, 'new record')}</strong> (back from revision {revision})
                  </li>
                  <li>
                    <strong>{records(counts.changed)}</strong> updated back
                  </li>
                  <li>
                    <strong>{records(counts.removed)}</strong> removed
                  </li>
                </ul>
              </>
            )}
          </div>
        )}
        <JobRefusal error={error} />
      </ConfirmDialog>
    </>
  );
}
