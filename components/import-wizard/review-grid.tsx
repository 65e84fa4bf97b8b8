'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

import { RowBlockNav, useRowBlocks } from '@/components/ui/row-blocks';
import { SideScrollFrame, useSideOverflow } from '@/components/ui/side-scroll';
import { useGridFocus, type ActiveCell } from '@/components/ui/use-grid-focus';
import { columnChars, rowNumberChars } from '@/lib/import-session/column-widths';
import { oneLine } from '@/lib/import-session/one-line';
import type { ReviewRow } from '@/lib/import-session/review-types';
import type { ListColumn } from '@/lib/shared/list-column';
import { plural } from '@/lib/shared/plural';

const ROW_HEIGHT = 34;
const PAGE = 200;
/** Rows a Page Up / Page Down moves: about one screen of the grid. */
const PAGE_STEP = 10;
/**
 * A character of a column's width (lib/import-session/column-widths.ts): a digit of the cells' 0.9rem
 * text in the widest common sans-serif (DejaVu Sans), so a value of that many digits is never cut.
 */
const CHAR = '0.58rem';
/** A cell's padding and right border (`.review-layout .grid-cell` in globals.css). */
const CELL_EDGES = '0.7rem + 1px';
const ACTIONS_WIDTH = '90px';
/** Room for a header's problem count beside its name: the count's digits and this many characters. */
const COUNT_ROOM = '   ';

type Props = {
  columns: ListColumn[];
  rowCount: number;
  /** Changes whenever the rows changed, so cached pages are fetched again. */
  version: number;
  fetchRows: (start: number, count: number) => Promise<ReviewRow[]>;
  onEdit: (rowIndex: number, column: number, value: string) => void;
  onDelete: (rowIndex: number) => void;
  active: ActiveCell;
  onActive: (cell: ActiveCell, row: ReviewRow | undefined) => void;
  /** Problems per column, shown on the headers; clicking one shows only those rows. */
  errorsByColumn: number[];
  filterColumn: number | undefined;
  onFilterColumn: (column: number | undefined) => void;
  /** Bumped to move focus into the grid at the active cell (after "next problem"). */
  focusRequest: number;
  /** Id of the element that says what is wrong with the active cell. */
  describedBy: string;
};

/**
 * Every row of the file, virtualized: only the rows in view are in the DOM, fetched by page from
 * the worker. A WAI-ARIA grid: one Tab stop; arrows, Home/End and Page Up/Down move the active
 * cell; Enter or F2 edits, Enter saves (focus stays on the cell), Escape cancels.
 */
