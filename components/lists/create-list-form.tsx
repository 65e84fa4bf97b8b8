'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useDropzone } from 'react-dropzone';

import { handFileToWizard } from '@/components/import-wizard/handed-file';
import { ScrollTable } from '@/components/ui/side-scroll';
import { ApiClientError } from '@/lib/api/client';
import { createList, guessList, submitImport } from '@/lib/api/lists';
import { describeFormat, hasEffect } from '@/lib/formats/column-format';
import { columnErrorWords } from '@/lib/lists/column-error-words';
import { compileColumnPattern } from '@/lib/lists/column-pattern';
import { NUMERIC_TYPES } from '@/lib/lists/columns';
import type { GuessedColumn } from '@/lib/lists/guess/guess-list';
import { READY_PATTERNS } from '@/lib/lists/ready-patterns';
import { TYPE_WORDS } from '@/lib/lists/type-words';
import type { ColumnFormat } from '@/lib/shared/column-formats';
import { DATA_TYPES, type DataType } from '@/lib/shared/data-types';
import { plural } from '@/lib/shared/plural';

type EditableColumn = {
  name: string;
  dataType: DataType;
  isKey: boolean;
  required: boolean;
  maxLength: string;
  pattern: string;
  allowedValues: string;
  format?: ColumnFormat;
  /** Another reading of every value of the file (day/month vs month/day): the user picks. */
  ambiguity?: GuessedColumn['ambiguity'] & { proposed: ColumnFormat | undefined };
};

