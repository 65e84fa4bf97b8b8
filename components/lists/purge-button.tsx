'use client';

import { useRouter } from 'next/navigation';

import { JobRefusal } from '@/components/jobs/job-refusal';
import { ConfirmDialog, useDialog } from '@/components/ui/confirm-dialog';
import { useDialogAction } from '@/components/ui/use-dialog-action';
import { submitPurge } from '@/lib/api/lists';
import { plural } from '@/lib/shared/plural';

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
  const { error, busy, run } = useDialogAction<Error>(dialog);

  const purge = () =>
    run(
      () => submitPurge(listId),
      (job) => router.push(`/jobs/${job.id}`),
    );

  return (
    <>
      <button type="button" className="danger" onClick={dialog.open}>
        Purge…
      </button>
      <ConfirmDialog
        dialog={dialog}
        title={`Purge “${listName}”?`}
        confirmLabel={`Purge ${plural(recordCount, 'record')}`}
        danger
        confirmDisabled={busy}
        onConfirm={() => void purge()}
      >
        <p>
          This removes all <strong>{plural(recordCount, 'record')}</strong> of “{listName}”. The list, its columns and
          its job history stay.
        </p>
        <JobRefusal error={error} />
      </ConfirmDialog>
    </>
  );
}
