import type { Problem } from '@/lib/csv/problem';
import { csvRow } from '@/lib/export/csv-writer';
import { describeFormat } from '@/lib/formats/column-format';
import type { ColumnMapping } from '@/lib/lists/mapping';
import { compileRecordValidator, type RecordValidator } from '@/lib/lists/record-validator';
import type { BrowserFixes } from '@/lib/shared/browser-fixes';
import type { ColumnFormat } from '@/lib/shared/column-formats';
import type { ListColumn } from '@/lib/shared/list-column';

import {
  asIsoDate,
  asTrueFalse,
  DATE_ORDER_WORDS,
  fillEmpty,
  replaceText,
  trimSpaces,
  type CellTransform,
  type DateOrder,
  type ReplaceOptions,
} from './cell-transforms';
import { CsvParts } from './csv-parts';
import { compileFileValueReaders, type FileFormatChoice } from './file-formats';
import { FileRecords, type FileValueReaders, type TypedCells } from './file-records';
import { fixSummary, TOUCHED_BY_FIX, TOUCHED_BY_HAND } from './fix-summary';
import { planGroupFix, planSize } from './group-fix';
import { keyClash } from './key-clash';
import { parseGroupId, problemGroups, type ProblemSource } from './problem-groups';
import { cellWords, TYPE_CODES } from './problem-words';
import type {
  CellProblem,
  ExcelError,
  GroupFix,
  KeyClash,
  ProblemGroup,
  ReviewRow,
  ReviewStats,
  RowFilter,
  RowKey,
} from './review-types';
import { RowKeys } from './row-keys';
import { excelErrorProblem, misquotedProblem, problemColumns, problemText, raggedProblem } from './row-problems';
import { RowViews } from './row-views';
import { Change, UndoLog, type HistoryState } from './undo-log';

/**
 * The rows of one file, in the list's column order, with every problem the server would find —
 * held in the browser's worker so the page stays responsive. Validation is the server's own code
 * (lib/lists), so a file this calls clean is one the server accepts.
 *
 * Every change goes through setCell, setAlive and setRagged, which record the old state in the
 * open undo step and mark the row; settle() then revalidates each marked row once. The keys
 * (row-keys), the grid's row lists (row-views) and the file as read (file-records) live beside it.
 */
export class ReviewDataset {
  private readonly rows: string[][];
  private readonly fileRows: Int32Array;
  private readonly alive: Uint8Array;
  private readonly problems = new Map<number, CellProblem[]>();
  private readonly keys: RowKeys;
  private readonly views: RowViews;
  /**
   * Rows still as a bad record of the file wrote them — more or fewer values than the header, or a
   * quote in the wrong place: row → how many values it has. Kept through bulk fixes; an edit of the
   * row clears it.
   */
  private readonly raggedWidths = new Map<number, number>();
  /** Rows whose quotes the parser could not read (see misquotedProblem): fixed when the file is read. */
  private readonly misquoted = new Set<number>();
  /** Cells that show an Excel error (#N/A…) in the sheet: row → list column → the error and its cell. */
  private readonly excelErrors: Map<number, Map<number, ExcelError>>;
  private readonly errorsByColumn: number[];
  private readonly history = new UndoLog();
  /** The step being recorded: every setCell/setAlive/setRagged writes its old state into it. */
  private change: Change | undefined;
  private changeDepth = 0;
  /** Rows written since the last settle(), to revalidate once each however many cells changed. */
  private readonly dirtyMark: Uint8Array;
  private dirtyRows: number[] = [];
  private viewStale = false;
  /** Rows whose state before the open step (problems, key) the step already holds. */
  private readonly recordedMark: Uint8Array;
  private readonly validator: RecordValidator;
  /**
   * Per list column, how Map columns said the file writes it (undefined: as the list does), the
   * reader of that way, and a validator that reads each column that way: a value it cannot read is
   * explained in the words of the way the person chose ("there is no month 13"), not the list's.
   */
  private readonly writtenAs: readonly (ColumnFormat | undefined)[];
  private readonly readWritten: FileValueReaders;
  private readonly writtenValidator: RecordValidator;
  private readonly file: FileRecords;
  /**
   * Per column (made when first changed), per row: how the cell was last changed (see fix-summary).
   * One byte a cell, so a fix over a 1M-row column costs 1 MB.
   */
  private readonly touched: (Uint8Array | undefined)[] = [];
  private touchKind: 0 | typeof TOUCHED_BY_HAND | typeof TOUCHED_BY_FIX = TOUCHED_BY_FIX;

