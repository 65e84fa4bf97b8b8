'use client';

import { useCallback, useRef, useState, type FormEvent } from 'react';

import type { ReviewRow, ReviewStats } from '@/lib/import-session/dataset';
import type { WorkerRequest } from '@/lib/import-session/protocol';
import type { HistoryState } from '@/lib/import-session/undo-log';
import type { ListColumn } from '@/lib/lists/columns';

import { ReviewGrid } from './review-grid';
import { UndoToolbar, useUndoShortcuts } from './undo-toolbar';
import type { ImportWorkerClient } from './worker-client';

type Props = {
  client: ImportWorkerClient;
  columns: ListColumn[];
  stats: ReviewStats;
  onStats: (stats: ReviewStats) => void;
  history: HistoryState | undefined;
  onHistory: (history: HistoryState) => void;
  onNext: () => void;
};

/** Step 4: every row with its problems; fix in place, in bulk, or delete — revalidated as you go. */
export function ReviewStep({ client, columns, stats, onStats, history, onHistory, onNext }: Props) {
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<ReviewRow>();
  const [notice, setNotice] = useState<string>();
  const [scrollTo, setScrollTo] = useState<{ index: number; nonce: number }>();
  const [cursor, setCursor] = useState(-1);

  const run = useCallback(
    async (message: WorkerRequest, describe?: (changed: number) => string) => {
      const response = await client.request<'stats'>(message);
      if (response.type === 'error') {
        setNotice(response.message);
        return;
      }
      onStats(response.stats);
      if (response.history) onHistory(response.history);
      setVersion((v) => v + 1);
      if (describe) setNotice(describe(response.changed ?? 0));
    },
    [client, onStats, onHistory],
  );

  const root = useRef<HTMLDivElement>(null);
  const undo = () => history?.undo && void run({ type: 'undo' }, () => `Undone: ${history.undo}.`);
  const redo = () => history?.redo && void run({ type: 'redo' }, () => `Redone: ${history.redo}.`);
  useUndoShortcuts(root, undo, redo);

  const fetchRows = useCallback(
    async (start: number, count: number) => {
      const response = await client.request<'rows'>({ type: 'rows', start, count, onlyErrors });
      return response.type === 'rows' ? response.rows : [];
    },
    [client, onlyErrors],
  );

  async function jumpToNextProblem() {
    const response = await client.request<'position'>({ type: 'nextProblem', after: cursor, onlyErrors });
    if (response.type !== 'position' || response.viewIndex === null) return;
    setCursor(response.viewIndex);
    setScrollTo({ index: response.viewIndex, nonce: Date.now() });
  }

  function submitReplace(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const column = String(form.get('column'));
    void run(
      {
        type: 'replace',
        find: String(form.get('find')),
        replacement: String(form.get('replacement')),
        ...(column !== '' && { column: Number(column) }),
        matchCase: form.get('matchCase') === 'on',
        wholeCell: form.get('wholeCell') === 'on',
      },
      (n) => `Replaced in ${n.toLocaleString('en-US')} cell${n === 1 ? '' : 's'}.`,
    );
  }

  const clean = stats.errorRowCount === 0;
  return (
    <div className="stack" ref={root}>
      <UndoToolbar history={history} onUndo={undo} onRedo={redo} />
      <div className="row" role="status" aria-live="polite">
        <span className="stat">
          <span className="hint">Rows</span>
          <strong>{stats.rowCount.toLocaleString('en-US')}</strong>
        </span>
        <span className="stat">
          <span className="hint">Rows with problems</span>
          <strong style={{ color: clean ? 'var(--ok)' : 'var(--danger)' }}>
            {stats.errorRowCount.toLocaleString('en-US')}
          </strong>
        </span>
        <span className="stat">
          <span className="hint">Duplicate-key rows</span>
          <strong>{stats.duplicateKeyRows.toLocaleString('en-US')}</strong>
        </span>
        {notice && <span className="hint">{notice}</span>}
      </div>
      {!clean && (
        <p className="hint">
          Problems per column:{' '}
          {columns
            .map((c, i) => ({ name: c.name, n: stats.errorsByColumn[i] ?? 0 }))
            .filter((x) => x.n > 0)
            .map((x) => `${x.name}: ${x.n.toLocaleString('en-US')}`)
            .join(' · ') || 'only row-level problems (wrong number of values or duplicate keys)'}
        </p>
      )}
      <div className="toolbar">
        <label className="row" style={{ fontWeight: 400 }}>
          <input
            type="checkbox"
            checked={onlyErrors}
            onChange={(e) => {
              setOnlyErrors(e.target.checked);
              setCursor(-1);
              setVersion((v) => v + 1);
            }}
          />
          Only rows with problems
        </label>
        <button type="button" onClick={jumpToNextProblem} disabled={clean}>
          Jump to next problem
        </button>
        <button
          type="button"
          onClick={() =>
            run({ type: 'fix', fix: 'trim' }, (n) => `Trimmed spaces in ${n.toLocaleString('en-US')} cells.`)
          }
        >
          Trim spaces
        </button>
        {columns.some((c) => c.dataType === 'boolean') && (
          <button
            type="button"
            onClick={() =>
              run(
                { type: 'fix', fix: 'booleans' },
                (n) => `Wrote ${n.toLocaleString('en-US')} yes/no values as true/false.`,
              )
            }
          >
            Normalise true/false
          </button>
        )}
        {columns.some((c) => c.dataType === 'date') && (
          <div className="field">
            <label htmlFor="date-order">Dates written as</label>
            <select
              id="date-order"
              defaultValue=""
              onChange={(e) => {
                if (e.target.value)
                  void run(
                    { type: 'fix', fix: e.target.value as 'dates-DMY' },
                    (n) => `Rewrote ${n.toLocaleString('en-US')} dates as YYYY-MM-DD.`,
                  );
                e.target.value = '';
              }}
            >
              <option value="">Rewrite dates as YYYY-MM-DD…</option>
              <option value="dates-DMY">day/month/year (31/12/2024)</option>
              <option value="dates-MDY">month/day/year (12/31/2024)</option>
              <option value="dates-YMD">year/month/day (2024/12/31)</option>
            </select>
          </div>
        )}
      </div>
      <form className="toolbar" onSubmit={submitReplace} aria-label="Find and replace">
        <div className="field">
          <label htmlFor="find">Find</label>
          <input id="find" name="find" required />
        </div>
        <div className="field">
          <label htmlFor="replacement">Replace with</label>
          <input id="replacement" name="replacement" />
        </div>
        <div className="field">
          <label htmlFor="replace-column">In column</label>
          <select id="replace-column" name="column" defaultValue="">
            <option value="">all columns</option>
            {columns.map((c, i) => (
              <option key={c.name} value={i}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <label className="row" style={{ fontWeight: 400 }}>
          <input type="checkbox" name="matchCase" /> Match case
        </label>
        <label className="row" style={{ fontWeight: 400 }}>
          <input type="checkbox" name="wholeCell" /> Whole cell
        </label>
        <button type="submit">Replace all</button>
      </form>
      <ReviewGrid
        columns={columns}
        rowCount={onlyErrors ? stats.errorRowCount : stats.rowCount}
        version={version}
        fetchRows={fetchRows}
        onEdit={(rowIndex, column, value) => void run({ type: 'edit', rowIndex, column, value })}
        onDelete={(rowIndex) => void run({ type: 'delete', rowIndexes: [rowIndex] }, () => 'Row deleted.')}
        onSelect={setSelected}
        {...(scrollTo && { scrollToIndex: scrollTo })}
      />
      {selected && selected.problems.length + (selected.duplicateOf ? 1 : 0) > 0 && (
        <div className="alert error" aria-live="polite">
          <strong>Row {selected.fileRow}:</strong>
          <ul>
            {selected.problems.map((p, i) => (
              <li key={i}>
                {p.message} {p.remediation}
              </li>
            ))}
            {selected.duplicateOf && (
              <li>Its key is also on row {selected.duplicateOf.join(', ')}: keep one row per key.</li>
            )}
          </ul>
        </div>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={onNext} disabled={!clean || stats.rowCount === 0}>
          {clean
            ? 'Continue to summary'
            : `Fix ${stats.errorRowCount.toLocaleString('en-US')} row${stats.errorRowCount === 1 ? '' : 's'} to continue`}
        </button>
      </div>
    </div>
  );
}
