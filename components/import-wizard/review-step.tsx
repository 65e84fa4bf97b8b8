'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';

import { Stat } from '@/components/ui/stat';
import type { ActiveCell } from '@/components/ui/use-grid-focus';
import { shortenValue } from '@/lib/csv/problem';
import { MAX_COLUMN_CHARS } from '@/lib/import-session/column-widths';
import { oneLine } from '@/lib/import-session/one-line';
import type { WorkerRequest } from '@/lib/import-session/protocol';
import type { KeyClash, ProblemGroup, ReviewRow, ReviewStats, RowFilter } from '@/lib/import-session/review-types';
import type { HistoryState } from '@/lib/import-session/undo-log';
import type { ListColumn } from '@/lib/shared/list-column';
import { plural } from '@/lib/shared/plural';

import { ProblemsPanel } from './problems-panel';
import { ReviewGrid } from './review-grid';
import { UndoToolbar, useUndoShortcuts } from './undo-toolbar';
import type { ImportWorkerClient } from './worker-client';

type Props = {
  client: ImportWorkerClient;
  columns: ListColumn[];
  stats: ReviewStats;
  groups: ProblemGroup[];
  onStats: (stats: ReviewStats, groups: ProblemGroup[]) => void;
  history: HistoryState | undefined;
  onHistory: (history: HistoryState) => void;
  /** To the summary: with every row, or leaving out the rows that still have problems. */
  onNext: (leaveOut: boolean) => void;
};

const n = (value: number) => value.toLocaleString('en-US');

/**
 * Step 4: every row with its problems, grouped and explained beside the grid; fix a group at once,
 * cells one by one, or leave the rows with problems out — revalidated as you go.
 */
