import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { columnsInputSchema, normalizeColumns, type ColumnInput } from '@/lib/lists/columns';

import { ReviewDataset } from './dataset';
import type { LoggedRequest } from './protocol';

const CUSTOMERS = normalizeColumns(
  columnsInputSchema.parse([
    { name: 'id', dataType: 'integer', isKey: true },
    { name: 'email', dataType: 'string', required: true },
    { name: 'amount', dataType: 'number' },
    { name: 'joined', dataType: 'date' },
  ] satisfies ColumnInput[]),
);
const EMAIL = 1;
const AMOUNT = 2;

function review(records: string[][], headerWidth = CUSTOMERS.length): ReviewDataset {
  const headers = CUSTOMERS.map((c) => c.name).slice(0, headerWidth);
  return new ReviewDataset(
    CUSTOMERS,
    { headers, records, firstFileRows: Int32Array.from(records.map((_, r) => r + 2)) },
    CUSTOMERS.map((_, i) => i),
  );
}

function customer(id: number, changes: { email?: string; amount?: string; joined?: string } = {}): string[] {
  return [String(id), changes.email ?? `c${id}@example.com`, changes.amount ?? '12.50', changes.joined ?? '2024-12-31'];
}

/** Everything the review shows: every row with its values, problems and duplicates, the problem view, the counts. */
function snapshot(dataset: ReviewDataset) {
  return {
    rows: dataset.getRows(0, dataset.size, false),
    problemRows: dataset.getRows(0, dataset.size, true).map((r) => r.index),
    stats: dataset.stats(),
  };
}

/** The worker's dispatch of a logged request, each change one undo step (see import.worker.ts). */
function apply(dataset: ReviewDataset, request: LoggedRequest): void {
  if (request.type === 'undo') return void dataset.undo();
  if (request.type === 'redo') return void dataset.redo();
  dataset.beginChange();
  if (request.type === 'edit') dataset.editCell(request.rowIndex, request.column, request.value);
  else if (request.type === 'delete') dataset.deleteRows(request.rowIndexes);
  else if (request.type === 'replace') dataset.replaceAll(request.find, request.replacement, request);
  else if (request.type === 'groupFix') dataset.applyGroupFix(request.fix);
  else if (request.fix === 'trim') dataset.trimSpaces(request.column);
  else if (request.fix === 'booleans') dataset.normalizeBooleans();
  else dataset.normalizeDates(request.fix.slice(6) as 'DMY');
  dataset.endChange();
}

/** 2,000 customers: N/A amounts in 285 rows, half the dates as 31/12/2024, empty emails, one duplicate key. */
function messyFile(): string[][] {
  return Array.from({ length: 2000 }, (_, r) =>
    customer(r === 1999 ? 7 : r + 1, {
      ...(r % 7 === 3 && r < 7 * 285 && { amount: 'N/A' }),
      ...(r % 2 === 1 && { joined: '31/12/2024' }),
      ...(r % 500 === 250 && { email: '' }),
    }),
  );
}

