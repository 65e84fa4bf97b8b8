import type { SheetSummary } from '@/lib/import-session/protocol';

/**
 * Whether a sheet may hold records, judged by its size before it is read: an empty sheet (an empty
 * "Sheet1" as Excel leaves it), and one of a single row (a note such as "Exported from the CRM on 1
 * December", or a header alone) hold none. A sheet whose size the workbook does not say may.
 */
function mayHoldRecords({ rows }: SheetSummary): boolean {
  return rows === undefined || rows > 1;
}

/**
 * The sheet the wizard picks first: the first one shown in Excel that may hold records; else the
 * first one shown, else the first one.
 */
export function defaultSheet(sheets: readonly SheetSummary[]): SheetSummary | undefined {
  return sheets.find((s) => !s.hidden && mayHoldRecords(s)) ?? sheets.find((s) => !s.hidden) ?? sheets[0];
}
