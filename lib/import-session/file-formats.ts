import { candidatesFor } from '@/lib/formats/candidates';
import { compileCanonicalCheck, compileValueReader, describeFormat, valueForEmpty } from '@/lib/formats/column-format';
import { createFormatDetector, type DifferentReading } from '@/lib/formats/detect';
import type { ColumnMapping } from '@/lib/lists/mapping';
import type { ColumnFormat } from '@/lib/shared/column-formats';
import type { ListColumn } from '@/lib/shared/list-column';

import { isTypedCell, type TypedCells } from './file-records';

/**
 * How a file writes each mapped column, judged on every value in the import wizard's worker: the
 * ways of writing that read more of the column's values than the list's own format does, one of
 * them proposed when it reads them all, and a question when two read them all differently
 * (01/02/2024: 1 February or 2 January?).
 */

/**
 * One way the file may write a column, with how many of its non-empty values it reads and, when it
 * cannot read them all, the first it cannot read (to show the person what would be left to fix).
 */
export type FileFormatOption = { format: ColumnFormat | undefined; label: string; reads: number; unread?: string };

export type FileFormatProposal = {
  /** Non-empty values in the file column, and how many the list column's own format reads. */
  values: number;
  listReads: number;
  listLabel: string;
  /** The first value the list's own format cannot read. */
  listUnread?: string;
  /** Ways that read more values than the list's format, the best first. */
  options: FileFormatOption[];
  /** The option to preselect (an index into options): one that reads every value, unless two disagree. */
  proposed?: number;
  /** Two options that read every value but differently, with values read both ways: the user must choose. */
  ambiguous?: { first: number; second: number; examples: DifferentReading[] };
};

/** What the wizard reads a column's values as: null for the list's own format. */
export type FileFormatChoice = ColumnFormat | null;

const WRITABLE_TYPES = new Set(['integer', 'number', 'boolean', 'date', 'datetime']);

/**
 * A column whose unreadable values are all "N/A" (or a few other words no way reads) skips the
 * judging of every way on every value: 13 s of a 1M-row file's reading with 100,000 "n/a" amounts.
 * Beyond this many distinct unreadable values, every way is judged as before.
 */
const MAX_UNREAD_CHECKED = 1000;

/** Whether any way of writing the type reads one of the values (the detector's candidates). */
function someWayReads(dataType: ListColumn['dataType'], values: ReadonlySet<string>): boolean {
  return candidatesFor(dataType).some((candidate) => {
    const read = compileValueReader(candidate.dataType, candidate.format);
    for (const value of values) if (read(value).ok) return true;
    return false;
  });
}

/**
 * A proposal per list column (null where there is nothing to choose: text, unmapped, or the list
 * reads every value). A workbook's number, date and true/false cells (`typed`) are its values too, but
 * no way reads them again: only its text cells are judged, as all of a CSV file's are.
 */
export function proposeFileFormats(
  columns: readonly ListColumn[],
  records: readonly (readonly string[])[],
  mapping: ColumnMapping,
  typed?: TypedCells,
): (FileFormatProposal | null)[] {
  return columns.map((column, i) => {
    const fileIndex = mapping[i];
    if (fileIndex == null || !WRITABLE_TYPES.has(column.dataType)) return null;
    const readByList = compileValueReader(column.dataType, column.format);
    // Most values of a clean file are written as the list stores them: counted without parsing.
    const readAsWritten = compileCanonicalCheck(column.dataType, column.format);
    let values = 0;
    let listReads = 0;
    // Typed cells every way takes as the list does, and how many of them the list reads.
    let typedValues = 0;
    let typedReads = 0;
    let listUnread: string | undefined;
    // The distinct text values the list's way cannot read (up to a bound): another way is only worth
    // offering if it reads one of them.
    const unread = new Set<string>();
    for (let r = 0; r < records.length; r++) {
      const value = records[r]![fileIndex] ?? '';
      const isTyped = isTypedCell(typed, fileIndex, r);
      if (readAsWritten(value)) {
        values++;
        listReads++;
        if (isTyped) {
          typedValues++;
          typedReads++;
        }
        continue;
      }
      if (value.trim() === '') continue;
      values++;
      if (isTyped) typedValues++;
      if (readByList(value).ok) {
        listReads++;
        if (isTyped) typedReads++;
        continue;
      }
      listUnread ??= value;
      if (!isTyped && unread.size <= MAX_UNREAD_CHECKED) unread.add(value);
    }
    if (values === 0 || listReads === values) return null;
    // (Boolean words are learned from the column as a whole: always judged.)
    const judgeable = column.dataType !== 'boolean' && unread.size <= MAX_UNREAD_CHECKED;
    if (judgeable && !someWayReads(column.dataType, unread)) return null;
    // Only a column the list's own way cannot read all of is judged against every other way: trying
    // each candidate on every value took ~20 s of a clean 1M-row file's reading.
    const detector = createFormatDetector(column.dataType);
    for (let r = 0; r < records.length; r++) {
      if (!isTypedCell(typed, fileIndex, r)) detector.add(records[r]![fileIndex] ?? '');
    }
    const detection = detector.result();
    const options = detection.candidates
      .map((c) => ({ ...c, reads: c.matched + typedReads }))
      .filter((c) => c.reads > listReads && c.reads * 2 >= values)
      .map((c): FileFormatOption => ({
        format: c.format,
        label: describeFormat(column.dataType, c.format),
        reads: c.reads,
        ...(c.failedExamples[0] !== undefined && { unread: c.failedExamples[0] }),
      }));
    if (options.length === 0) return null;
    const indexOf = (format: ColumnFormat | undefined) =>
      options.findIndex((o) => JSON.stringify(o.format) === JSON.stringify(format));
    const proposal: FileFormatProposal = {
      values,
      listReads,
      listLabel: describeFormat(column.dataType, column.format),
      ...(listUnread !== undefined && { listUnread }),
      options,
    };
    const { ambiguous } = detection;
    if (ambiguous && indexOf(ambiguous.first.format) >= 0 && indexOf(ambiguous.second.format) >= 0) {
      proposal.ambiguous = {
        first: indexOf(ambiguous.first.format),
        second: indexOf(ambiguous.second.format),
        examples: ambiguous.examples,
      };
    } else if (detection.proposal && typedReads === typedValues && indexOf(detection.proposal.format) >= 0) {
      // A way that reads every text value, when the list reads every typed one: it reads them all.
      proposal.proposed = indexOf(detection.proposal.format);
    }
    return proposal;
  });
}

/**
 * The values of a column read in the chosen way and written canonically (what the list stores), so
 * review, the server's checks and the uploaded file all see 2024-12-31 for 31/12/2024. A value the
 * way cannot read is kept as written: the review shows it as a problem, in the user's own words.
 */
export function compileFileValueReaders(
  columns: readonly ListColumn[],
  choices: readonly (FileFormatChoice | undefined)[],
): (((value: string) => string) | undefined)[] {
  return columns.map((column, i) => {
    const choice = choices[i];
    // The list's own way: values go to review as written.
    if (!choice) return undefined;
    const read = compileValueReader(column.dataType, choice);
    // A checkbox column written "x" or nothing: there the empty cells are the no's.
    const empty = valueForEmpty(column.dataType, choice);
    return (value) => {
      if (value.trim() === '') return empty ?? value;
      const result = read(value);
      return result.ok ? result.value : value;
    };
  });
}