  constructor(
    readonly columns: readonly ListColumn[],
    raw: {
      headers: readonly string[];
      records: readonly string[][];
      firstFileRows: Int32Array;
      /** From a workbook: record index → file column → the Excel error the cell shows (see lib/excel/sheet-table). */
      excelErrors?: ReadonlyMap<number, ReadonlyMap<number, ExcelError>>;
      /** From a workbook: its number, date and true/false cells, which no way of writing reads again. */
      typedCells?: TypedCells;
      /** From a CSV file: the rows (as firstFileRows numbers them) with a quote in the wrong place. */
      quoteProblemRows?: readonly number[];
    },
    mapping: ColumnMapping,
    /** Per list column, how the file writes its values (chosen in Map columns); the list's own way by default. */
    fileFormats: readonly (FileFormatChoice | undefined)[] = [],
  ) {
    this.validator = compileRecordValidator(columns);
    this.writtenAs = columns.map((_, c) => fileFormats[c] ?? undefined);
    this.readWritten = compileFileValueReaders(columns, fileFormats);
    this.writtenValidator = compileRecordValidator(
      columns.map((column, c) => (this.writtenAs[c] ? { ...column, format: this.writtenAs[c] } : column)),
    );
    this.file = new FileRecords(raw.headers, raw.records, mapping, this.readWritten, raw.typedCells);
    this.rows = new Array(raw.records.length);
    const quoteRows = new Set(raw.quoteProblemRows);
    for (let r = 0; r < raw.records.length; r++) {
      const record = raw.records[r]!;
      // A stray quote is the row's problem even when the count of values came out right ("a"b,c).
      if (quoteRows.size > 0 && quoteRows.has(raw.firstFileRows[r]!)) {
        this.misquoted.add(r);
        this.raggedWidths.set(r, record.length);
      } else if (record.length !== this.file.width) this.raggedWidths.set(r, record.length);
      // A file whose columns are the list's, in order, read as written: its records are the rows until
      // a change (see setCell), instead of a second copy of every row (~100 MB at 1M rows).
      else if (this.file.isListShaped) {
        this.rows[r] = record;
        continue;
      }
      this.rows[r] = this.file.listRow(r);
    }
    this.fileRows = raw.firstFileRows;
    this.excelErrors = this.file.excelErrorsByListColumn(raw.excelErrors);
    this.alive = new Uint8Array(this.rows.length).fill(1);
    this.dirtyMark = new Uint8Array(this.rows.length);
    this.recordedMark = new Uint8Array(this.rows.length);
    this.keys = new RowKeys(columns, this.rows.length);
    this.views = new RowViews(this.problems, this.keys);
    this.views.rebuild(this.alive);
    this.errorsByColumn = columns.map(() => 0);
    for (let r = 0; r < this.rows.length; r++) this.validateRow(r);
  }

  get size(): number {
    return this.views.visible.length;
  }

  stats(): ReviewStats {
    let cellErrorCount = 0;
    for (const list of this.problems.values()) cellErrorCount += list.length;
    return {
      rowCount: this.views.visible.length,
      errorRowCount: this.views.errors().length,
      cellErrorCount,
      errorsByColumn: [...this.errorsByColumn],
      duplicateKeyRows: this.keys.duplicateRowCount(),
    };
  }

  /** Rows [start, start+count) of the visible list, of the rows with problems, or of those with a problem in one column. */
  getRows(start: number, count: number, filter: RowFilter): ReviewRow[] {
    const source = this.views.filtered(filter);
    const out: ReviewRow[] = [];
    for (let v = start; v < Math.min(source.length, start + count); v++) out.push(this.describe(source[v]!));
    return out;
  }

  /** How many rows a filter shows. */
  countRows(filter: RowFilter): number {
    return this.views.filtered(filter).length;
  }

