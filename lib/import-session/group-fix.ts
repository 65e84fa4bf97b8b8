import { PROBLEM_CODES } from '@/lib/csv/problem';
import { compileValueReader } from '@/lib/formats/column-format';

import { currencyReader } from './currency-fix';
import { groupRows, parseGroupId, type ProblemSource } from './problem-groups';
import type { GroupFix } from './review-types';

/** What a group fix writes: new values for some cells, or rows to delete. */
export type GroupFixPlan = {
  cells: { row: number; column: number; value: string }[];
  rowsToDelete: number[];
};

/** The cells a group fix changes (only those whose value changes) or the rows it deletes; changes nothing. */
export function planGroupFix(source: ProblemSource, fix: GroupFix): GroupFixPlan {
  const { column, code } = parseGroupId(fix.group);
  const rows = groupRows(source, column, code);
  if (fix.action === 'delete') {
    // Of rows sharing a key, the first stays: deleting every copy would lose the record itself.
    if (code === PROBLEM_CODES.duplicateKey) {
      const firsts = source.keys.firstHolders();
      return { cells: [], rowsToDelete: rows.filter((r) => !firsts.has(r)) };
    }
    return { cells: [], rowsToDelete: rows };
  }
  if (column < 0) return { cells: [], rowsToDelete: [] };
  const values = source.rows;
  const cells: GroupFixPlan['cells'] = [];
  if (fix.action === 'format') {
    const read = compileValueReader(source.columns[column]!.dataType, fix.format);
    for (const row of rows) {
      const result = read(values[row]![column]!);
      if (result.ok && result.value !== values[row]![column]) cells.push({ row, column, value: result.value });
    }
    return { cells, rowsToDelete: [] };
  }
  if (fix.action === 'currency') {
    const read = currencyReader(source, column, fix.format);
    for (const row of rows) {
      const number = read(values[row]![column]!);
      if (number !== undefined) cells.push({ row, column, value: number });
    }
    return { cells, rowsToDelete: [] };
  }
  const value = fix.action === 'empty' ? '' : fix.value;
  for (const row of rows) if (values[row]![column] !== value) cells.push({ row, column, value });
  return { cells, rowsToDelete: [] };
}

/** How many cells and rows a plan changes, as the fix's preview says. */
export function planSize(plan: GroupFixPlan): { cells: number; rows: number } {
  return { cells: plan.cells.length, rows: plan.rowsToDelete.length || new Set(plan.cells.map((c) => c.row)).size };
}