export function ReviewStep({ client, columns, stats, groups, onStats, history, onHistory, onNext }: Props) {
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [filterColumn, setFilterColumn] = useState<number>();
  // "Show these rows" of a problem group: its id while its rows are shown.
  const [shownGroup, setShownGroup] = useState<string>();
  const [version, setVersion] = useState(0);
  const [active, setActive] = useState<ActiveCell>({ row: 0, column: 0 });
  const [selected, setSelected] = useState<ReviewRow>();
  const [notice, setNotice] = useState<string>();
  const [focusRequest, setFocusRequest] = useState(0);
  const [findEmpty, setFindEmpty] = useState(false);
  /** A find & replace refused because it would give rows one key: what it would have done. */
  const [replaceClash, setReplaceClash] = useState<KeyClash>();

  const group = shownGroup === undefined ? undefined : groups.find((g) => g.id === shownGroup);
  const filter = rowFilterOf({ onlyErrors, column: filterColumn, group: shownGroup });
  const rowCount =
    shownGroup !== undefined
      ? (group?.rows ?? 0)
      : filterColumn !== undefined
        ? (stats.errorsByColumn[filterColumn] ?? 0)
        : onlyErrors
          ? stats.errorRowCount
          : stats.rowCount;

  const rowAtPosition = useCallback(
    async (position: number, rowFilter: RowFilter) => {
      if (position < 0) return undefined;
      const response = await client.request<'rows'>({ type: 'rows', start: position, count: 1, filter: rowFilter });
      return response.type === 'rows' ? response.rows[0] : undefined;
    },
    [client],
  );

  // The row the cursor was put on, by its index in the file: a fix can take it out of a filtered view
  // (the next row moves into its place), and F8 goes on from that row, not from the one that moved up.
  const cursorRow = useRef<number | undefined>(undefined);

  // After any change the selected cell's message is read again: it must never describe the old value.
  const activeRef = useRef(active);
  const filterRef = useRef(filter);
  useEffect(() => {
    activeRef.current = active;
    filterRef.current = filter;
  });

  const run = useCallback(
    async (message: WorkerRequest, describe?: (changed: number) => string) => {
      const response = await client.request<'stats'>(message);
      if (response.type === 'error') {
        setNotice(response.message);
        return;
      }
      onStats(response.stats, response.groups);
      if (response.history) onHistory(response.history);
      setVersion((v) => v + 1);
      setSelected(await rowAtPosition(activeRef.current.row, filterRef.current));
      if (describe) setNotice(describe(response.changed ?? 0));
    },
    [client, onStats, onHistory, rowAtPosition],
  );

  const root = useRef<HTMLDivElement>(null);
  const undo = () => history?.undo && void run({ type: 'undo' }, () => `Undone: ${history.undo}.`);
  const redo = () => history?.redo && void run({ type: 'redo' }, () => `Redone: ${history.redo}.`);
  useUndoShortcuts(root, undo, redo);

  const fetchRows = useCallback(
    async (start: number, count: number) => {
      const response = await client.request<'rows'>({ type: 'rows', start, count, filter });
      return response.type === 'rows' ? response.rows : [];
    },
    // `filter` is rebuilt each render; its parts are the dependencies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, onlyErrors, filterColumn, shownGroup],
  );

  function changeFilter(next: RowChoice) {
    cursorRow.current = undefined;
    setOnlyErrors(next.onlyErrors);
    setFilterColumn(next.column);
    setShownGroup(next.group);
    setActive({ row: 0, column: next.column ?? active.column });
    setSelected(undefined);
    setVersion((v) => v + 1);
    void rowAtPosition(0, rowFilterOf(next)).then(setSelected);
  }

  const nextProblem = useCallback(async () => {
    const here = activeRef.current;
    const rowFilter = filterRef.current;
    const rowIndex =
      cursorRow.current ?? (here.row >= 0 ? (await rowAtPosition(here.row, rowFilter))?.index : undefined);
    const response = await client.request<'position'>({
      type: 'nextProblem',
      after: rowIndex === undefined ? null : { rowIndex, column: here.column },
      filter: rowFilter,
    });
    if (response.type !== 'position' || response.cell === null) {
      setNotice('No problems left.');
      return;
    }
    const row = await rowAtPosition(response.cell.viewIndex, rowFilter);
    cursorRow.current = row?.index;
    setActive({ row: response.cell.viewIndex, column: response.cell.column });
    setSelected(row);
    setFocusRequest((f) => f + 1);
  }, [client, rowAtPosition]);

  // F8 goes to the next problem from anywhere in the step (as in code editors and spreadsheets).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F8') return;
      event.preventDefault();
      void nextProblem();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [nextProblem]);

  async function submitReplace(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const column = String(form.get('column'));
    const replace = {
      type: 'replace' as const,
      find: String(form.get('find') ?? ''),
      replacement: String(form.get('replacement')),
      ...(column !== '' && { column: Number(column) }),
      matchCase: form.get('matchCase') === 'on',
      wholeCell: form.get('wholeCell') === 'on',
      emptyCells: findEmpty,
    };
    // Keys must be unique: a replace that would give rows one key is explained, not applied.
    const check = await client.request<'replaceCheck'>({ type: 'checkReplace', replace });
    const sameKey = check.type === 'replaceCheck' ? check.sameKey : undefined;
    setReplaceClash(sameKey);
    if (sameKey) return;
    await run(replace, (count) =>
      findEmpty ? `Filled ${plural(count, 'empty cell')}.` : `Replaced in ${plural(count, 'cell')}.`,
    );
  }

  const clean = stats.errorRowCount === 0;
  const validRows = stats.rowCount - stats.errorRowCount;
  const activeProblems =
    selected && active.row >= 0 && active.column < columns.length
      ? [
          ...selected.problems.filter((p) => p.column === active.column || p.column === -1),
          ...(selected.duplicateOf && columns[active.column]?.isKey
            ? [
                {
                  message: `The same key is on row ${selected.duplicateOf.join(', ')}.`,
                  remediation: 'Keep one row per key: correct the key or delete a copy.',
                },
              ]
            : []),
        ]
      : [];
  const activeColumn = columns[active.column];
  // The grid cuts a long value (or one with line breaks) to its column: the box shows it whole.
  const activeText = selected && active.row >= 0 ? selected.values[active.column] : undefined;
  const activeValue =
    activeText !== undefined && (activeText.length > MAX_COLUMN_CHARS || oneLine(activeText) !== activeText)
      ? activeText
      : undefined;

  return (
    <div className="stack review-step" ref={root}>
      <UndoToolbar history={history} onUndo={undo} onRedo={redo} />
      <div className="row review-summary">
        <div className="row" role="status" aria-live="polite">
          <Stat label="Rows" value={stats.rowCount} />
          <Stat
            label="Rows with problems"
            value={stats.errorRowCount}
            valueStyle={{ color: clean ? 'var(--ok)' : 'var(--danger)' }}
          />
        </div>
        <span className="spacer" />
        {clean ? (
          <button type="button" className="primary" onClick={() => onNext(false)} disabled={stats.rowCount === 0}>
            Continue to summary
          </button>
        ) : validRows === 0 ? (
          // Nothing could be imported yet: say so and what to do, rather than offer to import 0 rows.
          <p className="hint no-valid-rows">
            <strong>No valid rows to import yet:</strong> every row has a problem. Fix them in the grid (Next problem,
            F8), or go back and choose another file.
          </p>
        ) : (
          <button type="button" className="primary" onClick={() => onNext(true)}>
            Import the {plural(validRows, 'valid row')}, leave out {plural(stats.errorRowCount, 'row')} with problems
          </button>
        )}
      </div>
      {stats.rowCount === 0 && (
        <p className="alert warn" role="alert">
          <strong>There are no rows to import.</strong>{' '}
          {history?.undo
            ? `Undo ${history.undo} (Ctrl+Z) to bring rows back, or go back and choose another file.`
            : 'The file has only its header row. Go back and choose a file with rows below its header.'}
        </p>
      )}
      <div className="review-layout">
        <div className="stack review-main">
          <div className="toolbar">
            <button type="button" onClick={() => void nextProblem()} disabled={clean} aria-keyshortcuts="F8">
              Next problem (F8)
            </button>
            <label className="choice">
              <input
                type="checkbox"
                checked={onlyErrors && filterColumn === undefined && shownGroup === undefined}
                onChange={(e) => changeFilter({ onlyErrors: e.target.checked, column: undefined })}
              />
              <span>Only rows with problems</span>
            </label>
            <span className="hint" role="status">
              {notice}
            </span>
            {(filterColumn !== undefined || shownGroup !== undefined) && (
              <span className="row filter-note">
                {shownGroup !== undefined
                  ? `Shown: ${group?.title ?? 'the rows of a problem now fixed (0)'}`
                  : `Rows with a problem in “${columns[filterColumn!]?.name}” (${n(rowCount)})`}
                <button type="button" onClick={() => changeFilter({ onlyErrors: false, column: undefined })}>
                  Show all rows
                </button>
              </span>
            )}
          </div>
          <p
            id="cell-problem"
            className={`cell-problem${activeProblems.length > 0 ? ' has-problem' : ''}`}
            aria-live="polite"
          >
            {selected && activeColumn && active.row >= 0 ? (
              <>
                <strong>
                  Row {selected.fileRow} · {activeColumn.name}:
                </strong>{' '}
                {activeProblems.length === 0
                  ? 'no problem in this cell.'
                  : activeProblems.map((p, i) => (
                      <span key={i}>
                        {p.message} {p.remediation}{' '}
                      </span>
                    ))}
                {activeValue !== undefined && (
                  <>
                    {' '}
                    <span className="cell-value">
                      <strong>Value:</strong> {activeValue}
                    </span>
                  </>
                )}
              </>
            ) : (
              <span className="hint">Select a cell to see what is wrong with it.</span>
            )}
          </p>
          <ReviewGrid
            columns={columns}
            rowCount={rowCount}
            version={version}
            fetchRows={fetchRows}
            onEdit={(rowIndex, column, value) => void run({ type: 'edit', rowIndex, column, value })}
            onDelete={(rowIndex) => void run({ type: 'delete', rowIndexes: [rowIndex] }, () => 'Row deleted.')}
            active={active}
            onActive={(cell, row) => {
              setActive(cell);
              cursorRow.current = row?.index;
              if (cell.row < 0) setSelected(undefined);
              else if (row) setSelected(row);
              else
                void rowAtPosition(cell.row, filter).then((fetched) => {
                  cursorRow.current = fetched?.index;
                  setSelected(fetched);
                });
            }}
            errorsByColumn={stats.errorsByColumn}
            filterColumn={filterColumn}
            onFilterColumn={(column) => changeFilter({ onlyErrors: false, column })}
            focusRequest={focusRequest}
            describedBy="cell-problem"
          />
        </div>
        <ProblemsPanel
          client={client}
          groups={groups}
          version={version}
          rowCount={stats.rowCount}
          onFix={(fix, describe) => void run({ type: 'groupFix', fix }, describe)}
          onShowRows={(shown) => {
            // The group's rows, with its column in view (a key column for repeated keys).
            changeFilter({ onlyErrors: false, column: undefined, group: shown.id });
            if (shown.column >= 0) setActive({ row: 0, column: shown.column });
            setFocusRequest((f) => f + 1);
          }}
        />
      </div>
      <details className="card more-fixes">
        <summary>Fixes for the whole file: spaces, yes/no, dates, find &amp; replace</summary>
        <div className="stack">
          <div className="toolbar">
            <button
              type="button"
              onClick={() => run({ type: 'fix', fix: 'trim' }, (c) => `Trimmed spaces in ${n(c)} cells.`)}
            >
              Trim spaces
            </button>
            {columns.some((c) => c.dataType === 'boolean') && (
              <button
                type="button"
                onClick={() =>
                  run({ type: 'fix', fix: 'booleans' }, (c) => `Wrote ${n(c)} yes/no values as true/false.`)
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
                        (c) => `Rewrote ${n(c)} dates as YYYY-MM-DD.`,
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
          <form
            className="toolbar"
            onSubmit={(event) => void submitReplace(event)}
            onChange={() => setReplaceClash(undefined)}
            aria-label="Find and replace"
          >
            <label className="choice">
              <input type="checkbox" checked={findEmpty} onChange={(e) => setFindEmpty(e.target.checked)} />
              <span>Find empty cells</span>
            </label>
            {!findEmpty && (
              <div className="field">
                <label htmlFor="find">Find</label>
                <input id="find" name="find" required />
              </div>
            )}
            <div className="field">
              <label htmlFor="replacement">{findEmpty ? 'Fill with' : 'Replace with'}</label>
              <input id="replacement" name="replacement" required={findEmpty} />
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
            {!findEmpty && (
              <>
                <label className="choice">
                  <input type="checkbox" name="matchCase" /> <span>Match case</span>
                </label>
                <label className="choice">
                  <input type="checkbox" name="wholeCell" /> <span>Whole cell</span>
                </label>
              </>
            )}
            <button type="submit">{findEmpty ? 'Fill empty cells' : 'Replace all'}</button>
          </form>
          {replaceClash && (
            <p role="alert" className="alert warn">
              <strong>
                Nothing was replaced: this would give {replaceClash.rows.toLocaleString('en-US')} rows the same key “
                {shortenValue(replaceClash.key)}”; keys must be unique.
              </strong>{' '}
              Choose one column that is not a key, or replace only values that stay different.
            </p>
          )}
        </div>
      </details>
    </div>
  );
}

/** What the toolbar and the problems panel choose to show, as the worker's row filter. */
type RowChoice = { onlyErrors: boolean; column: number | undefined; group?: string };
function rowFilterOf({ onlyErrors, column, group }: RowChoice): RowFilter {
  if (group !== undefined) return { group };
  return column !== undefined ? { column } : onlyErrors;
}
