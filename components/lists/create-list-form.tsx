'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useDropzone } from 'react-dropzone';

import { ApiClientError, apiFetch } from '@/lib/api/client';
import { compileColumnPattern } from '@/lib/lists/column-pattern';
import { DATA_TYPES, NUMERIC_TYPES, type ColumnInput, type DataType } from '@/lib/lists/columns';
import { guessColumns } from '@/lib/lists/guess-columns';
import { readHeaderSample } from '@/lib/lists/read-header-sample';

type EditableColumn = {
  name: string;
  dataType: DataType;
  isKey: boolean;
  required: boolean;
  maxLength: string;
  pattern: string;
  allowedValues: string;
};

const blank = (): EditableColumn => ({
  name: '',
  dataType: 'string',
  isKey: false,
  required: false,
  maxLength: '',
  pattern: '',
  allowedValues: '',
});
const fromInput = (c: ColumnInput): EditableColumn => ({
  ...blank(),
  name: c.name,
  dataType: c.dataType,
  isKey: Boolean(c.isKey),
  required: c.required ?? NUMERIC_TYPES.has(c.dataType),
});

/** Define a list's columns by hand, or start from a CSV file's header with types guessed from its first rows. */
export function CreateListForm({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [columns, setColumns] = useState<EditableColumn[]>([{ ...blank(), name: 'id', isKey: true, required: true }]);
  const [error, setError] = useState<{ message: string; details: string[] }>();
  const [notice, setNotice] = useState<string>();
  const [saving, setSaving] = useState(false);

  const { getRootProps, getInputProps, open } = useDropzone({
    accept: { 'text/csv': ['.csv'], 'text/tab-separated-values': ['.tsv'], 'text/plain': ['.txt'] },
    multiple: false,
    noClick: true,
    noKeyboard: true,
    onDropAccepted: async ([file]) => {
      if (!file) return;
      const sample = readHeaderSample(new Uint8Array(await file.slice(0, 256 * 1024).arrayBuffer()));
      if (sample.header.length === 0) {
        setNotice('That file has no header row to start from.');
        return;
      }
      setColumns(guessColumns(sample.header, sample.rows).map(fromInput));
      if (!name) setName(file.name.replace(/\.[^.]+$/, ''));
      setNotice(
        `Columns proposed from ${file.name}: ${sample.header.length} columns, types guessed from ${sample.rows.length} rows. Check them before creating the list.`,
      );
    },
    onDropRejected: () => setNotice('Choose a .csv, .tsv or .txt file.'),
  });

  const update = (i: number, patch: Partial<EditableColumn>) =>
    setColumns((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const move = (i: number, delta: number) =>
    setColumns((cs) => {
      const next = [...cs];
      const [item] = next.splice(i, 1);
      next.splice(Math.max(0, Math.min(next.length, i + delta)), 0, item!);
      return next;
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const list = await apiFetch<{ id: string }>('/api/v1/lists', {
        method: 'POST',
        json: {
          name,
          description,
          workspaceId,
          columns: columns.map((c) => ({
            name: c.name,
            dataType: c.dataType,
            isKey: c.isKey,
            required: c.required,
            ...(c.maxLength && { maxLength: Number(c.maxLength) }),
            ...(c.pattern && { pattern: c.pattern }),
            ...(c.allowedValues.trim() && {
              allowedValues: c.allowedValues
                .split(',')
                .map((v) => v.trim())
                .filter(Boolean),
            }),
          })),
        },
      });
      router.push(`/lists/${list.id}`);
    } catch (e) {
      setError({
        message: (e as Error).message,
        details:
          e instanceof ApiClientError
            ? e.details.filter((d) => !d.startsWith('path:') && !d.startsWith('correlator:'))
            : [],
      });
      setSaving(false);
    }
  }

  return (
    <form className="stack" onSubmit={submit} aria-label="New list">
      <p className="hint">The list is created in workspace “{workspaceName}”.</p>
      <div {...getRootProps({ className: 'dropzone' })}>
        <input {...getInputProps()} aria-label="CSV file to start from" />
        <p>
          <strong>Start from a CSV file</strong> — drop one here and its header becomes the columns.
        </p>
        <button type="button" onClick={open}>
          Choose a CSV file…
        </button>
      </div>
      {notice && (
        <p className="alert ok" role="status">
          {notice}
        </p>
      )}
      <div className="row fields">
        <div className="field">
          <label htmlFor="list-name">Name</label>
          <input id="list-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </div>
        <div className="field" style={{ flex: 1 }}>
          <label htmlFor="list-description">Description</label>
          <input id="list-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
      </div>
      <table>
        <caption className="sr-only">Columns</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Column name (as in the file header)</th>
            <th scope="col">Type</th>
            <th scope="col">Key</th>
            <th scope="col">Required</th>
            <th scope="col">Max length</th>
            <th scope="col">Pattern</th>
            <th scope="col">Allowed values (comma-separated)</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c, i) => {
            // Checked as it is typed, by the code the server checks it with.
            const pattern = c.pattern ? compileColumnPattern(c.pattern) : undefined;
            const patternRefused = pattern && !pattern.ok ? pattern : undefined;
            return (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>
                  <input
                    aria-label={`Name of column ${i + 1}`}
                    value={c.name}
                    onChange={(e) => update(i, { name: e.target.value })}
                    required
                  />
                </td>
                <td>
                  <select
                    aria-label={`Type of column ${i + 1}`}
                    value={c.dataType}
                    onChange={(e) => {
                      const dataType = e.target.value as DataType;
                      // Numbers start required (the List Data rule); untick to allow empty values.
                      update(i, { dataType, ...(NUMERIC_TYPES.has(dataType) && { required: true }) });
                    }}
                  >
                    {DATA_TYPES.map((t) => (
                      <option key={t}>{t}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Column ${i + 1} is part of the key`}
                    checked={c.isKey}
                    onChange={(e) => update(i, { isKey: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Column ${i + 1} is required`}
                    checked={c.required || c.isKey}
                    disabled={c.isKey}
                    onChange={(e) => update(i, { required: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Max length of column ${i + 1}`}
                    type="number"
                    min={1}
                    style={{ width: '6rem' }}
                    value={c.maxLength}
                    onChange={(e) => update(i, { maxLength: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Pattern of column ${i + 1}`}
                    value={c.pattern}
                    onChange={(e) => update(i, { pattern: e.target.value })}
                    aria-invalid={patternRefused ? true : undefined}
                    aria-describedby={patternRefused ? `pattern-problem-${i}` : undefined}
                  />
                  {patternRefused && (
                    <p id={`pattern-problem-${i}`} className="alert error" role="status">
                      This pattern {patternRefused.reason}. {patternRefused.instead}
                    </p>
                  )}
                </td>
                <td>
                  <input
                    aria-label={`Allowed values of column ${i + 1}`}
                    value={c.allowedValues}
                    onChange={(e) => update(i, { allowedValues: e.target.value })}
                  />
                </td>
                <td className="row">
                  <button
                    type="button"
                    onClick={() => move(i, -1)}
                    disabled={i === 0}
                    aria-label={`Move column ${i + 1} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    onClick={() => move(i, 1)}
                    disabled={i === columns.length - 1}
                    aria-label={`Move column ${i + 1} down`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    onClick={() => setColumns((cs) => cs.filter((_, j) => j !== i))}
                    disabled={columns.length === 1}
                    aria-label={`Remove column ${i + 1}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="row">
        <button type="button" onClick={() => setColumns((cs) => [...cs, blank()])}>
          Add column
        </button>
      </div>
      {error && (
        <div className="alert error" role="alert">
          <strong>{error.message}</strong>
          {error.details.length > 0 && (
            <ul>
              {error.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Creating…' : 'Create list'}
        </button>
      </div>
    </form>
  );
}
