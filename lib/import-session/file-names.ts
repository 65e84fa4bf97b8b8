/**
 * The names of the files the import wizard makes from the one the person chose. They read as the
 * person's own file with a few words after it, so a folder of downloads sorts them beside it.
 */

/** What the wizard read: a text file, or one sheet of a workbook. */
export type ChosenFile = { name: string; sheet?: string };

const TEXT_EXTENSION = /\.(csv|tsv|txt)$/i;
const WORKBOOK_EXTENSION = /\.(xlsx|xlsm|xls)$/i;

/** The name the cleaned CSV is uploaded under: a text file keeps its name, a sheet becomes "book - Sheet.csv". */
export function uploadFileName(chosen: ChosenFile): string {
  if (chosen.sheet === undefined) return chosen.name;
  return `${chosen.name.replace(WORKBOOK_EXTENSION, '')} - ${chosen.sheet}.csv`;
}

/** customers.csv → "customers left-out rows.csv"; sheet Customers of customers.xlsx → "customers (Customers) left-out rows.csv". */
export function leftOutFileName(chosen: ChosenFile): string {
  const base = chosen.name.replace(chosen.sheet === undefined ? TEXT_EXTENSION : WORKBOOK_EXTENSION, '');
  return chosen.sheet === undefined ? `${base} left-out rows.csv` : `${base} (${chosen.sheet}) left-out rows.csv`;
}
