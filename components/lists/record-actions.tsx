'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';

import { ConfirmDialog, useDialog } from '@/components/ui/confirm-dialog';
import { ErrorMessage } from '@/components/ui/error-message';
import { useDialogAction } from '@/components/ui/use-dialog-action';
import { editContents, type ListRecord } from '@/lib/api/lists';
import { queryKeys } from '@/lib/api/query-keys';

type Column = { name: string; dataType: string; isKey: boolean };

/**
 * Edit or delete the grid's active record, each after a dialog: a person fixing one typo should not
 * have to export, edit and re-import the list. Only the values changed are sent, so a column with a
 * format (decimal commas, day/month dates) is not read back from the canonical value shown here.
 */
export function RecordActions({
  listId,
  columns,
  record,
  where,
  onChanged,
}: {
  listId: string;
  columns: Column[];
  record: ListRecord;
  /** The record in words ("customerId 2"), for the dialogs' titles. */
  where: string;
  onChanged: () => void;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const editDialog = useDialog();
  const deleteDialog = useDialog();
  const edit = useDialogAction(editDialog);
  const remove = useDialogAction(deleteDialog);
  const key = Object.fromEntries(columns.filter((c) => c.isKey).map((c) => [c.name, record[c.name] ?? null]));

  function changed() {
    onChanged();
    // The heading's record count, the History and the jobs are read again.
    void queryClient.invalidateQueries({ queryKey: queryKeys.list(listId) });
    router.refresh();
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const item: ListRecord = { ...key };
    for (const c of columns) {
      if (c.isKey) continue;
      const text = String(form.get(c.name) ?? '');
      if (text === textOf(record[c.name] ?? null)) continue;
      item[c.name] = typedValue(c.dataType, text);
    }
    if (Object.keys(item).length === Object.keys(key).length) {
      editDialog.close();
      return;
    }
    void edit.run(() => editContents(listId, 'upsert', [item]), changed);
  }

  return (
    <div className="row">
      <button type="button" onClick={edit.open}>
        Edit this record…
      </button>
      <button type="button" onClick={remove.open}>
        Delete this record…
      </button>
      <ConfirmDialog
        dialog={editDialog}
        title={`Edit ${where}`}
        confirmLabel="Save record"
        confirmDisabled={edit.busy}
        onSubmit={save}
        focusCancel={false}
      >
        {/* Keyed by the record: another record, or this one changed, opens with its values. */}
        <div className="stack" key={JSON.stringify(record)}>
          {columns.map((c, i) =>
            c.isKey ? (
              <p key={c.name}>
                <strong>{c.name}</strong> (key): {textOf(record[c.name] ?? null)}
              </p>
            ) : (
              <div className="field" key={c.name}>
                <label htmlFor={`record-${c.name}`}>{c.name}</label>
                <input
                  id={`record-${c.name}`}
                  name={c.name}
                  defaultValue={textOf(record[c.name] ?? null)}
                  autoFocus={i === columns.findIndex((other) => !other.isKey)}
                />
              </div>
            ),
          )}
          <p className="hint">Leave a value empty to clear it. The change is checked like an import.</p>
          <ErrorMessage error={edit.error} />
        </div>
      </ConfirmDialog>
      <ConfirmDialog
        dialog={deleteDialog}
        title={`Delete ${where}?`}
        confirmLabel="Delete record"
        danger
        confirmDisabled={remove.busy}
        onConfirm={() => void remove.run(() => editContents(listId, 'delete', [key]), changed)}
      >
        <p>The record is removed from the list. The History keeps the version before, to restore it.</p>
        <ErrorMessage error={remove.error} />
      </ConfirmDialog>
    </div>
  );
}

function textOf(value: string | number | boolean | null): string {
  return value === null ? '' : String(value);
}

/** Numbers and yes/no as the grid shows them go as JSON values; other text is read as a file's would be. */
function typedValue(dataType: string, text: string): string | number | boolean | null {
  if (text === '') return null;
  if ((dataType === 'integer' || dataType === 'number') && /^-?\d+(\.\d+)?$/.test(text)) {
    const number = Number(text);
    if (dataType === 'number' || Number.isSafeInteger(number)) return number;
  }
  if (dataType === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}
