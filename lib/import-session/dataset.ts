import { csvRow } from '@/lib/export/csv-writer';
import type { ListColumn } from '@/lib/lists/columns';
import { keyIdentity } from '@/lib/lists/key-identity';
import type { ColumnMapping } from '@/lib/lists/mapping';
import { compileRecordValidator, type RecordValidator } from '@/lib/lists/record-validator';
import { VALUE_PARSERS } from '@/lib/lists/value-parsers';

export type CellProblem = { column: number; message: string; remediation: string };
export type ReviewRow = {
  index: number;
  fileRow: number;
  values: string[];
  problems: CellProblem[];
  duplicateOf: number[] | null;
};
export type ReviewStats = {
  rowCount: number;
  errorRowCount: number;
  cellErrorCount: number;
  errorsByColumn: number[];
  duplicateKeyRows: number;
};

/**
 * The rows of one file, in the list's column order, with every problem the server would find —
 * held in the browser's worker so the page stays responsive. Validation is the server's own code
 * (lib/lists), so a file this calls clean is one the server accepts.
 */
export class ReviewDataset {
  private rows: string[][] = [];
  private fileRows: Int32Array = new Int32Array(0);
  private alive: Uint8Array = new Uint8Array(0);
  private view: Int32Array = new Int32Array(0);
  private problems = new Map<number, CellProblem[]>();
  /** Rows holding each key: one row index, or the rows sharing a duplicated key (most keys are unique: no array each). */
  private keyRows = new Map<string, number | number[]>();
  private duplicateKeys = new Set<string>();
  /** Rows with more or fewer values than the header: row → how many it has. Kept through bulk fixes. */
  private raggedWidths = new Map<number, number>();
  private headerWidth = 0;
  /** Cells that show an Excel error (#N/A…) in the sheet: row → list column → the error and its cell. */
  private excelErrors = new Map<number, Map<number, { value: string; cell: string }>>();
  private rowKey: (string | undefined)[] = [];
  private errorsByColumn: number[] = [];
  private errorViewCache: Int32Array | undefined;
  private readonly validator: RecordValidator;
  private readonly keyIndexes: number[];

  constructor(
    readonly columns: readonly ListColumn[],
    raw: {
      headers: readonly string[];
      records: readonly string[][];
      firstFileRows: Int32Array;
      /** From a workbook: record index → file column → the Excel error the cell shows (see lib/excel/sheet-table). */
      excelErrors?: ReadonlyMap<number, ReadonlyMap<number, { value: string; cell: string }>>;
    },
    mapping: ColumnMapping,
    /** Per list column, how to read the file's values (lib/import-session/file-formats.ts); as written by default. */
    readFileValue: readonly ((value: string) => string)[] = [],
  ) {
    this.validator = compileRecordValidator(columns);
    this.keyIndexes = columns.map((c, i) => (c.isKey ? i : -1)).filter((i) => i >= 0);
    this.headerWidth = raw.headers.length;
    this.rows = new Array(raw.records.length);
    for (let r = 0; r < raw.records.length; r++) {
      const record = raw.records[r]!;
      if (record.length !== this.headerWidth) this.raggedWidths.set(r, record.length);
      this.rows[r] = mapping.map((fileIndex, c) => {
        const value = fileIndex === null ? '' : (record[fileIndex] ?? '');
        const read = readFileValue[c];
        return read ? read(value) : value;
      });
    }
    this.fileRows = raw.firstFileRows;
    for (const [r, errors] of raw.excelErrors ?? []) {
      const byColumn = new Map<number, { value: string; cell: string }>();
      mapping.forEach((fileIndex, c) => {
        const error = fileIndex === null ? undefined : errors.get(fileIndex);
        if (error) byColumn.set(c, error);
      });
      if (byColumn.size > 0) this.excelErrors.set(r, byColumn);
    }
    this.alive = new Uint8Array(this.rows.length).fill(1);
    this.rebuildView();
    this.errorsByColumn = columns.map(() => 0);
    this.rowKey = new Array(this.rows.length);
    for (let r = 0; r < this.rows.length; r++) this.validateRow(r);
  }

