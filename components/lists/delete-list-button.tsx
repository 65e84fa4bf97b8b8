'use client';

import { useRouter } from 'next/navigation';

import { ConfirmButton } from '@/components/ui/confirm-button';
import { deleteList } from '@/lib/api/lists';

/** Deletes the list after a confirmation naming it and its records; refused while deployed. */
export function DeleteListButton(props: { listId: string; listName: string; recordCount: number; deployed: boolean }) {
  const router = useRouter();
  const records = `${props.recordCount.toLocaleString('en-US')} ${props.recordCount === 1 ? 'record' : 'records'}`;
  return (
    <ConfirmButton
      label="Delete list…"
      title={`Delete “${props.listName}”?`}
      confirmLabel={`Delete “${props.listName}” and its ${records}`}
      danger
      onConfirm={async () => {
        await deleteList(props.listId);
        router.push('/lists');
        router.refresh();
      }}
    >
      {props.deployed ? (
        <p className="alert warn">
          “{props.listName}” is deployed: it cannot be deleted until its state is set back to developing.
        </p>
      ) : null}
      <p>
        This deletes the list “{props.listName}”, its columns and its <strong>{records}</strong>. Its job history stays,
        without the uploaded files. This cannot be undone.
      </p>
    </ConfirmButton>
  );
}
