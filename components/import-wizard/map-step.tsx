'use client';

import type { ListColumn } from '@/lib/lists/columns';
import { missingRequired, type ColumnMapping, type MatchKind } from '@/lib/lists/mapping';

const KIND_LABEL: Record<MatchKind, string> = {
  exact: 'same name',
  similar: 'same name, other spelling',
  fuzzy: 'similar name — check',
  saved: 'from your last import',
  manual: 'chosen by you',
  none: 'not in the file',
};

type Props = {
  headers: string[];
  columns: ListColumn[];
  mapping: ColumnMapping;
  kinds: MatchKind[];
  sample: string[][];
  onChange: (columnIndex: number, fileIndex: number | null) => void;
  savedAvailable: boolean;
  onUseSaved: () => void;
  onNext: () => void;
};

/** Step 3: which file column feeds each list column; file columns not chosen are ignored. */
export function MapStep(props: Props) {
  const missing = missingRequired(props.mapping, props.columns);
  const used = new Set(props.mapping.filter((m): m is number => m !== null));
  const ignored = props.headers.filter((_, i) => !used.has(i));
  return (
    <div className="stack">
      {props.savedAvailable && (
        <div className="row">
          <button type="button" onClick={props.onUseSaved}>
            Use the mapping from my last import into this list
          </button>
        </div>
      )}
      <table>
        <caption className="sr-only">Map file columns to list columns</caption>
        <thead>
          <tr>
            <th scope="col">List column</th>
            <th scope="col">Comes from file column</th>
            <th scope="col">Match</th>
            <th scope="col">First values</th>
          </tr>
        </thead>
        <tbody>
          {props.columns.map((column, i) => {
            const fileIndex = props.mapping[i] ?? null;
            return (
              <tr key={column.name}>
                <th scope="row">
                  {column.name}{' '}
                  <span className="hint">
                    ({column.dataType}
                    {column.isKey ? ', key' : column.required ? ', required' : ''})
                  </span>
                </th>
                <td>
                  <label className="sr-only" htmlFor={`map-${i}`}>
                    File column for {column.name}
                  </label>
                  <select
                    id={`map-${i}`}
                    value={fileIndex ?? ''}
                    onChange={(e) => props.onChange(i, e.target.value === '' ? null : Number(e.target.value))}
                  >
                    <option value="">— not in the file (leave empty) —</option>
                    {props.headers.map((h, j) => (
                      <option key={`${h}-${j}`} value={j}>
                        {h || `(column ${j + 1} without a name)`}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <span
                    className={`badge ${props.kinds[i] === 'fuzzy' ? 'pending' : props.kinds[i] === 'none' ? 'failed' : 'completed'}`}
                  >
                    {KIND_LABEL[props.kinds[i] ?? 'none']}
                  </span>
                </td>
                <td className="hint">
                  {fileIndex === null
                    ? '—'
                    : props.sample
                        .slice(0, 3)
                        .map((r) => r[fileIndex] ?? '')
                        .join(' · ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {ignored.length > 0 && (
        <p className="hint">Ignored file columns: {ignored.map((h) => h || '(no name)').join(', ')}.</p>
      )}
      {missing.length > 0 && (
        <p className="alert error" role="alert">
          Choose a file column for {missing.map((c) => `“${c.name}”`).join(', ')}:{' '}
          {missing.length === 1 ? 'it is' : 'they are'} required. If the file has no such column, add it to the file
          first.
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={props.onNext} disabled={missing.length > 0}>
          Check every row
        </button>
      </div>
    </div>
  );
}