  get size(): number {
    return this.view.length;
  }

  stats(): ReviewStats {
    let cellErrorCount = 0;
    for (const list of this.problems.values()) cellErrorCount += list.length;
    let duplicateKeyRows = 0;
    for (const key of this.duplicateKeys) duplicateKeyRows += this.holdersOf(key).length;
    return {
      rowCount: this.view.length,
      errorRowCount: this.errorView().length,
      cellErrorCount,
      errorsByColumn: [...this.errorsByColumn],
      duplicateKeyRows,
    };
  }

  /** Rows [start, start+count) of the visible list, or of the rows with problems. */
  getRows(start: number, count: number, onlyErrors: boolean): ReviewRow[] {
    const source = onlyErrors ? this.errorView() : this.view;
    const out: ReviewRow[] = [];
    for (let v = start; v < Math.min(source.length, start + count); v++) out.push(this.describe(source[v]!));
    return out;
  }

  /** Position in the (filtered) view of the next row with a problem after `afterViewIndex`, wrapping around. */
  nextProblem(afterViewIndex: number, onlyErrors: boolean): number | null {
    const errors = this.errorView();
    if (errors.length === 0) return null;
    if (onlyErrors) return afterViewIndex + 1 < errors.length ? afterViewIndex + 1 : 0;
    const currentRow = this.view[afterViewIndex] ?? -1;
    const next = errors.find((r) => r > currentRow) ?? errors[0]!;
    return this.viewPosition(next);
  }

  editCell(rowIndex: number, column: number, value: string): void {
    const row = this.rows[rowIndex];
    if (!row || !this.alive[rowIndex]) return;
    row[column] = value;
    // Editing a row with the wrong number of values by hand is the correction its problem asks for.
    this.raggedWidths.delete(rowIndex);
    this.revalidate([rowIndex]);
  }

  deleteRows(rowIndexes: readonly number[]): void {
    for (const r of rowIndexes) {
      if (!this.alive[r]) continue;
      this.alive[r] = 0;
      this.clearRow(r);
    }
    this.rebuildView();
  }

  /** Replaces text in every cell (or one column); returns how many cells changed. */
  replaceAll(
    find: string,
    replacement: string,
    options: { column?: number; matchCase?: boolean; wholeCell?: boolean },
  ): number {
    if (find === '') return 0;
    const pattern = new RegExp(
      options.wholeCell ? `^${escapeRegex(find)}$` : escapeRegex(find),
      options.matchCase ? 'g' : 'gi',
    );
    return this.transformCells(options.column, (value) => value.replace(pattern, replacement.replaceAll('$', '$$$$')));
  }

  trimSpaces(column?: number): number {
    return this.transformCells(column, (value) => value.trim().replace(/\s{2,}/g, ' '));
  }

  normalizeBooleans(): number {
    const columns = this.columns.map((c, i) => (c.dataType === 'boolean' ? i : -1)).filter((i) => i >= 0);
    let changed = 0;
    for (const column of columns) {
      changed += this.transformCells(column, (value) => {
        const v = value.trim().toLowerCase();
        if (['true', 't', 'yes', 'y', '1', 'ja', 'oui', 'si', 'x', 'on'].includes(v)) return 'true';
        if (['false', 'f', 'no', 'n', '0', 'nein', 'non', 'off'].includes(v)) return 'false';
        return value;
      });
    }
    return changed;
  }