describe('ReviewDataset: undo and redo', () => {
  it('undoes and redoes an edit with its problem, its column count and the row counts', () => {
    const dataset = review([customer(1), customer(2, { amount: 'N/A' })]);
    const before = snapshot(dataset);
    dataset.editCell(1, AMOUNT, '3.20');
    const fixed = snapshot(dataset);
    expect(fixed.stats.errorRowCount).toBe(0);
    expect(dataset.historyState()).toEqual({ undo: 'edit of amount, row 3', redo: null, steps: 1 });

    expect(dataset.undo()).toBe(1);
    expect(snapshot(dataset)).toEqual(before);
    expect(dataset.historyState()).toEqual({ undo: null, redo: 'edit of amount, row 3', steps: 0 });

    expect(dataset.redo()).toBe(1);
    expect(snapshot(dataset)).toEqual(fixed);
    expect(dataset.historyState()).toEqual({ undo: 'edit of amount, row 3', redo: null, steps: 1 });
  });

  it('brings a deleted row back with its duplicate key on both rows', () => {
    const dataset = review([customer(1), customer(2), customer(1, { email: 'other@example.com' })]);
    const before = snapshot(dataset);
    expect(before.stats.duplicateKeyRows).toBe(2);
    dataset.deleteRows([2]);
    expect(dataset.stats()).toMatchObject({ rowCount: 2, duplicateKeyRows: 0, errorRowCount: 0 });
    expect(dataset.historyState().undo).toBe('delete row 4');
    dataset.undo();
    expect(snapshot(dataset)).toEqual(before);
    expect(dataset.getRows(0, 3, false).map((r) => r.duplicateOf)).toEqual([[4], null, [2]]);
  });

  it('undoes a replace of N/A in 285 cells as one step, named with its count, back to the exact problems', () => {
    const dataset = review(messyFile());
    const before = snapshot(dataset);
    expect(before.stats.errorsByColumn[AMOUNT]).toBe(285);
    expect(dataset.replaceAll('N/A', '0', { column: AMOUNT, wholeCell: true })).toBe(285);
    expect(dataset.stats().errorsByColumn[AMOUNT]).toBe(0);
    expect(dataset.historyState().undo).toBe('replace “N/A” (285 cells)');
    dataset.undo();
    expect(snapshot(dataset)).toEqual(before);
    expect(dataset.historyState()).toEqual({ undo: null, redo: 'replace “N/A” (285 cells)', steps: 0 });
  });

  it('undoes a date rewrite over 1,000 cells and the delete after it, newest first', () => {
    const dataset = review(messyFile());
    const original = snapshot(dataset);
    dataset.normalizeDates('DMY');
    const rewritten = snapshot(dataset);
    dataset.deleteRows([0, 1, 2]);
    expect(dataset.historyState().undo).toBe('delete (3 rows)');
    dataset.undo();
    expect(snapshot(dataset)).toEqual(rewritten);
    expect(dataset.historyState().undo).toBe('dates as day/month/year (1,000 cells)');
    dataset.undo();
    expect(snapshot(dataset)).toEqual(original);
  });

  it('brings back the wrong-width problem an edit of that row cleared', () => {
    const dataset = review([customer(1), ['2', 'c2@example.com', '1.00']], 4);
    expect(dataset.getRows(1, 1, false)[0]!.problems.map((p) => p.column)).toEqual([-1]);
    const before = snapshot(dataset);
    dataset.editCell(1, EMAIL, 'two@example.com');
    expect(dataset.stats().errorRowCount).toBe(0);
    dataset.undo();
    expect(snapshot(dataset)).toEqual(before);
  });

  it('forgets the redo when a new change is made, and records nothing for a change that changed nothing', () => {
    const dataset = review([customer(1), customer(2)]);
    dataset.editCell(0, EMAIL, 'a@example.com');
    dataset.undo();
    expect(dataset.historyState().redo).not.toBeNull();
    dataset.editCell(1, EMAIL, 'b@example.com');
    expect(dataset.historyState()).toEqual({ undo: 'edit of email, row 3', redo: null, steps: 1 });
    expect(dataset.replaceAll('nowhere', 'x', {})).toBe(0);
    dataset.editCell(1, EMAIL, 'b@example.com');
    expect(dataset.historyState()).toEqual({ undo: 'edit of email, row 3', redo: null, steps: 1 });
    expect(dataset.redo()).toBe(0);
  });

  it('makes everything between beginChange and endChange one step, named by the first operation', () => {
    const dataset = review([customer(1, { email: ' a ' }), customer(2, { amount: 'N/A' })]);
    const before = snapshot(dataset);
    dataset.beginChange();
    dataset.trimSpaces();
    dataset.replaceAll('N/A', '', { wholeCell: true });
    dataset.editCell(1, EMAIL, 'first@example.com');
    dataset.editCell(1, EMAIL, 'second@example.com');
    dataset.deleteRows([0]);
    dataset.endChange();
    expect(dataset.historyState()).toEqual({ undo: 'trim spaces (4 cells)', redo: null, steps: 1 });
    dataset.undo();
    expect(snapshot(dataset)).toEqual(before);
  });

  it('counts each operation at once inside an open step, as the worker answers before closing it', () => {
    const dataset = review([customer(1, { email: '' }), customer(2, { amount: 'N/A' })]);
    dataset.beginChange();
    dataset.editCell(0, EMAIL, 'a@example.com');
    expect(dataset.stats()).toMatchObject({ errorRowCount: 1, errorsByColumn: [0, 0, 1, 0] });
    dataset.deleteRows([1]);
    expect(dataset.stats()).toMatchObject({ rowCount: 1, errorRowCount: 0 });
    dataset.endChange();
    expect(dataset.historyState()).toEqual({ undo: 'edit of email, row 2', redo: null, steps: 1 });
  });

  it('does not edit a deleted row, so undoing the delete finds it as it was', () => {
    const dataset = review([customer(1), customer(2)]);
    const before = snapshot(dataset);
    dataset.deleteRows([1]);
    dataset.editCell(1, EMAIL, '');
    expect(dataset.historyState().steps).toBe(1);
    dataset.undo();
    expect(snapshot(dataset)).toEqual(before);
  });
});