  /** Position in the (filtered) view of the next row with a problem after `afterViewIndex`, wrapping around. */
  nextProblem(afterViewIndex: number, filter: RowFilter): number | null {
    const rowIndex = afterViewIndex < 0 ? undefined : this.views.filtered(filter)[afterViewIndex];
    const after = rowIndex === undefined ? null : { rowIndex, column: Number.POSITIVE_INFINITY };
    return this.nextProblemCell(after, filter)?.viewIndex ?? null;
  }

  /**
   * The next cell with a problem after a cell (a row by its index, not its place in a view: a fix may
   * have taken that row out of the view), in reading order — later cells of its row, then the next
   * rows' — wrapping around; where it is in the (filtered) view, or null when there is none.
   */
  nextProblemCell(
    after: { rowIndex: number; column: number } | null,
    filter: RowFilter,
  ): { viewIndex: number; column: number } | null {
    const rows = filter === false ? this.views.errors() : this.views.filtered(filter);
    if (rows.length === 0) return null;
    const cellsOf = (r: number) =>
      problemColumns(this.problems.get(r) ?? [], this.keys.othersSharing(r).length > 0 ? this.keys.columnIndexes : []);
    const at = (i: number, column: number) => ({
      viewIndex: filter === false ? this.views.position(rows[i]!) : i,
      column,
    });
    if (after) {
      const here = indexOfRow(rows, after.rowIndex);
      const later = here < 0 ? undefined : cellsOf(after.rowIndex).find((c) => c > after.column);
      if (later !== undefined) return at(here, later);
    }
    const next = after ? firstRowAfter(rows, after.rowIndex) : 0;
    const i = next < rows.length ? next : 0;
    return at(i, cellsOf(rows[i]!)[0] ?? 0);
  }

  /** Rows that would be imported when the rows with problems are left out. */
  get validRowCount(): number {
    return this.views.visible.length - this.views.errors().length;
  }

