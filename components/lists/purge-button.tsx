'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { JobRefusal } from '@/components/jobs/job-refusal';
import { ConfirmDialog, useDialog } from '@/components/ui/confirm-dialog';
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
  const dialog = useDialog();
  const router = useRouter();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  async function purge() {
    setBusy(true);
    setError(undefined);
    try {
      const job = await submitPurge(listId);
      dialog.close();
      router.push(`/jobs/${job.id}`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="danger" onClick={dialog.open}>
        Purge…
      </button>
      <ConfirmDialog
        dialog={dialog}
        title={`Purge “${listName}”?`}
        confirmLabel={`Purge ${recordCount.toLocaleString('en-US')} records`}
        danger
        confirmDisabled={busy}
        onConfirm={() => void purge()}
      >
        <p>
          This removes all <strong>{recordCount.toLocaleString('en-US')} records</strong> of “{listName}”. The list, its
          columns and its job history stay.
        </p>
        <JobRefusal error={error} />
      </ConfirmDialog>
    </>
  );
}
