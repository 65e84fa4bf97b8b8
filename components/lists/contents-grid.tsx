'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { RowBlockNav, useRowBlocks } from '@/components/ui/row-blocks';
import { SideScrollFrame, useSideOverflow } from '@/components/ui/side-scroll';
import { useGridFocus, type ActiveCell } from '@/components/ui/use-grid-focus';
import { contentsCsvUrl, listContents, type ListRecord } from '@/lib/api/lists';
import { plural } from '@/lib/shared/plural';

import { RecordActions } from './record-actions';

type Column = { name: string; dataType: string; isKey: boolean };

const PAGE = 100;
const ROW_HEIGHT = 34;
const OPS = [
  ['eq', 'is'],
  ['ne', 'is not'],
  ['contains', 'contains'],
  ['startsWith', 'starts with'],
  ['gt', 'greater than'],
  ['lt', 'less than'],
] as const;

/**
 * A list's records, virtualized over server-side pages: sort by a column header, filter by column.
 * Only the rows in view are fetched and rendered, so millions of records scroll smoothly. A WAI-ARIA
 * grid: one Tab stop; arrows, Home/End, Ctrl+Home/End and Page Up/Down move the active cell, and
 * Enter on a column header sorts by it.
 */
export function ContentsGrid({
  listId,
  columns,
  recordCount,
  canEdit = false,
  importHref,
}: {
  listId: string;
  columns: Column[];
  /** Editors get Edit and Delete for the active record. */
  canEdit?: boolean;
  /** Where an empty list sends the person to fill it, when they may import. */
  importHref?: string;
  /** The list's records when the page was made: the grid takes their height until the count comes. */
  recordCount: number;
}) {
  const [sort, setSort] = useState<{ column: string; descending: boolean }>();
  const [filter, setFilter] = useState<string>();
  const [count, setCount] = useState<number>();
  const [pages, setPages] = useState<Map<number, ListRecord[]>>(new Map());
  const [error, setError] = useState<unknown>();
  // Bumped after a record is edited or deleted here: the count and pages are read again.
  const [edits, setEdits] = useState(0);
  const [active, setActive] = useState<ActiveCell>({ row: 0, column: 0 });
  const loading = useRef(new Set<number>());
  const scrollRef = useRef<HTMLDivElement>(null);
  const blocks = useRowBlocks(count ?? 0);
  const offset = blocks.offset;
  const [blockLoaded, setBlockLoaded] = useState(0);
  if (blockLoaded !== offset) {
    // Another block of rows: its pages are fetched afresh.
    setBlockLoaded(offset);
    setPages(new Map());
    loading.current.clear();
  }
  // The virtualizer's functions change identity on scroll; this component re-renders with them on purpose.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: blocks.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const sortBy = sort ? `${sort.column}:${sort.descending ? 'descending' : 'ascending'}` : undefined;

  useEffect(() => {
    setPages(new Map());
    setCount(undefined);
    loading.current.clear();
    setError(undefined);
    // How many records match; the pages in view are then fetched by the effect below.
    listContents(listId, { start: 0, limit: 1, sortBy, filter })
      .then((page) => setCount(page.count))
      .catch(setError);
  }, [listId, sortBy, filter, edits]);

  useEffect(() => {
    // Other records: the active cell goes back to the first one (or stays on the header just sorted by).
    // After an edit here it stays, on the record just edited.
    setActive((current) => (current.row > 0 ? { row: 0, column: current.column } : current));
  }, [listId, sortBy, filter]);

  const firstPage = Math.floor((items[0]?.index ?? 0) / PAGE);
  const lastPage = Math.floor((items[items.length - 1]?.index ?? 0) / PAGE);
  useEffect(() => {
    if (count === undefined) return;
    for (let page = firstPage; page <= lastPage; page++) {
      if (pages.has(page) || loading.current.has(page)) continue;
      loading.current.add(page);
      listContents(listId, { start: offset + page * PAGE, limit: PAGE, sortBy, filter })
        .then((result) => setPages((current) => new Map(current).set(page, result.items)))
        .catch(setError)
        .finally(() => loading.current.delete(page));
    }
  }, [firstPage, lastPage, pages, count, listId, sortBy, filter, offset]);

  const lastColumn = columns.length - 1;
  const { moveByKey, tabStop, gridProps } = useGridFocus({
    scrollRef,
    virtualizer,
    blocks,
    rowCount: count ?? 0,
    lastColumn,
    active,
    onActive: setActive,
  });

  function gridKeys(event: KeyboardEvent<HTMLDivElement>) {
    // A screenful: the rows the grid shows below its header.
    const screenful = Math.max(1, Math.floor((event.currentTarget.clientHeight - ROW_HEIGHT) / ROW_HEIGHT));
    if (moveByKey(event, { page: screenful })) event.preventDefault();
  }

  function applyFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = String(form.get('value') ?? '');
    setFilter(value === '' ? undefined : `${form.get('column')}:${form.get('op')}:${value}`);
  }

  const width = columns.length * 180;
  const activeRecord =
    active.row >= offset
      ? pages.get(Math.floor((active.row - offset) / PAGE))?.[(active.row - offset) % PAGE]
      : undefined;
  // While the pages are read again after an edit, the active record's buttons stay (with the focus
  // the dialog gave back to them); the record is held for its row only until its page comes.
  const [held, setHeld] = useState<{ row: number; record: ListRecord }>();
  if (activeRecord && (held?.row !== active.row || held.record !== activeRecord))
    setHeld({ row: active.row, record: activeRecord });
  const activePageLoaded = pages.has(Math.floor((active.row - offset) / PAGE));
  const editable = activeRecord ?? (held?.row === active.row && !activePageLoaded ? held.record : undefined);
  const overflow = useSideOverflow(scrollRef, count !== 0);
  const hintId = useId();
  const keysId = useId();
  // A list with no records has nothing to filter, sort or export: it offers an import instead. The
  // count the page was made with stands in until the grid's own comes, so nothing jumps.
  if (!filter && (count ?? recordCount) === 0) {
    return (
      <div className="stack">
        <ErrorMessage error={error} />
        <div className="card empty">
          This list has no records yet.{' '}
          {importHref ? (
            <>
              <Link href={importHref}>Import a file</Link> to fill it.
            </>
          ) : (
            'An editor of the list can import a file to fill it.'
          )}
        </div>
      </div>
    );
  }
  return (
    <div className="stack">
      <form className="toolbar" onSubmit={applyFilter} aria-label="Filter records">
        <div className="field">
          <label htmlFor="filter-column">Column</label>
          <select id="filter-column" name="column">
            {columns.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-op">Condition</label>
          <select id="filter-op" name="op">
            {OPS.map(([op, label]) => (
              <option key={op} value={op}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-value">Value</label>
          <input id="filter-value" name="value" />
        </div>
        <button type="submit">Filter</button>
        {filter && (
          <button type="button" onClick={() => setFilter(undefined)}>
            Clear filter
          </button>
        )}
        <span className="hint record-count" role="status" aria-live="polite">
          {count === undefined
            ? 'Loading…'
            : `${plural(count, 'record')}${filter ? (count === 1 ? ' matches' : ' match') : ''}`}
        </span>
      </form>
      {count === undefined ? (
        // The link's line is kept while the count loads, so the grid does not move down when it comes.
        <p aria-hidden="true">
          <span className="button" style={{ visibility: 'hidden' }}>
            Export as CSV
          </span>
        </p>
      ) : (
        count > 0 && (
          // The export takes the same filter and sort as the grid: it holds exactly the records shown.
          <p>
            <a className="button" href={contentsCsvUrl(listId, { sortBy, filter })} download>
              {filter
                ? `Export the ${plural(count, 'matching record')} as CSV`
                : count === 1
                  ? 'Export the 1 record as CSV'
                  : `Export all ${count.toLocaleString('en-US')} records as CSV`}
            </a>
          </p>
        )
      )}
      <ErrorMessage error={error} />
      <RowBlockNav {...blocks} total={count ?? 0} />
      {count === 0 ? (
        <div className="card empty">No record matches this filter.</div>
      ) : (
        <SideScrollFrame overflow={overflow} hintId={hintId}>
          <div
            className="grid-wrap"
            ref={scrollRef}
            role="grid"
            aria-rowcount={(count ?? 0) + 1}
            aria-colcount={columns.length}
            aria-label="Records"
            aria-describedby={overflow.left || overflow.right ? `${keysId} ${hintId}` : keysId}
            {...gridProps}
            onKeyDown={gridKeys}
            // A short list gets a short grid; a long one scrolls inside 480px.
            style={{ height: Math.min(480, ROW_HEIGHT * ((count ?? recordCount) + 1) + 20) }}
          >
            <div className="grid-row header" role="row" aria-rowindex={1} style={{ width, position: 'sticky' }}>
              {columns.map((c, i) => {
                const sorted = sort?.column === c.name;
                return (
                  <div
                    className="grid-cell"
                    role="columnheader"
                    key={c.name}
                    aria-colindex={i + 1}
                    data-cell={`-1:${i}`}
                    style={{ flexBasis: 180 }}
                    aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                  >
                    <button
                      type="button"
                      className="cell-button"
                      tabIndex={tabStop(-1, i)}
                      onFocus={() => {
                        if (active.row !== -1 || active.column !== i) setActive({ row: -1, column: i });
                      }}
                      onClick={() => setSort({ column: c.name, descending: sorted ? !sort.descending : false })}
                    >
                      {c.name}
                      {c.isKey ? ' (key)' : ''} {sorted ? (sort.descending ? '▼' : '▲') : ''}
                    </button>
                  </div>
                );
              })}
            </div>
            <div style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
              {items.map((item) => {
                const position = offset + item.index;
                const row = pages.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
                return (
                  <div
                    className="grid-row"
                    role="row"
                    aria-rowindex={position + 2}
                    key={item.key}
                    style={{ top: item.start, height: ROW_HEIGHT, width }}
                  >
                    {columns.map((c, i) => (
                      <div
                        className="grid-cell"
                        role="gridcell"
                        key={c.name}
                        aria-colindex={i + 1}
                        data-cell={`${position}:${i}`}
                        tabIndex={tabStop(position, i)}
                        style={{ flexBasis: 180 }}
                        onFocus={(event) => {
                          if (event.target === event.currentTarget && (active.row !== position || active.column !== i))
                            setActive({ row: position, column: i });
                        }}
                      >
                        {row ? (
                          formatValue(row[c.name] ?? null)
                        ) : (
                          <>
                            <span aria-hidden="true">…</span>
                            <span className="sr-only">Loading</span>
                          </>
                        )}
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
          </div>
        </SideScrollFrame>
      )}
      {count !== undefined && count > 0 && <CellDetail columns={columns} active={active} record={activeRecord} />}
      {canEdit && editable && active.row >= 0 && (
        <RecordActions
          listId={listId}
          columns={columns}
          record={editable}
          where={recordWords(columns, editable, active.row)}
          onChanged={() => setEdits((n) => n + 1)}
        />
      )}
      <p id={keysId} className="sr-only">
        Arrow keys move between cells, Page Up and Page Down by a screenful, Control+Home and Control+End to the first
        and last record. Enter on a column header sorts by it.
      </p>
    </div>
  );
}

/** A record named by its key ("customerId 2"), or by its place when the list has none. */
function recordWords(columns: Column[], record: ListRecord, row: number): string {
  const key = columns.find((c) => c.isKey);
  return key ? `${key.name} ${formatValue(record[key.name] ?? null)}` : `Record ${row + 1}`;
}

function formatValue(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/**
 * The active cell's whole value under the grid, wrapped: a cell shows what fits its width, and a
 * long note is read here without a pointer resting on it. (A screen reader reads the cell whole.)
 */
function CellDetail({
  columns,
  active,
  record,
}: {
  columns: Column[];
  active: ActiveCell;
  record: ListRecord | undefined;
}) {
  const column = columns[active.column];
  if (!record || !column || active.row < 0)
    return <p className="cell-detail hint">Select a cell to see its whole value here.</p>;
  const where = recordWords(columns, record, active.row);
  const value = formatValue(record[column.name] ?? null);
  return (
    <p className="cell-detail">
      <strong>
        {where} · {column.name}:
      </strong>{' '}
      {value === '' ? <span className="hint">(empty)</span> : value}
    </p>
  );
}
