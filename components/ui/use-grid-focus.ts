'use client';

import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

import { ROWS_PER_BLOCK, type useRowBlocks } from '@/components/ui/row-blocks';

/** The active cell: `row` is a position in the grid's rows (-1 is the header), `column` a column of the grid. */
export type ActiveCell = { row: number; column: number };

type Options = {
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  blocks: ReturnType<typeof useRowBlocks>;
  rowCount: number;
  lastColumn: number;
  active: ActiveCell;
  onActive: (cell: ActiveCell) => void;
  /** Bumped to move focus into the grid at the active cell. */
  focusRequest?: number;
  /** While true (a cell is being edited) focus is left where it is. */
  paused?: boolean;
};

/**
 * The roving focus of a virtualized WAI-ARIA grid: the active cell is its one Tab stop. Cells carry
 * `data-cell="row:column"` and `tabIndex={tabStop(row, column)}`; a cell holding a button passes
 * focus to it. Moving keeps the active row in the block shown and scrolls it into view; focus
 * follows once its row is rendered.
 */
export function useGridFocus({
  scrollRef,
  virtualizer,
  blocks,
  rowCount,
  lastColumn,
  active,
  onActive,
  focusRequest = 0,
  paused = false,
}: Options) {
  const wantFocus = useRef(false);
  const focusInside = useRef(false);
  const items = virtualizer.getVirtualItems();
  const { offset, setBlock } = blocks;

  useEffect(() => {
    if (active.row < 0) return;
    const block = Math.floor(active.row / ROWS_PER_BLOCK);
    if (block !== blocks.block) setBlock(block);
    virtualizer.scrollToIndex(active.row - block * ROWS_PER_BLOCK, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- scroll when the active row changes, not on every render
  }, [active.row, setBlock]);

  useEffect(() => {
    if (focusRequest > 0) wantFocus.current = true;
  }, [focusRequest]);

  useEffect(() => {
    // A focused cell whose row was re-fetched (after an edit or a delete) may have left the DOM:
    // focus then returns to the active cell rather than falling to the page.
    const lost = focusInside.current && (document.activeElement === document.body || !document.activeElement);
    if ((!wantFocus.current && !lost) || paused) return;
    const cell = scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${active.row}:${active.column}"]`);
    if (!cell) return;
    const target = cell.querySelector<HTMLElement>('button') ?? cell;
    target.focus({ preventScroll: true });
    cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    wantFocus.current = false;
  });

  function move(row: number, column: number) {
    const cell = { row: Math.max(-1, Math.min(rowCount - 1, row)), column: Math.max(0, Math.min(lastColumn, column)) };
    wantFocus.current = true;
    onActive(cell);
  }

  /**
   * The grid pattern's moves: arrows by a cell, Home/End to the row's ends (with Ctrl or ⌘ the first
   * and the last row), PageUp/PageDown by `page` rows. False for any other key, which the grid's own
   * handler then takes.
   */
  function moveByKey(
    event: KeyboardEvent<HTMLElement>,
    { page, ctrlEndKeepsColumn = false }: { page: number; ctrlEndKeepsColumn?: boolean },
  ): boolean {
    const { row, column } = active;
    const ctrl = event.ctrlKey || event.metaKey;
    switch (event.key) {
      case 'ArrowDown':
        move(row + 1, column);
        return true;
      case 'ArrowUp':
        move(row - 1, column);
        return true;
      case 'ArrowRight':
        move(row, column + 1);
        return true;
      case 'ArrowLeft':
        move(row, column - 1);
        return true;
      case 'Home':
        move(ctrl ? 0 : row, 0);
        return true;
      case 'End':
        move(ctrl ? rowCount - 1 : row, ctrl && ctrlEndKeepsColumn ? column : lastColumn);
        return true;
      case 'PageDown':
        move(row + page, column);
        return true;
      case 'PageUp':
        move(Math.max(0, row - page), column);
        return true;
      default:
        return false;
    }
  }

  // The active row may be scrolled out of the DOM: then the grid itself is the one Tab stop, and
  // focusing it makes the first row in view active.
  const activeRendered = active.row === -1 || items.some((item) => offset + item.index === active.row);
  const gridProps = {
    tabIndex: activeRendered ? -1 : 0,
    onBlur: (event: FocusEvent<HTMLDivElement>) => {
      if (!event.currentTarget.contains(event.relatedTarget)) focusInside.current = false;
    },
    onFocus: (event: FocusEvent<HTMLDivElement>) => {
      focusInside.current = true;
      if (event.target !== event.currentTarget || activeRendered) return;
      const first = items.find((item) => item.start >= (scrollRef.current?.scrollTop ?? 0)) ?? items[0];
      if (first) move(offset + first.index, Math.min(active.column, lastColumn));
    },
  };

  return {
    moveByKey,
    /** Focus the active cell once it is rendered (after an edit is saved or cancelled, a row deleted). */
    focusActive: () => {
      wantFocus.current = true;
    },
    tabStop: (row: number, column: number) => (active.row === row && active.column === column ? 0 : -1),
    gridProps,
  };
}
