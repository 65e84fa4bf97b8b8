'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';

import { ConfirmDialog, useDialog } from '@/components/ui/confirm-dialog';
import { ErrorMessage } from '@/components/ui/error-message';
import { useDialogAction } from '@/components/ui/use-dialog-action';
import { ApiClientError } from '@/lib/api/client';
import { editContents, type ListRecord } from '@/lib/api/lists';
import { queryKeys } from '@/lib/api/query-keys';
import { recordRefusalWords, type RecordRefusal } from '@/lib/lists/record-refusal-words';
import { plural } from '@/lib/shared/plural';

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
  // The fields' text as last saved: a refused value is quoted back as the person typed it.
  const [sent, setSent] = useState<Record<string, string>>({});
  const refusal = refusalOf(
    edit.error,
    columns.map((c) => c.name),
    sent,
  );
  const fieldsRef = useRef<HTMLDivElement>(null);
  const firstRefused = refusal?.fields[0]?.column;
  useEffect(() => {
    // The first refused field takes the focus, its problem read out with it (aria-describedby).
    if (firstRefused !== undefined)
      fieldsRef.current?.querySelector<HTMLInputElement>(`[name="${CSS.escape(firstRefused)}"]`)?.focus();
  }, [edit.error, firstRefused]);

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
    const texts: Record<string, string> = {};
    for (const c of columns) {
      if (c.isKey) continue;
      const text = String(form.get(c.name) ?? '');
      texts[c.name] = text;
      if (text === textOf(record[c.name] ?? null)) continue;
      item[c.name] = typedValue(c.dataType, text);
    }
    if (Object.keys(item).length === Object.keys(key).length) {
      editDialog.close();
      return;
    }
    setSent(texts);
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
        <div className="stack" key={JSON.stringify(record)} ref={fieldsRef}>
          {columns.map((c, i) => {
            if (c.isKey)
              return (
                <p key={c.name}>
                  <strong>{c.name}</strong> (key): {textOf(record[c.name] ?? null)}
                </p>
              );
            const id = `record-${c.name}`;
            const problem = refusal?.fields.find((f) => f.column === c.name);
            return (
              <div className="field" key={c.name}>
                <label htmlFor={id}>{c.name}</label>
                <input
                  id={id}
                  name={c.name}
                  defaultValue={textOf(record[c.name] ?? null)}
                  autoFocus={i === columns.findIndex((other) => !other.isKey)}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${id}-problem` : undefined}
                />
                {problem && (
                  <span id={`${id}-problem`} className="field-error">
                    {problem.words}
                    {problem.hint && <span className="hint"> {problem.hint}</span>}
                  </span>
                )}
              </div>
            );
          })}
          <p className="hint">Leave a value empty to clear it. The change is checked like an import.</p>
          {refusal ? (
            <div className="alert error" role="alert">
              <strong>
                The record was not saved
                {refusal.fields.length > 0 &&
                  `: ${plural(refusal.fields.length, 'value')} ${refusal.fields.length === 1 ? 'needs' : 'need'} a change`}
                .
              </strong>
              {refusal.fields.length > 1 && ` ${refusal.fields.map((f) => f.words).join(' ')}`}
              {refusal.others.length > 0 && ` ${refusal.others.join(' ')}`}
            </div>
          ) : (
            <ErrorMessage error={edit.error} />
          )}
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

/** A refusal of the values (400 with details) in the dialog's words; other errors are shown as they come. */
function refusalOf(error: unknown, columns: string[], sent: Record<string, string>): RecordRefusal | undefined {
  if (!(error instanceof ApiClientError) || error.status !== 400 || error.details.length === 0) return undefined;
  return recordRefusalWords(error.details, columns, sent);
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
