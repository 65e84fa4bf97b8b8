import { keyIdentity } from '@/lib/lists/key-identity';
import type { ListColumn } from '@/lib/shared/list-column';

import type { RowKey } from './review-types';

/**
 * Which row holds which key, and the keys more than one row holds: the browser's duplicate-key
 * check, kept current as rows change so a fix never rescans the file.
 */
export class RowKeys {
  /** The list's key columns, in the list's order. */
  readonly columnIndexes: readonly number[];
  /** Keys held by more than one row. */
  readonly duplicates = new Set<RowKey>();
  /** Rows holding each key: one row index, or the rows sharing a duplicated key (most keys are unique: no array each). */
  private readonly holders = new Map<RowKey, number | number[]>();
  private readonly keyOfRow: (RowKey | undefined)[];
  /** One whole-number key column: keys are kept as numbers (see keyFrom). */
  private readonly wholeNumberKey: boolean;

  constructor(
    private readonly columns: readonly ListColumn[],
    rowCount: number,
  ) {
    this.columnIndexes = columns.map((c, i) => (c.isKey ? i : -1)).filter((i) => i >= 0);
    this.wholeNumberKey = this.columnIndexes.length === 1 && columns[this.columnIndexes[0]!]!.dataType === 'integer';
    this.keyOfRow = new Array(rowCount);
  }

  /**
   * The row's key as PostgreSQL compares it (see keyIdentity), from the canonical values when the
   * row needed them, else from the values as written (which accepts() found canonical); undefined
   * when a key value is empty or invalid, a problem of its own.
   */
  keyFrom(row: readonly string[], canonical: readonly (string | null | undefined)[] | undefined): RowKey | undefined {
    let key: string | undefined;
    for (const k of this.columnIndexes) {
      const value = canonical ? canonical[k] : row[k];
      if (value === undefined || value === null || value === '') return undefined;
      const part = keyIdentity(this.columns[k]!.dataType, value);
      key = key === undefined ? part : `${key}\u0000${part}`;
    }
    // The usual key, one whole-number column: kept as a number, which a Map hashes faster than
    // text (a 1M-row file's check). Up to 15 digits a number holds it exactly; longer keys stay text.
    if (key !== undefined && this.wholeNumberKey) {
      return key.length <= 15 ? Number(key) : key;
    }
    return key;
  }

  /** The key row r holds; undefined when it has none. */
  keyAt(r: number): RowKey | undefined {
    return this.keyOfRow[r];
  }

  add(r: number, key: RowKey): void {
    this.keyOfRow[r] = key;
    const holders = this.holders.get(key);
    if (holders === undefined) {
      this.holders.set(key, r);
    } else if (typeof holders === 'number') {
      this.holders.set(key, [holders, r]);
      this.duplicates.add(key);
    } else {
      holders.push(r);
    }
  }

  /** Row r no longer holds its key (it is being revalidated or was deleted). */
  remove(r: number): void {
    const key = this.keyOfRow[r];
    if (key === undefined) return;
    if (this.holders.get(key) === r) {
      // The common case, a key no other row has: no arrays to build.
      this.holders.delete(key);
    } else {
      const others = this.holdersOf(key).filter((x) => x !== r);
      if (others.length <= 1) this.duplicates.delete(key);
      if (others.length === 0) this.holders.delete(key);
      else this.holders.set(key, others.length === 1 ? others[0]! : others);
    }
    this.keyOfRow[r] = undefined;
  }

  holdersOf(key: RowKey | undefined): readonly number[] {
    const holders = key === undefined ? undefined : this.holders.get(key);
    return holders === undefined ? [] : typeof holders === 'number' ? [holders] : holders;
  }

  /** The other rows holding row r's key, in no particular order; empty when the key is unique. */
  othersSharing(r: number): number[] {
    const holders = this.holdersOf(this.keyOfRow[r]);
    return holders.length > 1 ? holders.filter((x) => x !== r) : [];
  }

  /** Rows holding a duplicated key. */
  duplicateRowCount(): number {
    let count = 0;
    for (const key of this.duplicates) count += this.holdersOf(key).length;
    return count;
  }

  /** Every row holding a duplicated key, in row order. */
  duplicateRows(): number[] {
    const rows: number[] = [];
    for (const key of this.duplicates) rows.push(...this.holdersOf(key));
    return rows.sort((a, b) => a - b);
  }

  /** The first row of each duplicated key: the one a "delete the copies" fix keeps. */
  firstHolders(): Set<number> {
    const firsts = new Set<number>();
    for (const key of this.duplicates) firsts.add(Math.min(...this.holdersOf(key)));
    return firsts;
  }
}
