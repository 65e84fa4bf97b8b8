'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

import { RowBlockNav, ROWS_PER_BLOCK, useRowBlocks } from '@/components/ui/row-blocks';
import type { ReviewRow } from '@/lib/import-session/dataset';
import type { ListColumn } from '@/lib/lists/columns';

const ROW_HEIGHT = 34;
const PAGE = 200;

type Props = {
  columns: ListColumn[];
  rowCount: number;
  /** Changes whenever the rows changed, so cached pages are fetched again. */
  version: number;
  fetchRows: (start: number, count: number) => Promise<ReviewRow[]>;
  onEdit: (rowIndex: number, column: number, value: string) => void;
  onDelete: (rowIndex: number) => void;
  onSelect: (row: ReviewRow) => void;
  scrollToIndex?: { index: number; nonce: number };
};

/**
 * Every row of the file, virtualized: only the rows in view are in the DOM, fetched by page from
 * the worker. A cell is a button; Enter or a click edits it, Enter saves, Escape cancels.
 */
export function ReviewGrid(props: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Map<number, ReviewRow[]>>(new Map());
  const [editing, setEditing] = useState<{ row: number; column: number; value: string }>();
  const loading = useRef(new Set<number>());
  const blocks = useRowBlocks(props.rowCount);
  // The virtualizer's functions change identity on scroll; this component re-renders with them on purpose.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: blocks.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const { fetchRows, version } = props;
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
        setPages((current) => new Map(current).set(page, rows));
      });
    }
  }, [firstPage, lastPage, pages, fetchRows, offset]);

  const { scrollToIndex } = props;
  const { setBlock } = blocks;
  useEffect(() => {
    if (!scrollToIndex) return;
    const target = Math.floor(scrollToIndex.index / ROWS_PER_BLOCK);
    setBlock(target);
    // After the block switch has rendered, scroll within it.
    requestAnimationFrame(() =>
      virtualizer.scrollToIndex(scrollToIndex.index - target * ROWS_PER_BLOCK, { align: 'center' }),
    );
  }, [scrollToIndex, virtualizer, setBlock]);

  const rowAt = (index: number) => pages.get(Math.floor(index / PAGE))?.[index % PAGE];
  const width = 80 + 90 + props.columns.length * 170;

  function commit() {
    if (!editing) return;
    props.onEdit(editing.row, editing.column, editing.value);
    setEditing(undefined);
  }
  function editKeys(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      setEditing(undefined);
    }
  }

  return (
    <>
      <RowBlockNav {...blocks} total={props.rowCount} />
      <div
        className="grid-wrap"
        ref={scrollRef}
        role="grid"
        aria-rowcount={props.rowCount + 1}
        aria-colcount={props.columns.length + 2}
        aria-label="Rows of the file"
      >
        <div className="grid-row header" role="row" style={{ width, position: 'sticky' }}>
          <div className="grid-cell rownum" role="columnheader">
            Row
          </div>
          {props.columns.map((c) => (
            <div className="grid-cell" role="columnheader" key={c.name} title={`${c.name} (${c.dataType})`}>
              {c.name}
            </div>
          ))}
          <div className="grid-cell actions" role="columnheader">
            <span className="sr-only">Actions</span>
          </div>
        </div>
        <div style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            return (
              <div
                className="grid-row"
                role="row"
                aria-rowindex={offset + item.index + 2}
                key={item.key}
                style={{ top: item.start, height: ROW_HEIGHT, width }}
              >
                <div className="grid-cell rownum" role="rowheader">
                  {row ? row.fileRow : '…'}
                </div>
                {props.columns.map((column, c) => {
                  if (!row) return <div className="grid-cell" role="gridcell" key={column.name} />;
                  const problem = row.problems.find((p) => p.column === c);
                  const duplicate = column.isKey && row.duplicateOf;
                  const isEditing = editing?.row === row.index && editing.column === c;
                  return (
                    <div
                      key={column.name}
                      role="gridcell"
                      aria-invalid={problem ? true : undefined}
                      className={`grid-cell${problem ? ' invalid' : duplicate ? ' duplicate' : ''}`}
                      title={
                        problem
                          ? `${problem.message} ${problem.remediation}`
                          : duplicate
                            ? `Same key as row ${row.duplicateOf!.join(', ')}`
                            : row.values[c]
                      }
                    >
                      {isEditing ? (
                        <input
                          autoFocus
                          aria-label={`${column.name}, row ${row.fileRow}`}
                          value={editing.value}
                          onChange={(e) => setEditing({ ...editing, value: e.target.value })}
                          onKeyDown={editKeys}
                          onBlur={commit}
                        />
                      ) : (
                        <button
                          type="button"
                          className="cell-button"
                          aria-label={`${column.name}, row ${row.fileRow}: ${row.values[c] || 'empty'}${problem ? `. Problem: ${problem.message}` : ''}${duplicate ? `. Duplicate key of row ${row.duplicateOf!.join(', ')}` : ''}. Press Enter to edit.`}
                          onFocus={() => props.onSelect(row)}
                          onClick={() => setEditing({ row: row.index, column: c, value: row.values[c] ?? '' })}
                        >
                          {row.values[c] || ' '}
                        </button>
                      )}
                    </div>
                  );
                })}
                <div className="grid-cell actions" role="gridcell">
                  {row && (
                    <button
                      type="button"
                      onClick={() => props.onDelete(row.index)}
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
    </>
  );
}
