import { PROBLEM_CODES } from '@/lib/csv/problem';
import { csvRow } from '@/lib/export/csv-writer';
import { compileValueReader } from '@/lib/formats/column-format';
import { keyIdentity } from '@/lib/lists/key-identity';
import type { ColumnMapping } from '@/lib/lists/mapping';
import { compileRecordValidator, type RecordValidator } from '@/lib/lists/record-validator';
import { VALUE_PARSERS } from '@/lib/lists/value-parsers';
import type { BrowserFixes } from '@/lib/shared/browser-fixes';
import type { ColumnFormat } from '@/lib/shared/column-formats';
import type { ListColumn } from '@/lib/shared/list-column';

import { cellWords, formatChoices, groupWords, TYPE_CODES, type FormatChoice } from './problem-words';
import { Change, UndoLog, type HistoryState } from './undo-log';

/** A cell's problem; column -1 is the whole row (wrong number of values). `code` is a PROBLEM_CODES value. */
export type CellProblem = { column: number; code: number; message: string; remediation: string };
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

/** The cells (or rows) of one column sharing one kind of problem. */
export type ProblemGroup = {
  /** `${column}:${code}`: names the group in requests. */
  id: string;
  column: number;
  code: number;
  /** Cells with the problem (rows, for row problems: wrong width, duplicate keys). */
  count: number;
  rows: number;
  /** The most frequent values involved, with how often each occurs. */
  topValues: { value: string; count: number }[];
  title: string;
  explanation: string;
  /** Whether an empty value is valid in the column (then "set all to empty" is offered). */
  emptyAllowed: boolean;
  /** Formats that would read some of the values, the best first (type problems only). */
  formats: FormatChoice[];
};

/** One action on every cell (or row) of a problem group; `format` reads the values in a format into canonical ones. */
export type GroupFix =
  | { group: string; action: 'empty' }
  | { group: string; action: 'replace'; value: string }
  | { group: string; action: 'delete' }
  | { group: string; action: 'format'; format: ColumnFormat };

/** Which rows the grid shows: all, those with any problem, or those with a problem in one column. */
export type RowFilter = boolean | { column: number };

const TOP_VALUES = 5;
/** Distinct values counted per group: enough for the top few, bounded on a file of a million distinct typos. */
const MAX_DISTINCT_COUNTED = 2000;