  /** Rewrites day/month/year style dates (order chosen by the user: it is ambiguous) as YYYY-MM-DD. */
  normalizeDates(order: 'DMY' | 'MDY' | 'YMD'): number {
    const columns = this.columns.map((c, i) => (c.dataType === 'date' ? i : -1)).filter((i) => i >= 0);
    let changed = 0;
    for (const column of columns) {
      changed += this.transformCells(column, (value) => {
        const text = value.trim();
        // Already right: never reinterpret a YYYY-MM-DD date.
        if (VALUE_PARSERS.date(text).ok) return value;
        const pattern =
          order === 'YMD'
            ? /^(\d{4})[./\-\s](\d{1,2})[./\-\s](\d{1,2})$/
            : /^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{2}|\d{4})$/;
        const parts = text.match(pattern);
        if (!parts) return value;
        const [a, b, c] = [parts[1]!, parts[2]!, parts[3]!];
        const [y, m, d] = order === 'DMY' ? [c, b, a] : order === 'MDY' ? [c, a, b] : [a, b, c];
        const candidate = `${y.length === 2 ? `20${y}` : y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
        // Only a real calendar date replaces the value; anything else stays for the user to see.
        return VALUE_PARSERS.date(candidate).ok ? candidate : value;
      });
    }
    return changed;
  }

  /** The reviewed rows as a CSV in the list's column order, in parts small enough to stream into a Blob. */
  *toCsvParts(partRows = 5000): Generator<string> {
    yield csvRow(this.columns.map((c) => c.name));
    let part = '';
    let inPart = 0;
    for (let v = 0; v < this.view.length; v++) {
      part += csvRow(this.rows[this.view[v]!]!);
      if (++inPart >= partRows) {
        yield part;
        part = '';
        inPart = 0;
      }
    }
    if (part) yield part;
  }

  private transformCells(column: number | undefined, transform: (value: string) => string): number {
    const changedRows: number[] = [];
    let changed = 0;
    for (let v = 0; v < this.view.length; v++) {
      const r = this.view[v]!;
      const row = this.rows[r]!;
      let rowChanged = false;
      for (let c = column ?? 0; c < (column === undefined ? row.length : column + 1); c++) {
        const next = transform(row[c]!);
        if (next !== row[c]) {
          row[c] = next;
          changed++;
          rowChanged = true;
        }
      }
      if (rowChanged) changedRows.push(r);
    }
    this.revalidate(changedRows);
    return changed;
  }

  private revalidate(rowIndexes: readonly number[]): void {
    for (const r of rowIndexes) {
      this.clearRow(r);
      this.validateRow(r);
    }
    this.errorViewCache = undefined;
  }

  private validateRow(r: number): void {
    const row = this.rows[r]!;
    const fileRow = this.fileRows[r]!;
    // Most rows are valid as written: one allocation-free test instead of a result per cell.
    let canonical: (string | null | undefined)[] | undefined;
    let list: CellProblem[] | undefined;
    const excelErrors = this.excelErrors.get(r);
    if (excelErrors || !this.validator.accepts(row)) {
      canonical = new Array(row.length);
      for (let c = 0; c < row.length; c++) {
        const excelError = excelErrors?.get(c);
        // Until the user changes it, a cell showing an Excel error is that problem, whatever the column takes.
        if (excelError && row[c] === excelError.value) {
          (list ??= []).push(this.excelErrorProblem(c, excelError, fileRow));
          this.errorsByColumn[c]!++;
          continue;
        }
        const result = this.validator.checkValue(c, row[c]!, fileRow);
        if ('problem' in result) {
          (list ??= []).push({ column: c, message: result.problem.message, remediation: result.problem.remediation });
          this.errorsByColumn[c]!++;
        } else {
          canonical[c] = result.value;
        }
      }
    }
    const wrongWidth = this.raggedWidths.get(r);
    if (wrongWidth !== undefined) (list ??= []).unshift(this.raggedProblem(r, wrongWidth));
    if (list) this.problems.set(r, list);
    this.errorViewCache = undefined;
    const key = this.keyOf(row, canonical);
    if (key === undefined) return;
    this.rowKey[r] = key;
    const holders = this.keyRows.get(key);
    if (holders === undefined) {
      this.keyRows.set(key, r);
    } else if (typeof holders === 'number') {
      this.keyRows.set(key, [holders, r]);
      this.duplicateKeys.add(key);
    } else {
      holders.push(r);
    }
  }

  /**
   * The row's key as PostgreSQL compares it (see keyIdentity), from the canonical values when the
   * row needed them, else from the values as written (which accepts() found canonical); undefined
   * when a key value is empty or invalid, a problem of its own.
   */
  private keyOf(
    row: readonly string[],
    canonical: readonly (string | null | undefined)[] | undefined,
  ): string | undefined {
    let key: string | undefined;
    for (const k of this.keyIndexes) {
      const value = canonical ? canonical[k] : row[k];
      if (value === undefined || value === null || value === '') return undefined;
      const part = keyIdentity(this.columns[k]!.dataType, value);
      key = key === undefined ? part : `${key}\u0000${part}`;
    }
    return key;
  }

  private holdersOf(key: string | undefined): readonly number[] {
    const holders = key === undefined ? undefined : this.keyRows.get(key);
    return holders === undefined ? [] : typeof holders === 'number' ? [holders] : holders;
  }

  private excelErrorProblem(column: number, error: { value: string; cell: string }, fileRow: number): CellProblem {
    return {
      column,
      message: `Row ${fileRow}: "${this.columns[column]!.name}" shows the Excel error ${error.value} (cell ${error.cell} of the sheet).`,
      remediation:
        'Type the right value here (or clear it), or fix the formula in Excel, save and choose the file again.',
    };
  }

  private raggedProblem(r: number, found: number): CellProblem {
    return {
      column: -1,
      message: `Row ${this.fileRows[r]} has ${found} values, but the header has ${this.headerWidth} columns: values may be in the wrong columns.`,
      remediation: 'Check this row for a missing or extra delimiter, then correct its values or delete the row.',
    };
  }

  private clearRow(r: number): void {
    const list = this.problems.get(r);
    if (list) for (const p of list) if (p.column >= 0) this.errorsByColumn[p.column]!--;
    this.problems.delete(r);
    const key = this.rowKey[r];
    if (key !== undefined) {
      const others = this.holdersOf(key).filter((x) => x !== r);
      if (others.length <= 1) this.duplicateKeys.delete(key);
      if (others.length === 0) this.keyRows.delete(key);
      else this.keyRows.set(key, others.length === 1 ? others[0]! : others);
      this.rowKey[r] = undefined;
    }
    this.errorViewCache = undefined;
  }

  private describe(r: number): ReviewRow {
    const holders = this.holdersOf(this.rowKey[r]);
    return {
      index: r,
      fileRow: this.fileRows[r]!,
      values: [...this.rows[r]!],
      problems: this.problems.get(r) ?? [],
      duplicateOf:
        holders.length > 1
          ? holders
              .filter((x) => x !== r)
              .sort((a, b) => a - b)
              .map((x) => this.fileRows[x]!)
          : null,
    };
  }

  private errorView(): Int32Array {
    if (this.errorViewCache) return this.errorViewCache;
    // From the few rows with problems, not a pass over every row: the view is in row order, so sort.
    const rows = new Set<number>(this.problems.keys());
    for (const key of this.duplicateKeys) for (const r of this.holdersOf(key)) rows.add(r);
    const out = Int32Array.from(rows).sort();
    this.errorViewCache = out;
    return out;
  }

  private viewPosition(rowIndex: number): number {
    let low = 0;
    let high = this.view.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const value = this.view[mid]!;
      if (value === rowIndex) return mid;
      if (value < rowIndex) low = mid + 1;
      else high = mid - 1;
    }
    return 0;
  }

  private rebuildView(): void {
    let count = 0;
    for (let r = 0; r < this.alive.length; r++) if (this.alive[r]) count++;
    const view = new Int32Array(count);
    let v = 0;
    for (let r = 0; r < this.alive.length; r++) if (this.alive[r]) view[v++] = r;
    this.view = view;
    this.errorViewCache = undefined;
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
