import { shortenValue } from '@/lib/csv/problem';
import type { SheetPreviewRow, SheetSummary } from '@/lib/import-session/protocol';
import { plural } from '@/lib/shared/plural';

/**
 * A sheet's size in the picker: an empty sheet, one of only a header and one holding a single cell
 * (a note such as "Exported from the CRM on 1 December") are said so, not "1 row".
 */
export function sheetSizeWords({ rows, columns }: Pick<SheetSummary, 'rows' | 'columns'>): string {
  if (rows === undefined) return '';
  if (rows === 0) return ' — empty';
  if (rows === 1 && columns === 1) return ' — one cell only, no records';
  if (rows === 1) return ' — one row: no rows under its header';
  return ` — ${plural(rows, 'row')}`;
}

/** The text of a sheet's only cell, when its first rows hold just that one; else undefined. */
export function onlyCell(rows: readonly SheetPreviewRow[]): string | undefined {
  const filled = rows.flatMap((row) => row.texts.filter((text) => text.trim() !== ''));
  return filled.length === 1 ? filled[0] : undefined;
}

/** Why a sheet holding a single cell has nothing to import: its one cell is a note, not a header. */
export function oneCellSheetWords(sheet: string, cell: string): string {
  return `Sheet “${sheet}” holds no records, only one cell: “${shortenValue(cell, 80)}”.`;
}
