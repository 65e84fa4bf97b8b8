import type { GroupFixPlan } from './group-fix';
import type { ProblemSource } from './problem-groups';
import type { KeyClash, RowKey } from './review-types';

/**
 * The key that changing these cells would give the most rows, when it would give one to more than
 * one row (counting rows the change leaves alone): "Replace all with X" on a key column makes every
 * row's key X, and keys must be unique. Asked before a fix is applied, so it is refused, not made.
 */
export function keyClash(
  source: Pick<ProblemSource, 'rows' | 'keys' | 'validator'>,
  cells: GroupFixPlan['cells'],
): KeyClash | undefined {
  const keyColumns = source.keys.columnIndexes;
  if (keyColumns.length === 0 || !cells.some((cell) => keyColumns.includes(cell.column))) return undefined;
  const changed = new Map<number, string[]>();
  for (const { row, column, value } of cells) {
    let values = changed.get(row);
    if (!values) changed.set(row, (values = [...source.rows[row]!]));
    values[column] = value;
  }
  const holders = new Map<RowKey, { rows: number; key: string }>();
  for (const values of changed.values()) {
    const canonical: (string | null | undefined)[] = new Array(values.length);
    for (const k of keyColumns) {
      const result = source.validator.checkValue(k, values[k]!, 0);
      if (!('problem' in result)) canonical[k] = result.value;
    }
    const key = source.keys.keyFrom(values, canonical);
    if (key === undefined) continue;
    let held = holders.get(key);
    if (!held) {
      // Rows that already hold the key and keep it.
      const others = source.keys.holdersOf(key).filter((r) => !changed.has(r)).length;
      holders.set(key, (held = { rows: others, key: keyColumns.map((k) => values[k]).join(' / ') }));
    }
    held.rows++;
  }
  let most: KeyClash | undefined;
  for (const held of holders.values()) if (held.rows > 1 && (!most || held.rows > most.rows)) most = held;
  return most;
}