export function ReviewGrid(props: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Map<number, ReviewRow[]>>(new Map());
  const [editing, setEditing] = useState<{ row: number; column: number; value: string }>();
  const loading = useRef(new Set<number>());
  // The first rows the worker sends size the columns, once: widths changing while the user scrolls or
  // fixes would move what they are reading.
  const [sample, setSample] = useState<ReviewRow[]>();
  // Set once an edit is saved or cancelled: the input's blur (it leaves the DOM) must not save it again.
  const editDone = useRef(false);
  const blocks = useRowBlocks(props.rowCount);
  // The grid is its own Tab stop and scroller: it takes the sideways cue of a ScrollTable, not its region.
  const overflow = useSideOverflow(scrollRef);
  const hintId = useId();
  // The virtualizer's functions change identity on scroll; this component re-renders with them on purpose.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: blocks.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const { fetchRows, version, active, onActive } = props;
  const offset = blocks.offset;
  // Cached pages belong to one version of the rows and one block of them.
  const [cacheKey, setCacheKey] = useState(`${version}:${offset}`);
  if (cacheKey !== `${version}:${offset}`) {
    setCacheKey(`${version}:${offset}`);
    setPages(new Map());
    loading.current.clear();
  }

  const firstPage = Math.floor((items[0]?.index ?? 0) / PAGE);
  const lastPage = Math.floor((items[items.length - 1]?.index ?? 0) / PAGE);
  useEffect(() => {
    for (let page = firstPage; page <= lastPage; page++) {
      if (pages.has(page) || loading.current.has(page)) continue;
      loading.current.add(page);
      void fetchRows(offset + page * PAGE, PAGE).then((rows) => {
        loading.current.delete(page);
        if (offset === 0 && page === 0 && rows.length > 0) setSample((current) => current ?? rows);
        setPages((current) => new Map(current).set(page, rows));
      });
    }
  }, [firstPage, lastPage, pages, fetchRows, offset]);

  const rowAt = (index: number) => {
    const local = index - offset;
    return pages.get(Math.floor(local / PAGE))?.[local % PAGE];
  };
  const lastColumn = props.columns.length; // the actions column
  const chars = columnChars(
    props.columns.map((c, i) => {
      const count = props.errorsByColumn[i] ?? 0;
      return count > 0 ? `${c.name}${COUNT_ROOM}${count.toLocaleString('en-US')}` : c.name;
    }),
    sample?.map((row) => row.values) ?? [],
  );
  const numberChars = rowNumberChars(Math.max(props.rowCount + 1, ...(sample ?? []).map((row) => row.fileRow)));
  const cellWidth = (count: number) => `calc(${count} * ${CHAR} + ${CELL_EDGES})`;
  const rowNumberWidth = cellWidth(numberChars);
  const widths = chars.map(cellWidth);
  const totalChars = numberChars + chars.reduce((sum, count) => sum + count, 0);
  const width = `calc(${totalChars} * ${CHAR} + ${chars.length + 1} * (${CELL_EDGES}) + ${ACTIONS_WIDTH})`;
  const { moveByKey, focusActive, tabStop, gridProps } = useGridFocus({
    scrollRef,
    virtualizer,
    blocks,
    rowCount: props.rowCount,
    lastColumn,
    active,
    onActive: (cell) => onActive(cell, cell.row >= 0 ? rowAt(cell.row) : undefined),
    focusRequest: props.focusRequest,
    paused: editing !== undefined,
  });

  function startEditing(initial?: string) {
    const row = rowAt(active.row);
    if (!row || active.column >= lastColumn) return;
    editDone.current = false;
    setEditing({ row: row.index, column: active.column, value: initial ?? row.values[active.column] ?? '' });
  }

  function gridKeys(event: KeyboardEvent<HTMLDivElement>) {
    if (editing) return;
    if (moveByKey(event, { page: PAGE_STEP, ctrlEndKeepsColumn: true })) {
      event.preventDefault();
      return;
    }
    const { row, column } = active;
    const ctrl = event.ctrlKey || event.metaKey;
    switch (event.key) {
      case 'Enter':
      case 'F2':
        if (row < 0) {
          if (column < lastColumn && (props.errorsByColumn[column] ?? 0) > 0)
            props.onFilterColumn(props.filterColumn === column ? undefined : column);
          break;
        }
        if (column === lastColumn) return; // the Delete button handles its own Enter
        startEditing();
        break;
      default:
        // Typing on a cell starts editing with what was typed, as in a spreadsheet.
        if (event.key.length === 1 && !ctrl && !event.altKey && row >= 0 && column < lastColumn) {
          startEditing(event.key);
          break;
        }
        return;
    }
    event.preventDefault();
  }

  function commit(keepFocus: boolean) {
    if (!editing || editDone.current) return;
    editDone.current = true;
    const row = rowAt(active.row);
    if (!row || row.values[editing.column] !== editing.value) props.onEdit(editing.row, editing.column, editing.value);
    setEditing(undefined);
    if (keepFocus) focusActive();
  }

  function editKeys(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      commit(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      editDone.current = true;
      focusActive();
      setEditing(undefined);
    }
  }

  return (
    <>
      <RowBlockNav {...blocks} total={props.rowCount} />
      <SideScrollFrame overflow={overflow} hintId={hintId}>
        <div
          className="grid-wrap"
          ref={scrollRef}
          role="grid"
          aria-rowcount={props.rowCount + 1}
          aria-colcount={props.columns.length + 2}
          aria-label="Rows of the file"
          // A cell scrolled into view from the right stops beside the sticky row numbers, not under them.
          style={{ scrollPaddingLeft: rowNumberWidth }}
          aria-describedby={overflow.left || overflow.right ? `grid-keys ${hintId}` : 'grid-keys'}
          {...gridProps}
          onKeyDown={gridKeys}
        >
          <div className="grid-row header" role="row" aria-rowindex={1} style={{ width, position: 'sticky' }}>
            <div className="grid-cell rownum" role="columnheader" style={{ flexBasis: rowNumberWidth }}>
              Row
            </div>
            {props.columns.map((c, i) => {
              const count = props.errorsByColumn[i] ?? 0;
              const filtered = props.filterColumn === i;
              return (
                <div
                  className={`grid-cell${count > 0 ? ' has-problems' : ''}`}
                  role="columnheader"
                  key={c.name}
                  style={{ flexBasis: widths[i] }}
                  data-cell={`-1:${i}`}
                  tabIndex={tabStop(-1, i)}
                  aria-sort={undefined}
                  onFocus={() => {
                    if (active.row !== -1 || active.column !== i) onActive({ row: -1, column: i }, undefined);
                  }}
                >
                  <span className="column-name">{c.name}</span>
                  {count > 0 && (
                    <button
                      type="button"
                      tabIndex={-1}
                      className={`problem-count${filtered ? ' on' : ''}`}
                      aria-pressed={filtered}
                      aria-label={`${plural(count, 'problem')} in ${c.name}: ${filtered ? 'show all rows' : 'show only these rows'}`}
                      onClick={() => props.onFilterColumn(filtered ? undefined : i)}
                    >
                      {count.toLocaleString('en-US')}
                    </button>
                  )}
                </div>
              );
            })}
            <div className="grid-cell actions" role="columnheader">
              <span className="sr-only">Actions</span>
            </div>
          </div>
          <div style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
            {items.map((item) => {
              const position = offset + item.index;
              const row = rowAt(position);
              return (
                <div
                  className="grid-row"
                  role="row"
                  aria-rowindex={position + 2}
                  key={item.key}
                  style={{ top: item.start, height: ROW_HEIGHT, width }}
                >
                  <div className="grid-cell rownum" role="rowheader" style={{ flexBasis: rowNumberWidth }}>
                    {row ? row.fileRow : '…'}
                  </div>
                  {props.columns.map((column, c) => {
                    const isActive = active.row === position && active.column === c;
                    if (!row)
                      return (
                        <div
                          className="grid-cell"
                          role="gridcell"
                          key={column.name}
                          style={{ flexBasis: widths[c] }}
                          data-cell={`${position}:${c}`}
                          tabIndex={tabStop(position, c)}
                        />
                      );
                    // A whole-row problem (wrong number of values) shows on the row's first cell, where
                    // Next problem goes (lib/import-session/row-problems.ts problemColumns).
                    const problem = row.problems.find((p) => p.column === c || (c === 0 && p.column === -1));
                    const duplicate = column.isKey && row.duplicateOf;
                    const isEditing = editing?.row === row.index && editing.column === c;
                    return (
                      <div
                        key={column.name}
                        role="gridcell"
                        style={{ flexBasis: widths[c] }}
                        data-cell={`${position}:${c}`}
                        tabIndex={isEditing ? -1 : tabStop(position, c)}
                        aria-invalid={problem || duplicate ? true : undefined}
                        aria-label={`${column.name}, row ${row.fileRow}: ${row.values[c] || 'empty'}`}
                        aria-describedby={isActive && (problem || duplicate) ? props.describedBy : undefined}
                        className={`grid-cell${problem ? ' invalid' : duplicate ? ' duplicate' : ''}${isActive ? ' active' : ''}`}
                        onFocus={(e) => {
                          if (e.target === e.currentTarget && !isActive) onActive({ row: position, column: c }, row);
                        }}
                        // Always: the cell active when the step opens has not said what is in it yet.
                        onClick={() => onActive({ row: position, column: c }, row)}
                        onDoubleClick={() => {
                          editDone.current = false;
                          setEditing({ row: row.index, column: c, value: row.values[c] ?? '' });
                        }}
                      >
                        {isEditing ? (
                          <input
                            autoFocus
                            aria-label={`${column.name}, row ${row.fileRow}`}
                            value={editing.value}
                            onChange={(e) => setEditing({ ...editing, value: e.target.value })}
                            onKeyDown={editKeys}
                            onBlur={() => commit(false)}
                          />
                        ) : (
                          <span className="cell-text">{oneLine(row.values[c] ?? '') || ' '}</span>
                        )}
                      </div>
                    );
                  })}
                  <div className="grid-cell actions" role="gridcell" data-cell={`${position}:${lastColumn}`}>
                    {row && (
                      <button
                        type="button"
                        tabIndex={tabStop(position, lastColumn)}
                        onFocus={() => {
                          if (active.row !== position || active.column !== lastColumn)
                            onActive({ row: position, column: lastColumn }, row);
                        }}
                        onClick={() => {
                          // The next row moves up into this place: focus stays on its Delete button.
                          focusActive();
                          props.onDelete(row.index);
                        }}
                        aria-label={`Delete row ${row.fileRow}`}
                      >
                        Delete
                      </button>
                    )}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </SideScrollFrame>
      <p id="grid-keys" className="sr-only">
        Arrow keys move between cells. Enter or F2 edits the cell, Enter saves, Escape cancels. F8 goes to the next
        problem.
      </p>
    </>
  );
}
