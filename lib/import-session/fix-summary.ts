import type { BrowserFixes } from '@/lib/shared/browser-fixes';
import type { ListColumn } from '@/lib/shared/list-column';

import type { FileRecords } from './file-records';

/** How a cell was last changed, one byte a cell in a column's touch marks. */
export const TOUCHED_BY_HAND = 1;
export const TOUCHED_BY_FIX = 2;

/**
 * What the person changed, against the file as read: cells edited by hand, rows deleted, and per
 * column the values a replace or fix changed. A cell changed back to the file's value is not
 * counted, so an undone change or an edit back is not either.
 */
export function fixSummary(
  columns: readonly ListColumn[],
  rows: readonly (readonly string[])[],
  alive: Uint8Array,
  /** Per column (undefined until a cell of it changed), per row: TOUCHED_BY_HAND, TOUCHED_BY_FIX or 0. */
  touched: readonly (Uint8Array | undefined)[],
  file: FileRecords,
): BrowserFixes {
  let cellsEdited = 0;
  const valuesReplaced: BrowserFixes['valuesReplaced'] = [];
  touched.forEach((marks, c) => {
    if (!marks) return;
    let replaced = 0;
    for (let r = 0; r < marks.length; r++) {
      const mark = marks[r]!;
      if (!mark || !alive[r] || rows[r]![c] === file.value(r, c)) continue;
      if (mark === TOUCHED_BY_HAND) cellsEdited++;
      else replaced++;
    }
    if (replaced > 0) valuesReplaced.push({ column: columns[c]!.name, count: replaced });
  });
  let rowsDeleted = 0;
  for (let r = 0; r < alive.length; r++) if (!alive[r]) rowsDeleted++;
  return { cellsEdited, rowsDeleted, valuesReplaced };
}
