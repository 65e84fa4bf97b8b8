'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { ScrollTable } from '@/components/ui/side-scroll';
import { updateList, type ListColumnView } from '@/lib/api/lists';
import { TYPE_WORDS } from '@/lib/lists/type-words';

import { ColumnDialog } from './column-dialog';

/**
 * The list page's "Edit list" area: name and description (PUT /lists/{id}, admins), and the
 * columns with Add column / Change (POST and PATCH …/columns, editors). Closed until asked for.
 */
export function EditList(props: {
  listId: string;
  name: string;
  description: string;
  recordCount: number;
  columns: ListColumnView[];
  canRename: boolean;
}) {
  const router = useRouter();
  const [saved, setSaved] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function saveDetails(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      await updateList(props.listId, {
        name: String(form.get('name') ?? ''),
        description: String(form.get('description') ?? ''),
      });
      setSaved('Name and description saved.');
      router.refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function columnSaved(message: string) {
    setSaved(message);
    router.refresh();
  }

  return (
    <details className="edit-list">
      <summary>Edit list</summary>
      <div className="stack">
        {props.canRename && (
          <form className="row fields" onSubmit={(e) => void saveDetails(e)} aria-label="Name and description">
            <div className="field">
              <label htmlFor="edit-list-name">Name</label>
              <input id="edit-list-name" name="name" defaultValue={props.name} required maxLength={200} />
            </div>
            <div className="field" style={{ flex: 1, minWidth: '12rem' }}>
              <label htmlFor="edit-list-description">Description</label>
              <input id="edit-list-description" name="description" defaultValue={props.description} maxLength={4000} />
            </div>
            <button type="submit" disabled={busy}>
              Save name and description
            </button>
          </form>
        )}
        <ErrorMessage error={error} />
        <p role="status" className="hint">
          {saved}
        </p>
        <ScrollTable label="Columns to edit">
          <table>
            <caption className="sr-only">Columns of {props.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.columns.map((c) => (
                <tr key={c.name}>
                  <th scope="row">{c.name}</th>
                  <td>
                    {[TYPE_WORDS[c.dataType], c.isKey && 'key', c.required && 'required'].filter(Boolean).join(', ')}
                  </td>
                  <td>
                    <ColumnDialog
                      // Opened after a change, the dialog starts from the column as it now is.
                      key={JSON.stringify(c)}
                      listId={props.listId}
                      recordCount={props.recordCount}
                      column={c}
                      label="Change…"
                      ariaLabel={`Change column ${c.name}`}
                      onSaved={(_list, name) => columnSaved(`Column “${name}” saved.`)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
        <div>
          <ColumnDialog
            listId={props.listId}
            recordCount={props.recordCount}
            label="Add column…"
            onSaved={(_list, name) => columnSaved(`Column “${name}” added.`)}
          />
        </div>
      </div>
    </details>
  );
}