  editCell(rowIndex: number, column: number, value: string): void {
    if (!this.rows[rowIndex] || !this.alive[rowIndex]) return;
    this.inChange(`edit of ${this.columns[column]?.name ?? 'a cell'}, row ${this.fileRows[rowIndex]}`, () => {
      this.touchKind = TOUCHED_BY_HAND;
      // Typed as the file writes the column (31/12/2024), read as the file's values are: one rule for both.
      this.setCell(rowIndex, column, this.readAsWritten(column, value));
      this.touchKind = TOUCHED_BY_FIX;
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

  /** Replaces text in every cell (or one column); returns how many cells changed. */
  replaceAll(
    find: string,
    replacement: string,
    options: ReplaceOptions & { column?: number; emptyCells?: boolean },
  ): number {
    if (options.emptyCells) {
      if (replacement === '') return 0;
      return this.inChange(`fill empty cells with “${replacement}”`, () =>
        this.transformCells(options.column, fillEmpty(replacement), { typed: true }),
      );
    }
    if (find === '') return 0;
    const transform = replaceText(find, replacement, options);
    return this.inChange(`replace “${find}”`, () => this.transformCells(options.column, transform, { typed: true }));
  }

  /**
   * The key a find & replace would give more than one row, checked before it is applied (it would
   * rewrite "A-1" and "a-1" alike, or fill every empty key with one value); changes nothing.
   */
  replaceKeyClash(
    find: string,
    replacement: string,
    options: ReplaceOptions & { column?: number; emptyCells?: boolean },
  ): KeyClash | undefined {
    const transform = options.emptyCells
      ? replacement === ''
        ? undefined
        : fillEmpty(replacement)
      : find === ''
        ? undefined
        : replaceText(find, replacement, options);
    if (!transform) return undefined;
    const keyColumns = this.keys.columnIndexes.filter((k) => options.column === undefined || options.column === k);
    const cells: { row: number; column: number; value: string }[] = [];
    for (const r of this.views.visible) {
      for (const k of keyColumns) {
        const old = this.rows[r]![k]!;
        const value = transform(old);
        if (value !== old) cells.push({ row: r, column: k, value: this.readAsWritten(k, value) });
      }
    }
    return keyClash(this.problemSource(), cells);
  }

  trimSpaces(column?: number): number {
    return this.inChange('trim spaces', () => this.transformCells(column, trimSpaces));
  }

  normalizeBooleans(): number {
    return this.inChange('rewrite as true/false', () => this.transformColumnsOfType('boolean', asTrueFalse));
  }

  /** Rewrites day/month/year style dates (order chosen by the user: it is ambiguous) as YYYY-MM-DD. */
  normalizeDates(order: DateOrder): number {
    return this.inChange(`dates as ${DATE_ORDER_WORDS[order]}`, () =>
      this.transformColumnsOfType('date', asIsoDate(order)),
    );
  }

  /** How many cells and rows a group fix would change, without changing anything. */
  previewGroupFix(fix: GroupFix): {
    cells: number;
    rows: number;
    stillInvalid?: { message: string; remediation: string };
    sameKey?: KeyClash;
  } {
    const typed = this.typedFix(fix);
    const source = this.problemSource();
    const plan = planGroupFix(source, typed);
    const sameKey = keyClash(source, plan.cells);
    return { ...planSize(plan), ...this.replacementProblem(typed), ...(sameKey && { sameKey }) };
  }

  /**
   * What is wrong with a replacement's one value in its column, as a cell holding it would say:
   * replacing every problem with it would leave every one a problem (checked before it is applied).
   */
  private replacementProblem(fix: GroupFix): { stillInvalid?: { message: string; remediation: string } } {
    if (fix.action !== 'replace') return {};
    const { column } = parseGroupId(fix.group);
    const name = this.columns[column]?.name;
    if (name === undefined) return {};
    const result = this.validator.checkValue(column, fix.value, 0);
    if (!('problem' in result)) return {};
    const { message, remediation } = this.problemInWrittenWay(column, fix.value, 0, result.problem);
    return { stillInvalid: cellWords(name, message, remediation) };
  }

  /**
   * Applies one action to every cell (or row) of a problem group; returns how many cells (or rows)
   * changed. One that would give rows the same key (previewGroupFix's `sameKey`) changes nothing and
   * returns 0: the review asks first and says why, and no other way in (a one-click "Read as", a
   * replayed session) may make the keys repeat either.
   */
  applyGroupFix(fix: GroupFix, label = groupFixLabel(this.columns, fix)): number {
    const source = this.problemSource();
    const plan = planGroupFix(source, this.typedFix(fix));
    if (plan.rowsToDelete.length === 0 && keyClash(source, plan.cells)) return 0;
    return this.inChange(label, () => {
      if (plan.rowsToDelete.length > 0) {
        for (const r of plan.rowsToDelete) this.setAlive(r, false);
        return plan.rowsToDelete.length;
      }
      for (const { row, column, value } of plan.cells) this.setCell(row, column, value);
      return plan.cells.length;
    });
  }

  /** Problems grouped by column and kind, the largest first. */
  problemGroups(): ProblemGroup[] {
    return problemGroups(this.problemSource());
  }

  /** What the person changed, against the file as read; sent with the upload, kept in the job. */
  fixSummary(): BrowserFixes {
    return fixSummary(this.columns, this.rows, this.alive, this.touched, this.file);
  }

  /** The reviewed rows as a CSV in the list's column order, in parts small enough to stream into a Blob. */
  *toCsvParts(partRows = 5000, options: { leaveOut?: boolean } = {}): Generator<string> {
    yield csvRow(this.columns.map((c) => c.name));
    const parts = new CsvParts(partRows);
    for (const r of this.exportedRows(options)) {
      const full = parts.add(csvRow(this.rows[r]!));
      if (full) yield full;
    }
    const rest = parts.rest();
    if (rest) yield rest;
  }

  /**
   * The file's row number of rows of the CSV toCsvParts writes, numbered as the server numbers
   * them (the header is row 1), so its answers can name the rows the person sees: with rows left
   * out or deleted, row 7 of the upload may be row 12 of their file. Null past the upload's end.
   */
  fileRowsOfExport(uploadRows: readonly number[], options: { leaveOut?: boolean } = {}): (number | null)[] {
    const wanted = new Map<number, number | null>(uploadRows.map((row) => [row - 2, null]));
    const last = Math.max(-1, ...wanted.keys());
    let exported = 0;
    for (const r of this.exportedRows(options)) {
      if (exported > last) break;
      if (wanted.has(exported)) wanted.set(exported, this.fileRows[r]!);
      exported++;
    }
    return uploadRows.map((row) => wanted.get(row - 2) ?? null);
  }

  /** The rows toCsvParts writes, in order: those not deleted, without the rows with problems when left out. */
  private *exportedRows(options: { leaveOut?: boolean }): Generator<number> {
    const skip = options.leaveOut ? this.views.errorMask(this.rows.length) : undefined;
    for (const r of this.views.visible) if (!skip?.[r]) yield r;
  }

  /**
   * The rows with problems as the file had them — its own columns, in its order, with the edits made
   * here — plus a "Problems" column saying what to fix, so they can be corrected and imported later.
   */
  *leftOutCsvParts(partRows = 5000): Generator<string> {
    yield csvRow([...this.file.headers, 'Problems']);
    const parts = new CsvParts(partRows);
    for (const r of this.views.errors()) {
      const sharing = this.keys.othersSharing(r).map((x) => this.fileRows[x]!);
      const problems = problemText(this.columns, this.problems.get(r) ?? [], sharing);
      const full = parts.add(csvRow([...this.file.recordWithChanges(r, this.rows[r]!), problems]));
      if (full) yield full;
    }
    const rest = parts.rest();
    if (rest) yield rest;
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
    return this.writeBack(this.history.takeUndo(), (redo) => this.history.pushRedo(redo));
  }

  redo(): number {
    return this.writeBack(this.history.takeRedo(), (undo) => this.history.pushUndoFromRedo(undo));
  }

  historyState(): HistoryState {
    return this.history.state();
  }

  /** Reverts an undone or redone step, hands its inverse to the other stack, and counts the cells and rows restored. */
  private writeBack(change: Change | undefined, keepInverse: (inverse: Change) => void): number {
    if (!change) return 0;
    const inverse = this.revert(change);
    keepInverse(inverse);
    return inverse.cellRows.length + inverse.aliveRows.length;
  }

  /** A value the person typed into a column, read the way the file writes it (as its own values were); as typed when that way cannot. */
  private readAsWritten(column: number, value: string): string {
    const read = this.readWritten[column];
    return read ? read(value) : value;
  }

  /** A group fix's one value for every cell is typed too: read like an edit. */
  private typedFix(fix: GroupFix): GroupFix {
    if (fix.action !== 'replace') return fix;
    return { ...fix, value: this.readAsWritten(parseGroupId(fix.group).column, fix.value) };
  }

  private problemSource(): ProblemSource {
    return {
      writtenAs: this.writtenAs,
      columns: this.columns,
      rows: this.rows,
      problems: this.problems,
      keys: this.keys,
      validator: this.validator,
    };
  }

  private transformColumnsOfType(dataType: ListColumn['dataType'], transform: CellTransform): number {
    let changed = 0;
    this.columns.forEach((c, i) => {
      if (c.dataType === dataType) changed += this.transformCells(i, transform);
    });
    return changed;
  }

  /** typed: the transform writes what the person typed (find & replace): changed cells are read like an edit. */
  private transformCells(
    column: number | undefined,
    transform: CellTransform,
    options: { typed?: boolean } = {},
  ): number {
    let changed = 0;
    const view = this.views.visible;
    for (let v = 0; v < view.length; v++) {
      const r = view[v]!;
      const row = this.rows[r]!;
      for (let c = column ?? 0; c < (column === undefined ? row.length : column + 1); c++) {
        const old = row[c]!;
        let value = transform(old);
        if (options.typed && value !== old) value = this.readAsWritten(c, value);
        if (this.setCell(r, c, value)) changed++;
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
    if (row === this.file.records[r]) row = this.rows[r] = [...row];
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
    this.touchKind = TOUCHED_BY_FIX;
    return inverse;
  }

  /** Keeps, once per step, the problems and key a row had before the step changed it. */
  private recordState(r: number): void {
    const change = this.change;
    if (!change || this.recordedMark[r]) return;
    this.recordedMark[r] = 1;
    change.stateRows.push(r);
    change.stateProblems.push(this.problems.get(r));
    change.stateKeys.push(this.keys.keyAt(r));
  }

  private restoreRow(r: number, problems: CellProblem[] | undefined, key: RowKey | undefined): void {
    if (problems) {
      this.problems.set(r, problems);
      for (const p of problems) if (p.column >= 0) this.errorsByColumn[p.column]!++;
    }
    if (key !== undefined) this.keys.add(r, key);
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
      this.views.rebuild(this.alive);
    }
    this.views.invalidate();
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
          (list ??= []).push(excelErrorProblem(this.columns[c]!.name, c, excelError, fileRow));
          this.errorsByColumn[c]!++;
          continue;
        }
        const result = this.validator.checkValue(c, row[c]!, fileRow);
        if ('problem' in result) {
          const { errorCode, message, remediation } = this.problemInWrittenWay(c, row[c]!, fileRow, result.problem);
          (list ??= []).push({ column: c, code: errorCode, ...cellWords(this.columns[c]!.name, message, remediation) });
          this.errorsByColumn[c]!++;
        } else {
          canonical[c] = result.value;
        }
      }
    }
    const wrongWidth = this.raggedWidths.get(r);
    if (wrongWidth !== undefined) {
      const record = this.file.records[r]!;
      (list ??= []).unshift(
        this.misquoted.has(r)
          ? misquotedProblem(record, this.file.headers, fileRow)
          : raggedProblem(record, this.file.width, fileRow),
      );
    }
    if (list) this.problems.set(r, list);
    this.views.invalidate();
    const key = this.keys.keyFrom(row, canonical);
    if (key !== undefined) this.keys.add(r, key);
  }

  /** Takes a row's problems and key out of the counts, before it is revalidated, restored or deleted. */
  private clearRow(r: number): void {
    const list = this.problems.get(r);
    if (list) for (const p of list) if (p.column >= 0) this.errorsByColumn[p.column]!--;
    this.problems.delete(r);
    this.keys.remove(r);
    this.views.invalidate();
  }

  /**
   * A value of a column Map columns said is written another way (DD/MM/YYYY) failed the list's check
   * only because that way could not read it either: say why in that way's words.
   */
  private problemInWrittenWay(column: number, value: string, fileRow: number, problem: Problem): Problem {
    if (!this.writtenAs[column] || !TYPE_CODES.has(problem.errorCode)) return problem;
    const written = this.writtenValidator.checkValue(column, value, fileRow);
    return 'problem' in written && written.problem.errorCode === problem.errorCode ? written.problem : problem;
  }

  private describe(r: number): ReviewRow {
    const sharing = this.keys.othersSharing(r);
    return {
      index: r,
      fileRow: this.fileRows[r]!,
      values: [...this.rows[r]!],
      problems: this.problems.get(r) ?? [],
      duplicateOf: sharing.length > 0 ? sharing.sort((a, b) => a - b).map((x) => this.fileRows[x]!) : null,
    };
  }
}

/** What an undo or redo button says a group fix was: "Undo read “Joined” as DD/MM/YYYY (40 cells)". */
function groupFixLabel(columns: readonly ListColumn[], fix: GroupFix): string {
  const { column } = parseGroupId(fix.group);
  const name = columns[column] ? `“${columns[column].name}”` : '';
  switch (fix.action) {
    case 'delete':
      return name ? `delete rows with problems in ${name}` : 'delete rows with problems';
    case 'format':
      return `read ${name} as ${describeFormat(columns[column]!.dataType, fix.format).split(',')[0]}`;
    case 'empty':
      return `empty problem cells in ${name}`;
    case 'currency':
      return `remove currency signs in ${name}`;
    case 'replace':
      return `replace problem cells in ${name} with “${fix.value}”`;
  }
}

/** Where a row is in a list of rows in row order; -1 when it is not in it. */
function indexOfRow(rows: Int32Array, rowIndex: number): number {
  const i = firstRowAfter(rows, rowIndex - 1);
  return rows[i] === rowIndex ? i : -1;
}

/** The first place in a list of rows in row order whose row comes after `rowIndex` (its length if none). */
function firstRowAfter(rows: Int32Array, rowIndex: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (rows[mid]! <= rowIndex) low = mid + 1;
    else high = mid;
  }
  return low;
}