/** A row's key as PostgreSQL compares it: text, or a number for a single whole-number key column. */
export type RowKey = string | number;

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
  private keyRows = new Map<RowKey, number | number[]>();
  private duplicateKeys = new Set<RowKey>();
  /** Rows with more or fewer values than the header: row → how many it has. Kept through bulk fixes. */
  private raggedWidths = new Map<number, number>();
  private headerWidth = 0;
  /** Cells that show an Excel error (#N/A…) in the sheet: row → list column → the error and its cell. */
  private excelErrors = new Map<number, Map<number, { value: string; cell: string }>>();
  private rowKey: (RowKey | undefined)[] = [];
  private errorsByColumn: number[] = [];
  private errorViewCache: Int32Array | undefined;
  private columnViewCache = new Map<number, Int32Array>();
  private readonly history = new UndoLog();
  /** The step being recorded: every setCell/setAlive/setRagged writes its old state into it. */
  private change: Change | undefined;
  private changeDepth = 0;
  /** Rows written since the last settle(), to revalidate once each however many cells changed. */
  private dirtyMark = new Uint8Array(0);
  private dirtyRows: number[] = [];
  private viewStale = false;
  /** Rows whose state before the open step (problems, key) the step already holds. */
  private recordedMark = new Uint8Array(0);
  private readonly validator: RecordValidator;
  private readonly keyIndexes: number[];
  /** One whole-number key column: keys are kept as numbers (see keyOf). */
  private readonly wholeNumberKey: boolean;
  /** The file as read, for the left-out rows' download in the file's own columns. */
  private readonly fileHeaders: readonly string[];
  private readonly fileRecords: readonly string[][];
  private readonly readFileValue: readonly (((value: string) => string) | undefined)[];
  /**
   * Per column (made when first changed), per row: how the cell was last changed — 1 edited by
   * hand, 2 by a replace or a fix. One byte a cell, so a fix over a 1M-row column costs 1 MB; the
   * summary compares with the file's value, so a change undone or edited back is not counted.
   */
  private readonly touched: (Uint8Array | undefined)[] = [];
  private touchKind: 0 | 1 | 2 = 2;

  constructor(
    readonly columns: readonly ListColumn[],
    raw: {
      headers: readonly string[];
      records: readonly string[][];
      firstFileRows: Int32Array;
      /** From a workbook: record index → file column → the Excel error the cell shows (see lib/excel/sheet-table). */
      excelErrors?: ReadonlyMap<number, ReadonlyMap<number, { value: string; cell: string }>>;
    },
    private readonly mapping: ColumnMapping,
    /** Per list column, how to read the file's values (lib/import-session/file-formats.ts); as written by default. */
    readFileValue: readonly (((value: string) => string) | undefined)[] = [],
  ) {
    this.validator = compileRecordValidator(columns);
    this.keyIndexes = columns.map((c, i) => (c.isKey ? i : -1)).filter((i) => i >= 0);
    this.wholeNumberKey = this.keyIndexes.length === 1 && columns[this.keyIndexes[0]!]!.dataType === 'integer';
    this.headerWidth = raw.headers.length;
    this.fileHeaders = raw.headers;
    this.fileRecords = raw.records;
    this.readFileValue = readFileValue;
    this.rows = new Array(raw.records.length);
    // A file whose columns are the list's, in order, read as written: its records are the rows until
    // a change (see setCell), instead of a second copy of every row (~100 MB at 1M rows).
    const asWritten =
      mapping.length === this.headerWidth && mapping.every((fileIndex, c) => fileIndex === c && !readFileValue[c]);
    for (let r = 0; r < raw.records.length; r++) {
      const record = raw.records[r]!;
      if (record.length !== this.headerWidth) this.raggedWidths.set(r, record.length);
      else if (asWritten) {
        this.rows[r] = record;
        continue;
      }
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
    this.dirtyMark = new Uint8Array(this.rows.length);
    this.recordedMark = new Uint8Array(this.rows.length);
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

  /** Rows [start, start+count) of the visible list, of the rows with problems, or of those with a problem in one column. */
  getRows(start: number, count: number, filter: RowFilter): ReviewRow[] {
    const source = this.filtered(filter);
    const out: ReviewRow[] = [];
    for (let v = start; v < Math.min(source.length, start + count); v++) out.push(this.describe(source[v]!));
    return out;
  }

  /** How many rows a filter shows. */
  countRows(filter: RowFilter): number {
    return this.filtered(filter).length;
  }

  /** Position in the (filtered) view of the next row with a problem after `afterViewIndex`, wrapping around. */
  nextProblem(afterViewIndex: number, filter: RowFilter): number | null {
    const errors = this.errorView();
    if (errors.length === 0) return null;
    if (filter !== false) {
      const source = this.filtered(filter);
      if (source.length === 0) return null;
      return afterViewIndex + 1 < source.length ? afterViewIndex + 1 : 0;
    }
    const currentRow = this.view[afterViewIndex] ?? -1;
    const next = errors.find((r) => r > currentRow) ?? errors[0]!;
    return this.viewPosition(next);
  }

  editCell(rowIndex: number, column: number, value: string): void {
    if (!this.rows[rowIndex] || !this.alive[rowIndex]) return;
    this.inChange(`edit of ${this.columns[column]?.name ?? 'a cell'}, row ${this.fileRows[rowIndex]}`, () => {
      this.touchKind = 1;
      this.setCell(rowIndex, column, value);
      this.touchKind = 2;
      // Editing a row with the wrong number of values by hand is the correction its problem asks for.
      this.setRagged(rowIndex, undefined);
    });
  }

  deleteRows(rowIndexes: readonly number[]): void {
    const label = rowIndexes.length === 1 ? `delete row ${this.fileRows[rowIndexes[0]!]}` : 'delete';
    this.inChange(label, () => {
      for (const r of rowIndexes) this.setAlive(r, false);
    });
  }

  /**
   * Opens one undoable step: every change until the matching endChange() is undone together.
   * Steps nest (the worker opens one per request; the operation it calls opens its own): the
   * outermost closes it, and the first label given names it.
   */
  beginChange(label?: string): void {
    if (this.changeDepth++ === 0) this.change = new Change(label ?? 'change');
    else if (label && this.change!.label === 'change') this.change!.label = label;
  }

  endChange(): void {
    if (this.changeDepth === 0) return;
    // Every operation ends revalidated, nested or not: what it answers must count its own changes.
    this.settle();
    if (--this.changeDepth > 0) return;
    const change = this.change!;
    this.change = undefined;
    for (const r of change.stateRows) this.recordedMark[r] = 0;
    if (!change.isEmpty) this.history.push(change);
  }

  /** Undoes the last step; returns how many cells and rows it restored (0 when there was nothing to undo). */
  undo(): number {
    const change = this.history.takeUndo();
    if (!change) return 0;
    const redo = this.revert(change);
    this.history.pushRedo(redo);
    return redo.cellRows.length + redo.aliveRows.length;
  }

  redo(): number {
    const change = this.history.takeRedo();
    if (!change) return 0;
    const undo = this.revert(change);
    this.history.pushUndoFromRedo(undo);
    return undo.cellRows.length + undo.aliveRows.length;
  }

  historyState(): HistoryState {
    return this.history.state();
  }

  /** Replaces text in every cell (or one column); returns how many cells changed. */
  replaceAll(
    find: string,
    replacement: string,
    options: { column?: number; matchCase?: boolean; wholeCell?: boolean; emptyCells?: boolean },
  ): number {
    if (options.emptyCells) {
      if (replacement === '') return 0;
      return this.inChange(`fill empty cells with “${replacement}”`, () =>
        this.transformCells(options.column, (value) => (value.trim() === '' ? replacement : value)),
      );
    }
    if (find === '') return 0;
    const pattern = new RegExp(
      options.wholeCell ? `^${escapeRegex(find)}$` : escapeRegex(find),
      options.matchCase ? 'g' : 'gi',
    );
    // Written once, not once per cell: "$" in the replacement is meant literally.
    const literal = replacement.replaceAll('$', '$$$$');
    return this.inChange(`replace “${find}”`, () =>
      this.transformCells(options.column, (value) => value.replace(pattern, literal)),
    );
  }

  trimSpaces(column?: number): number {
    return this.inChange('trim spaces', () =>
      this.transformCells(column, (value) => value.trim().replace(/\s{2,}/g, ' ')),
    );
  }

  normalizeBooleans(): number {
    const columns = this.columns.map((c, i) => (c.dataType === 'boolean' ? i : -1)).filter((i) => i >= 0);
    let changed = 0;
    this.beginChange('rewrite as true/false');
    for (const column of columns) {
      changed += this.transformCells(column, (value) => {
        const v = value.trim().toLowerCase();
        if (['true', 't', 'yes', 'y', '1', 'ja', 'oui', 'si', 'x', 'on'].includes(v)) return 'true';
        if (['false', 'f', 'no', 'n', '0', 'nein', 'non', 'off'].includes(v)) return 'false';
        return value;
      });
    }
    this.endChange();
    return changed;
  }

  /** Rewrites day/month/year style dates (order chosen by the user: it is ambiguous) as YYYY-MM-DD. */
  normalizeDates(order: 'DMY' | 'MDY' | 'YMD'): number {
    const columns = this.columns.map((c, i) => (c.dataType === 'date' ? i : -1)).filter((i) => i >= 0);
    let changed = 0;
    this.beginChange(`dates as ${{ DMY: 'day/month/year', MDY: 'month/day/year', YMD: 'year/month/day' }[order]}`);
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
    this.endChange();
    return changed;
  }

  /** How many cells and rows a group fix would change, without changing anything. */
  previewGroupFix(fix: GroupFix): { cells: number; rows: number } {
    const plan = this.planGroupFix(fix);
    return { cells: plan.cells.length, rows: plan.rowsToDelete.length || new Set(plan.cells.map((c) => c.row)).size };
  }

  /** Applies one action to every cell (or row) of a problem group; returns how many cells (or rows) changed. */
  applyGroupFix(fix: GroupFix, label = 'fix of a group of problems'): number {
    const plan = this.planGroupFix(fix);
    return this.inChange(label, () => {
      if (plan.rowsToDelete.length > 0) {
        for (const r of plan.rowsToDelete) this.setAlive(r, false);
        return plan.rowsToDelete.length;
      }
      for (const { row, column, value } of plan.cells) this.setCell(row, column, value);
      return plan.cells.length;
    });
  }

  /** Rows that would be imported when the rows with problems are left out. */
  get validRowCount(): number {
    return this.view.length - this.errorView().length;
  }

  /** The reviewed rows as a CSV in the list's column order, in parts small enough to stream into a Blob. */
  *toCsvParts(partRows = 5000, options: { leaveOut?: boolean } = {}): Generator<string> {
    yield csvRow(this.columns.map((c) => c.name));
    const skip = options.leaveOut ? this.errorMask() : undefined;
    let part = '';
    let inPart = 0;
    for (let v = 0; v < this.view.length; v++) {
      const r = this.view[v]!;
      if (skip?.[r]) continue;
      part += csvRow(this.rows[r]!);
      if (++inPart >= partRows) {
        yield part;
        part = '';
        inPart = 0;
      }
    }
    if (part) yield part;
  }

  /**
   * The rows with problems as the file had them — its own columns, in its order, with the edits made
   * here — plus a "Problems" column saying what to fix, so they can be corrected and imported later.
   */
  *leftOutCsvParts(partRows = 5000): Generator<string> {
    yield csvRow([...this.fileHeaders, 'Problems']);
    let part = '';
    let inPart = 0;
    for (const r of this.errorView()) {
      const record = [...this.fileRecords[r]!];
      while (record.length < this.headerWidth) record.push('');
      this.mapping.forEach((fileIndex, c) => {
        if (fileIndex !== null) record[fileIndex] = this.rows[r]![c]!;
      });
      part += csvRow([...record, this.problemText(r)]);
      if (++inPart >= partRows) {
        yield part;
        part = '';
        inPart = 0;
      }
    }
    if (part) yield part;
  }

  private planGroupFix(fix: GroupFix): {
    cells: { row: number; column: number; value: string }[];
    rowsToDelete: number[];
  } {
    const [column, code] = fix.group.split(':').map(Number) as [number, number];
    const rows = this.groupRows(column, code);
    if (fix.action === 'delete') {
      // Of rows sharing a key, the first stays: deleting every copy would lose the record itself.
      if (code === PROBLEM_CODES.duplicateKey) {
        const firsts = new Set<number>();
        for (const key of this.duplicateKeys) firsts.add(Math.min(...this.holdersOf(key)));
        return { cells: [], rowsToDelete: rows.filter((r) => !firsts.has(r)) };
      }
      return { cells: [], rowsToDelete: rows };
    }
    if (column < 0) return { cells: [], rowsToDelete: [] };
    const cells: { row: number; column: number; value: string }[] = [];
    if (fix.action === 'format') {
      const read = compileValueReader(this.columns[column]!.dataType, fix.format);
      for (const row of rows) {
        const result = read(this.rows[row]![column]!);
        if (result.ok && result.value !== this.rows[row]![column]) cells.push({ row, column, value: result.value });
      }
      return { cells, rowsToDelete: [] };
    }
    const value = fix.action === 'empty' ? '' : fix.value;
    for (const row of rows) if (this.rows[row]![column] !== value) cells.push({ row, column, value });
    return { cells, rowsToDelete: [] };
  }

  /** Rows of a group, in row order. */
  private groupRows(column: number, code: number): number[] {
    if (code === PROBLEM_CODES.duplicateKey) {
      const rows: number[] = [];
      for (const key of this.duplicateKeys) rows.push(...this.holdersOf(key));
      return rows.sort((a, b) => a - b);
    }
    const rows: number[] = [];
    for (const [r, list] of this.problems) if (list.some((p) => p.column === column && p.code === code)) rows.push(r);
    return rows.sort((a, b) => a - b);
  }

  /** Problems grouped by column and kind, the largest first. */
  problemGroups(): ProblemGroup[] {
    type Tally = { column: number; code: number; count: number; values: Map<string, number>; example: CellProblem };
    const tallies = new Map<number, Tally>();
    const tally = (column: number, code: number, value: string, example: CellProblem) => {
      // A number, not a string: no allocation per problem (100,000 after an undo of a group fix).
      const id = (column + 1) * 100_000 + code;
      let t = tallies.get(id);
      if (!t) tallies.set(id, (t = { column, code, count: 0, values: new Map(), example }));
      t.count++;
      const seen = t.values.get(value);
      if (seen !== undefined) t.values.set(value, seen + 1);
      else if (t.values.size < MAX_DISTINCT_COUNTED) t.values.set(value, 1);
    };
    for (const [r, list] of this.problems) {
      for (const p of list) tally(p.column, p.code, p.column >= 0 ? this.rows[r]![p.column]! : '', p);
    }
    const firstKey = this.keyIndexes[0];
    if (firstKey !== undefined) {
      for (const key of this.duplicateKeys) {
        for (const r of this.holdersOf(key)) {
          const value = this.keyIndexes.map((k) => this.rows[r]![k]).join(' / ');
          tally(firstKey, PROBLEM_CODES.duplicateKey, value, {
            column: firstKey,
            code: PROBLEM_CODES.duplicateKey,
            message: 'The same key is on another row.',
            remediation: 'Keep one row per key.',
          });
        }
      }
    }
    return [...tallies.values()]
      .sort((a, b) => b.count - a.count || a.column - b.column || a.code - b.code)
      .map((t) => {
        const column = this.columns[t.column];
        const words = groupWords(column, t.code, t.count, t.example);
        return {
          id: `${t.column}:${t.code}`,
          column: t.column,
          code: t.code,
          count: t.count,
          rows: t.count,
          topValues: [...t.values]
            .sort((a, b) => b[1] - a[1])
            .slice(0, TOP_VALUES)
            .map(([value, count]) => ({ value, count })),
          ...words,
          emptyAllowed: column !== undefined && !('problem' in this.validator.checkValue(t.column, '', 0)),
          formats:
            column && TYPE_CODES.has(t.code)
              ? formatChoices(
                  column,
                  this.groupRows(t.column, t.code).map((r) => this.rows[r]![t.column]!),
                )
              : [],
        };
      });
  }

  private problemText(r: number): string {
    const parts = (this.problems.get(r) ?? []).map((p) =>
      p.column >= 0 ? `${this.columns[p.column]!.name}: ${p.message}` : p.message,
    );
    const holders = this.holdersOf(this.rowKey[r]);
    if (holders.length > 1) {
      const others = holders.filter((x) => x !== r).map((x) => this.fileRows[x]);
      parts.push(`The same key is on row ${others.join(', ')}.`);
    }
    return parts.join(' ');
  }

  private transformCells(column: number | undefined, transform: (value: string) => string): number {
    let changed = 0;
    for (let v = 0; v < this.view.length; v++) {
      const r = this.view[v]!;
      const row = this.rows[r]!;
      for (let c = column ?? 0; c < (column === undefined ? row.length : column + 1); c++) {
        if (this.setCell(r, c, transform(row[c]!))) changed++;
      }
    }
    this.settle();
    return changed;
  }

  /**
   * The one way a cell's value changes: records the old value in the open step (so it can be
   * undone) and marks the row for revalidation. Returns whether the value changed.
   */
  private setCell(r: number, column: number, value: string): boolean {
    let row = this.rows[r];
    if (!row || row[column] === value) return false;
    // A row still shared with the file's record gets its own copy: the file's values stay as read.
    if (row === this.fileRecords[r]) row = this.rows[r] = [...row];
    if (this.change) {
      this.change.cellRows.push(r);
      this.change.cellColumns.push(column);
      this.change.oldValues.push(row[column]!);
    }
    row[column] = value;
    if (this.touchKind) (this.touched[column] ??= new Uint8Array(this.rows.length))[r] = this.touchKind;
    this.markDirty(r);
    return true;
  }

  /** A cell's value as read from the file, before any change in the browser. */
  private fileValue(r: number, column: number): string {
    const fileIndex = this.mapping[column];
    const value = fileIndex === null || fileIndex === undefined ? '' : (this.fileRecords[r]?.[fileIndex] ?? '');
    const read = this.readFileValue[column];
    return read ? read(value) : value;
  }

  /**
   * What the person changed, against the file as read: cells edited by hand, rows deleted, and per
   * column the values a replace or fix changed. Sent with the upload, kept in the job.
   */
  fixSummary(): BrowserFixes {
    let cellsEdited = 0;
    const valuesReplaced: BrowserFixes['valuesReplaced'] = [];
    this.touched.forEach((marks, c) => {
      if (!marks) return;
      let replaced = 0;
      for (let r = 0; r < marks.length; r++) {
        const mark = marks[r]!;
        if (!mark || !this.alive[r] || this.rows[r]![c] === this.fileValue(r, c)) continue;
        if (mark === 1) cellsEdited++;
        else replaced++;
      }
      if (replaced > 0) valuesReplaced.push({ column: this.columns[c]!.name, count: replaced });
    });
    let rowsDeleted = 0;
    for (let r = 0; r < this.alive.length; r++) if (!this.alive[r]) rowsDeleted++;
    return { cellsEdited, rowsDeleted, valuesReplaced };
  }

  /** The one way a row is deleted or restored; recorded like setCell. */
  private setAlive(r: number, alive: boolean): boolean {
    if (r < 0 || r >= this.alive.length || Boolean(this.alive[r]) === alive) return false;
    if (this.change) {
      this.change.aliveRows.push(r);
      this.change.oldAlive.push(this.alive[r]!);
    }
    this.alive[r] = alive ? 1 : 0;
    this.viewStale = true;
    this.markDirty(r);
    return true;
  }

  /** Whether a row still has the wrong number of values (undefined: it is taken as right); recorded like setCell. */
  private setRagged(r: number, width: number | undefined): void {
    const old = this.raggedWidths.get(r);
    if (old === width) return;
    if (this.change) {
      this.change.raggedRows.push(r);
      this.change.oldRagged.push(old);
    }
    if (width === undefined) this.raggedWidths.delete(r);
    else this.raggedWidths.set(r, width);
    this.markDirty(r);
  }

  /**
   * Writes a step's old state back, newest first, recording the state it overwrites: the inverse
   * step. The rows get back the problems and key they had before the step, as the step recorded
   * them, instead of being validated again: they hold the same values, so the result is the same,
   * and undoing a fix of 100,000 cells brings back 100,000 problems without computing one.
   */
  private revert(change: Change): Change {
    const inverse = new Change(change.label);
    const outer = this.change;
    this.change = inverse;
    // An undo or redo keeps each cell's mark: the summary compares values, not steps.
    this.touchKind = 0;
    for (let i = change.cellRows.length - 1; i >= 0; i--)
      this.setCell(change.cellRows[i]!, change.cellColumns[i]!, change.oldValues[i]!);
    for (let i = change.aliveRows.length - 1; i >= 0; i--)
      this.setAlive(change.aliveRows[i]!, change.oldAlive[i] === 1);
    for (let i = change.raggedRows.length - 1; i >= 0; i--) this.setRagged(change.raggedRows[i]!, change.oldRagged[i]);
    for (let i = 0; i < change.stateRows.length; i++) {
      const r = change.stateRows[i]!;
      this.recordState(r);
      this.clearRow(r);
      this.dirtyMark[r] = 0;
      if (this.alive[r]) this.restoreRow(r, change.stateProblems[i], change.stateKeys[i]);
    }
    // Every row the revert wrote was a row the step wrote: none is left to validate.
    this.dirtyRows = this.dirtyRows.filter((r) => this.dirtyMark[r]);
    this.settle();
    for (const r of inverse.stateRows) this.recordedMark[r] = 0;
    this.change = outer;
    this.touchKind = 2;
    return inverse;
  }

  /** Keeps, once per step, the problems and key a row had before the step changed it. */
  private recordState(r: number): void {
    const change = this.change;
    if (!change || this.recordedMark[r]) return;
    this.recordedMark[r] = 1;
    change.stateRows.push(r);
    change.stateProblems.push(this.problems.get(r));
    change.stateKeys.push(this.rowKey[r]);
  }

  private restoreRow(r: number, problems: CellProblem[] | undefined, key: RowKey | undefined): void {
    if (problems) {
      this.problems.set(r, problems);
      for (const p of problems) if (p.column >= 0) this.errorsByColumn[p.column]!++;
    }
    if (key !== undefined) this.addKey(r, key);
  }

  private inChange<T>(label: string, operation: () => T): T {
    this.beginChange(label);
    try {
      return operation();
    } finally {
      this.endChange();
    }
  }

  private markDirty(r: number): void {
    if (this.dirtyMark[r]) return;
    this.dirtyMark[r] = 1;
    this.dirtyRows.push(r);
  }

  /** Revalidates every row written since the last call, once each; a deleted row only leaves its problems and key. */
  private settle(): void {
    const rows = this.dirtyRows;
    this.dirtyRows = [];
    for (const r of rows) {
      this.dirtyMark[r] = 0;
      this.recordState(r);
      this.clearRow(r);
      if (this.alive[r]) this.validateRow(r);
    }
    if (this.viewStale) {
      this.viewStale = false;
      this.rebuildView();
    }
    this.invalidateViews();
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
          const { errorCode, message, remediation } = result.problem;
          (list ??= []).push({ column: c, code: errorCode, ...cellWords(this.columns[c]!.name, message, remediation) });
          this.errorsByColumn[c]!++;
        } else {
          canonical[c] = result.value;
        }
      }
    }
    const wrongWidth = this.raggedWidths.get(r);
    if (wrongWidth !== undefined) (list ??= []).unshift(this.raggedProblem(r, wrongWidth));
    if (list) this.problems.set(r, list);
    this.invalidateViews();
    const key = this.keyOf(row, canonical);
    if (key !== undefined) this.addKey(r, key);
  }

  private addKey(r: number, key: RowKey): void {
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
  ): RowKey | undefined {
    let key: string | undefined;
    for (const k of this.keyIndexes) {
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

  private holdersOf(key: RowKey | undefined): readonly number[] {
    const holders = key === undefined ? undefined : this.keyRows.get(key);
    return holders === undefined ? [] : typeof holders === 'number' ? [holders] : holders;
  }

  private excelErrorProblem(column: number, error: { value: string; cell: string }, fileRow: number): CellProblem {
    return {
      column,
      code: PROBLEM_CODES.sourceProblem,
      message: `Row ${fileRow}: "${this.columns[column]!.name}" shows the Excel error ${error.value} (cell ${error.cell} of the sheet).`,
      remediation:
        'Type the right value here (or clear it), or fix the formula in Excel, save and choose the file again.',
    };
  }

  private raggedProblem(r: number, found: number): CellProblem {
    return {
      column: -1,
      code: PROBLEM_CODES.raggedRow,
      message: `This row has ${found} values, but the header has ${this.headerWidth} columns: values may be in the wrong columns.`,
      remediation: 'Check this row for a missing or extra delimiter, then correct its values or delete the row.',
    };
  }

  private clearRow(r: number): void {
    const list = this.problems.get(r);
    if (list) for (const p of list) if (p.column >= 0) this.errorsByColumn[p.column]!--;
    this.problems.delete(r);
    const key = this.rowKey[r];
    if (key !== undefined && this.keyRows.get(key) === r) {
      // The common case, a key no other row has: no arrays to build.
      this.keyRows.delete(key);
      this.rowKey[r] = undefined;
    } else if (key !== undefined) {
      const others = this.holdersOf(key).filter((x) => x !== r);
      if (others.length <= 1) this.duplicateKeys.delete(key);
      if (others.length === 0) this.keyRows.delete(key);
      else this.keyRows.set(key, others.length === 1 ? others[0]! : others);
      this.rowKey[r] = undefined;
    }
    this.invalidateViews();
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

  private filtered(filter: RowFilter): Int32Array {
    if (filter === false) return this.view;
    if (filter === true) return this.errorView();
    let rows = this.columnViewCache.get(filter.column);
    if (!rows) {
      const found: number[] = [];
      for (const [r, list] of this.problems) if (list.some((p) => p.column === filter.column)) found.push(r);
      rows = Int32Array.from(found).sort();
      this.columnViewCache.set(filter.column, rows);
    }
    return rows;
  }

  private errorMask(): Uint8Array {
    const mask = new Uint8Array(this.rows.length);
    for (const r of this.errorView()) mask[r] = 1;
    return mask;
  }

  private invalidateViews(): void {
    this.errorViewCache = undefined;
    if (this.columnViewCache.size > 0) this.columnViewCache.clear();
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
    this.invalidateViews();
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