/** The file the columns were proposed from, imported right after the list is created. */
type SourceFile = {
  file: File;
  delimiter: string;
  encoding: string;
  rowsRead: number;
  repeatedNames: string[];
  /** Rows repeating another in full: each copy would be refused as a second record with its key. */
  repeatedRows: number;
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
const fromGuess = (c: GuessedColumn): EditableColumn => ({
  ...blank(),
  name: c.name,
  dataType: c.dataType,
  isKey: c.isKey,
  required: c.required,
  ...(c.format && { format: c.format }),
  ...(c.ambiguity && { ambiguity: { ...c.ambiguity, proposed: c.format } }),
});

const thousands = (n: number) => n.toLocaleString('en-US');

/**
 * Define a list's columns by hand, or start from a file: the server reads all of it and proposes
 * types, formats and a key unique on every row; the list is then created and the same file imported.
 */
export function CreateListForm({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [columns, setColumns] = useState<EditableColumn[]>([{ ...blank(), name: 'id', isKey: true, required: true }]);
  const [error, setError] = useState<{ message: string; details: string[] }>();
  const [notice, setNotice] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [reading, setReading] = useState(false);
  const [source, setSource] = useState<SourceFile>();

  const { getRootProps, getInputProps, open } = useDropzone({
    accept: { 'text/csv': ['.csv'], 'text/tab-separated-values': ['.tsv'], 'text/plain': ['.txt'] },
    multiple: false,
    noClick: true,
    noKeyboard: true,
    onDropAccepted: async ([file]) => {
      if (!file) return;
      setReading(true);
      setError(undefined);
      setNotice(`Reading all of ${file.name}…`);
      try {
        const form = new FormData();
        form.append('dataFile', file);
        const guess = await guessList(form);
        setColumns(guess.columns.map(fromGuess));
        if (!name) setName(guess.name);
        setSource({
          file,
          delimiter: guess.delimiter,
          encoding: guess.encoding,
          rowsRead: guess.rowsRead,
          repeatedNames: guess.repeatedNames ?? [],
          repeatedRows: guess.repeatedRows ?? 0,
        });
        const key = guess.keyCandidates[0];
        setNotice(
          [
            `Columns proposed from ${file.name}: ${guess.columns.length} columns, judged on all ${thousands(guess.rowsRead)} rows.`,
            // With rows repeated in full, the guess's note names the key and why (no two different rows share it).
            key && guess.repeatedRows === 0 ? `Key: ${key.join(' + ')} (a value on every row, never repeated).` : '',
            ...guess.notes,
            'Check them, then create the list: the file is imported right after.',
          ]
            .filter(Boolean)
            .join(' '),
        );
      } catch (e) {
        setSource(undefined);
        setNotice(undefined);
        setError({
          message: (e as Error).message,
          details: e instanceof ApiClientError ? [e.remediation] : [],
        });
      } finally {
        setReading(false);
      }
    },
    onDropRejected: () => setNotice('Choose a .csv, .tsv or .txt file.'),
    disabled: reading,
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

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const importFile = submitter?.value === 'import';
    setSaving(true);
    setError(undefined);
    try {
      const list = await createList({
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
          ...(c.format && { format: c.format }),
        })),
      });
      if (!importFile || !source) {
        router.push(`/lists/${list.id}`);
        return;
      }
      if (source.repeatedNames.length > 0) {
        // The server takes a header naming each column once: the wizard reads the file in the browser
        // and sends it under the list's names, each repeated column matched to the one made from it.
        const names = source.repeatedNames.map((n) => `“${n}”`).join(', ');
        handFileToWizard(
          list.id,
          source.file,
          `List “${list.name}” created. ${source.file.name} names ${names} more than once, so it is imported here: each of its columns is matched to the list column made from it. Check how the file is read, then go on.`,
        );
        router.push(`/lists/${list.id}/import`);
        return;
      }
      if (source.repeatedRows > 0) {
        // Sent as it is, each later copy of a row is refused (its key is taken) and nothing loads: the
        // wizard's review shows the copies and deletes the later ones in one go.
        handFileToWizard(
          list.id,
          source.file,
          `List “${list.name}” created. ${source.file.name} repeats ${plural(source.repeatedRows, 'row')} in full, so it is imported here: after mapping, Review & fix shows the copies and deletes the later ones in one go (the first of each stays).`,
        );
        router.push(`/lists/${list.id}/import`);
        return;
      }
      const form = new FormData();
      form.append('delimiter', source.delimiter);
      if (source.encoding !== 'utf-8') form.append('encoding', source.encoding);
      form.append('dataFile', source.file);
      const job = await submitImport(list.id, form);
      router.push(`/jobs/${job.id}`);
    } catch (e) {
      const details =
        e instanceof ApiClientError
          ? e.details
              .filter((d) => !d.startsWith('path:') && !d.startsWith('correlator:'))
              .map((d) =>
                columnErrorWords(
                  d,
                  columns.map((c) => c.name),
                ),
              )
          : [];
      setError({
        // The summary repeats the API's paths; the list below says the same in the form's words.
        message:
          e instanceof ApiClientError && e.message.startsWith('The request is not valid') && details.length > 0
            ? 'The list cannot be created yet:'
            : (e as Error).message,
        details,
      });
      setSaving(false);
    }
  }

  return (
    <form className="stack new-list-form" onSubmit={submit} aria-label="New list">
      <p className="hint">The list is created in workspace “{workspaceName}”.</p>
      <div {...getRootProps({ className: 'dropzone' })}>
        <input {...getInputProps()} aria-label="CSV file to start from" />
        <p>
          <strong>Start from a CSV file</strong> — drop one here: all of it is read to propose the columns, their types
          and a key, and it is imported once the list is created.
        </p>
        <button type="button" onClick={open} disabled={reading}>
          {reading ? 'Reading the file…' : 'Choose a CSV file…'}
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
      <ScrollTable label="Columns of the new list">
        <table>
          <caption className="sr-only">Columns</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Column name (as in the file header)</th>
              <th scope="col">Type</th>
              <th scope="col">Key</th>
              <th scope="col">Required</th>
              <th scope="col">Written as</th>
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
                        update(i, {
                          dataType,
                          format: undefined,
                          ambiguity: undefined,
                          ...(NUMERIC_TYPES.has(dataType) && { required: true }),
                        });
                      }}
                    >
                      {DATA_TYPES.map((t) => (
                        <option key={t} value={t}>
                          {TYPE_WORDS[t]}
                        </option>
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
                  <td className="required-cell">
                    <input
                      type="checkbox"
                      aria-label={`Column ${i + 1} is required`}
                      checked={c.required || c.isKey}
                      disabled={c.isKey}
                      onChange={(e) => update(i, { required: e.target.checked })}
                      aria-describedby={NUMERIC_TYPES.has(c.dataType) && !c.isKey ? `required-meaning-${i}` : undefined}
                    />
                    {NUMERIC_TYPES.has(c.dataType) && !c.isKey && (
                      // What the box means for numbers, said where it is ticked (the List Data rule differs from text).
                      <span id={`required-meaning-${i}`} className="hint">
                        {c.required ? 'Every row needs a number.' : 'May be empty: stored as no value.'}
                      </span>
                    )}
                  </td>
                  <td className="written-as-cell">
                    <FormatCell column={c} index={i} onChange={(format) => update(i, { format })} />
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
                      list="ready-patterns"
                      placeholder="none"
                      value={c.pattern}
                      onChange={(e) => update(i, { pattern: e.target.value })}
                      aria-invalid={patternRefused ? true : undefined}
                      aria-describedby={patternRefused ? `pattern-problem-${i}` : 'pattern-meaning'}
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
                  <td>
                    <div className="row-actions">
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
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollTable>
      <p className="hint">
        Required: every row of an imported file must have a value. Number columns start required, as in the List Data
        API; untick Required to let rows leave a number empty — it is then stored as no value (NULL), not as 0.
      </p>
      <div className="row">
        <button type="button" onClick={() => setColumns((cs) => [...cs, blank()])}>
          Add column
        </button>
      </div>
      <datalist id="ready-patterns">
        {READY_PATTERNS.map((p) => (
          <option key={p.label} value={p.pattern} label={p.label} />
        ))}
      </datalist>
      <details id="pattern-meaning" className="hint">
        <summary>What is a pattern?</summary>
        <p>
          A pattern is a rule every value of the column must follow, written as a regular expression that must match the
          whole value. Leave it empty to accept any value. Pick a ready one in the Pattern field, or write your own:
        </p>
        <ul>
          {READY_PATTERNS.map((p) => (
            <li key={p.label}>
              {p.label}: <code>{p.pattern}</code> — accepts {p.examples.join(', ')}
            </li>
          ))}
          <li>
            <code>[A-Z]{'{3}'}-[0-9]+</code> — three capital letters, a dash and digits, e.g. ABC-123
          </li>
        </ul>
      </details>
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
        {source ? (
          <>
            <button type="submit" name="then" value="import" className="primary" disabled={saving || reading}>
              {saving ? 'Creating…' : `Create list and import ${source.file.name} (${thousands(source.rowsRead)} rows)`}
            </button>
            <button type="submit" name="then" value="create" disabled={saving || reading}>
              Create the list only
            </button>
          </>
        ) : (
          <button type="submit" className="primary" disabled={saving || reading}>
            {saving ? 'Creating…' : 'Create list'}
          </button>
        )}
      </div>
    </form>
  );
}

const DATE_CHOICES: [string, ColumnFormat | undefined][] = [
  ['2024-12-31 (year-month-day)', undefined],
  ['31/12/2024 (day/month/year)', { pattern: 'DD/MM/YYYY' }],
  ['12/31/2024 (month/day/year)', { pattern: 'MM/DD/YYYY' }],
  ['31.12.2024 (day.month.year)', { pattern: 'DD.MM.YYYY' }],
  ['31-12-2024 (day-month-year)', { pattern: 'DD-MM-YYYY' }],
  ['20241231', { pattern: 'YYYYMMDD' }],
  ['45657 (Excel day numbers)', { pattern: 'excel-serial' }],
];
const NUMBER_CHOICES: [string, ColumnFormat | undefined][] = [
  ['1234567.89', undefined],
  ['1,234,567.89', { decimalSeparator: '.', thousandsSeparator: ',' }],
  ['1.234.567,89', { decimalSeparator: ',', thousandsSeparator: '.' }],
  ['1 234 567,89', { decimalSeparator: ',', thousandsSeparator: 'space' }],
  ['1234567,89', { decimalSeparator: ',' }],
  ["1'234'567.89", { decimalSeparator: '.', thousandsSeparator: "'" }],
];

const INTEGER_CHOICES: [string, ColumnFormat | undefined][] = [
  ['1234567', undefined],
  ['1,234,567', { thousandsSeparator: ',' }],
  ['1.234.567', { decimalSeparator: ',', thousandsSeparator: '.' }],
  ['1 234 567', { thousandsSeparator: 'space' }],
  ["1'234'567", { thousandsSeparator: "'" }],
];

/** How the file writes a column's values: a choice for dates and numbers, the guessed words or zone otherwise. */
function FormatCell({
  column,
  index,
  onChange,
}: {
  column: EditableColumn;
  index: number;
  onChange: (format: ColumnFormat | undefined) => void;
}) {
  const choices =
    column.dataType === 'date'
      ? DATE_CHOICES
      : column.dataType === 'number'
        ? NUMBER_CHOICES
        : column.dataType === 'integer'
          ? INTEGER_CHOICES
          : undefined;
  const key = (format: ColumnFormat | undefined) => JSON.stringify(format ?? null);
  const ambiguity = column.ambiguity;
  const example = ambiguity?.examples[0];
  return (
    <div className="stack" style={{ gap: '0.25rem' }}>
      {choices ? (
        <select
          aria-label={`How the file writes column ${index + 1}`}
          value={key(column.format)}
          onChange={(e) => onChange(choices.find(([, f]) => key(f) === e.target.value)?.[1])}
        >
          {[
            ...choices,
            ...(choices.some(([, f]) => key(f) === key(column.format))
              ? []
              : [[describeFormat(column.dataType, column.format), column.format] as const]),
          ].map(([label, format]) => (
            <option key={key(format)} value={key(format)}>
              {label}
            </option>
          ))}
        </select>
      ) : column.format && hasEffect(column.dataType, column.format) ? (
        <span className="hint">{describeFormat(column.dataType, column.format)}</span>
      ) : (
        <span className="hint">
          {column.dataType === 'string' ? 'as written' : describeFormat(column.dataType, undefined)}
        </span>
      )}
      {ambiguity && example && (
        <p className="hint" role="note">
          Every value reads both ways: “{example.value}” is {example.proposed} read as{' '}
          {describeFormat(column.dataType, ambiguity.proposed)}, or {example.alternative} read as{' '}
          {describeFormat(column.dataType, ambiguity.alternative)}. Choose how the file writes them.
        </p>
      )}
    </div>
  );
}