describe('ReviewDataset: undo and replay, for any sequence of changes', () => {
  const ids = ['1', '2', '3', '07', '', 'x'];
  const emails = ['a@example.com', '', ' b@example.com ', 'N/A'];
  const amounts = ['1.5', 'N/A', '', '2,50', ' 3 '];
  const dates = ['2024-12-31', '31/12/2024', '12/31/2024', 'N/A', ''];
  const pools = [ids, emails, amounts, dates];
  const record = fc.tuple(...pools.map((pool) => fc.constantFrom(...pool)));
  const request: fc.Arbitrary<LoggedRequest> = fc.oneof(
    fc.record({
      type: fc.constant('edit' as const),
      rowIndex: fc.nat(9),
      column: fc.nat(3),
      value: fc.constantFrom(...ids, ...emails, ...amounts, ...dates),
    }),
    fc.record({
      type: fc.constant('delete' as const),
      rowIndexes: fc.array(fc.nat(9), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      type: fc.constant('replace' as const),
      find: fc.constantFrom('N/A', '1', ' ', '/'),
      replacement: fc.constantFrom('', '2024', '-', '0'),
      matchCase: fc.boolean(),
      wholeCell: fc.boolean(),
    }),
    fc.record({
      type: fc.constant('fix' as const),
      fix: fc.constantFrom('trim' as const, 'dates-DMY' as const, 'dates-MDY' as const),
    }),
    fc.constant({ type: 'undo' as const }),
    fc.constant({ type: 'redo' as const }),
  );

  it('after any changes, undos and redos, shows exactly what applying only the changes still in effect shows', () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 10 }),
        fc.array(request, { maxLength: 14 }),
        (records, log) => {
          const live = review(records.map((r) => [...r]));
          // The model: the changes in effect, and those undone that a redo would bring back.
          const done: LoggedRequest[] = [];
          const undone: LoggedRequest[] = [];
          for (const entry of log) {
            const stepsBefore = live.historyState().steps;
            apply(live, entry);
            const changed = live.historyState().steps;
            if (entry.type === 'undo') {
              if (changed < stepsBefore) undone.push(done.pop()!);
            } else if (entry.type === 'redo') {
              if (changed > stepsBefore) done.push(undone.pop()!);
            } else if (changed > stepsBefore) {
              done.push(entry);
              undone.length = 0;
            }
            const fresh = review(records.map((r) => [...r]));
            for (const change of done) apply(fresh, change);
            expect(snapshot(live)).toEqual(snapshot(fresh));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('replaying the log on the file read again gives the same rows, problems, counts, undo and redo', () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 10 }),
        fc.array(request, { maxLength: 14 }),
        (records, log) => {
          const live = review(records.map((r) => [...r]));
          for (const entry of log) apply(live, entry);
          const replayed = review(records.map((r) => [...r]));
          for (const entry of log) apply(replayed, entry);
          expect(snapshot(replayed)).toEqual(snapshot(live));
          expect(replayed.historyState()).toEqual(live.historyState());
          // And they go on alike: undo everything, redo everything.
          while (live.undo() + replayed.undo() > 0) expect(snapshot(replayed)).toEqual(snapshot(live));
          while (live.redo() + replayed.redo() > 0) expect(snapshot(replayed)).toEqual(snapshot(live));
        },
      ),
      { numRuns: 200 },
    );
  });
});
