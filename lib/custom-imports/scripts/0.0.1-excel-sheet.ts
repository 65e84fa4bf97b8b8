import { openWorkbookFile } from '@/lib/excel/open-workbook-file';
import { headerNames, sheetLines } from '@/lib/excel/sheet-lines';
import { columnLetter, WorkbookError } from '@/lib/excel/workbook';
import type { DataType } from '@/lib/shared/data-types';
import { plural } from '@/lib/shared/plural';

import { matchColumns } from '../helpers/list-columns';
import { recordsPreview } from '../helpers/preview';
import type {
  DynamicOptions,
  FileValue,
  InputDeclaration,
  InputValues,
  ListValue,
  Message,
  Preview,
  ScriptContext,
  ScriptRecord,
} from '../types';

export const title = 'Excel workbook sheet → list';

export const description =
  'Loads one sheet of an Excel workbook (.xlsx) into a list. The header row names the columns (matched to the list by name); ' +
  'numbers are read as Excel shows them, and date cells — or serial day numbers in date columns — become dates.';

export const inputs: InputDeclaration[] = [
  {
    name: 'file',
    type: 'file',
    label: 'Excel workbook',
    help: 'An .xlsx file saved by Excel, LibreOffice or Google Sheets.',
    required: true,
    accept: ['.xlsx', '.xlsm', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    validators: [
      {
        type: 'extensions',
        value: ['.xlsx', '.xlsm'],
        message: 'Choose an Excel workbook saved as .xlsx (older .xls files: open them in Excel and "Save as" .xlsx).',
      },
    ],
  },
  {
    name: 'sheet',
    type: 'select',
    label: 'Sheet',
    help: 'The sheet to load. The choices come from the workbook once you have chosen it.',
    required: true,
    options: [],
    dynamic: { dependsOn: ['file'] },
  },
  {
    name: 'headerRow',
    type: 'number',
    label: 'Header row',
    help: 'The row number (as Excel shows it) that holds the column names. The records are the rows below it.',
    required: true,
    default: 1,
    validators: [{ type: 'integer' }, { type: 'min', value: 1 }, { type: 'max', value: 10_000 }],
  },
  { name: 'list', type: 'list', label: 'Target list', help: 'The list to load the records into.', required: true },
];

type Values = { file: FileValue; sheet: string; headerRow: number; list: ListValue };

function read(values: InputValues): Values {
  return values as unknown as Values;
}

export async function options(values: InputValues): Promise<DynamicOptions> {
  const file = values.file as FileValue | null;
  if (!file) return {};
  try {
    const workbook = await openWorkbookFile(file.path);
    const sheets = workbook.sheets;
    await workbook.close();
    const visible = sheets.find((s) => !s.hidden) ?? sheets[0];
    return {
      sheet: {
        options: sheets.map((s) => ({ value: s.name, label: s.hidden ? `${s.name} (hidden)` : s.name })),
        ...(visible && { default: visible.name }),
      },
    };
  } catch {
    // No choices at all (rather than an empty list) lets validate() say why the file cannot be read,
    // instead of the sheet being "not one of the choices".
    return {};
  }
}

/** Reads up to the header row: the workbook must open, the sheet exist, the header name the list's columns. */
export async function validate(values: InputValues): Promise<Message[]> {
  const { file, sheet, headerRow, list } = read(values);
  try {
    const header = await readHeader(file.path, sheet, headerRow);
    if (!header) {
      return [
        {
          status: 'ERROR',
          title: 'Header row',
          message: `Row ${headerRow} of sheet "${sheet}" is empty. Enter the row that holds the column names.`,
          input: 'headerRow',
        },
      ];
    }
    return matchColumns(header, list, 'headerRow').messages;
  } catch (error) {
    if (error instanceof WorkbookError)
      return [{ status: 'ERROR', title: 'Excel workbook', message: error.message, input: 'file' }];
    throw error;
  }
}

/** A preview lists every error cell up to this many (each is a line the person reads). */
const MAX_CELL_ERRORS = 1000;

export async function preview(values: InputValues, ctx: ScriptContext): Promise<Preview> {
  const { file, sheet, headerRow, list } = read(values);
  const records: { row: number; record: ScriptRecord; source: string }[] = [];
  const messages: Message[] = [];
  const cellErrors: Message[] = [];
  let total = 0;
  let rowsWithErrors = 0;
  let lastErrorRow = -1;
  // The whole sheet is read: a preview that said "valid" above an error cell it did not reach
  // would let the person submit a job bound to fail.
  for await (const item of sheetRecords(file.path, sheet, headerRow, list)) {
    if (item.kind === 'header') {
      messages.push(...item.messages);
      continue;
    }
    if (item.kind === 'error') {
      if (item.sheetRow !== lastErrorRow) rowsWithErrors++;
      lastErrorRow = item.sheetRow;
      if (cellErrors.length < MAX_CELL_ERRORS)
        cellErrors.push({
          status: 'ERROR',
          title: `Cell ${item.cell}`,
          message: item.message,
          cell: item.cell,
          skippable: true,
        });
    }
    if (item.kind !== 'record') continue;
    total++;
    if (records.length < ctx.previewRows)
      records.push({ row: item.loadedRow, record: item.record, source: String(item.sheetRow) });
  }
  if (headerRow > 1) {
    messages.push({
      status: 'INFO',
      title: 'Row numbers',
      message: `Rows are sheet rows. In job errors about values, rows count lines of the loaded file from the header: sheet row = row + ${headerRow - 1}.`,
    });
  }
  if (rowsWithErrors > 0) {
    messages.push(...cellErrors);
    if (cellErrors.length === MAX_CELL_ERRORS)
      messages.push({
        status: 'ERROR',
        title: 'More error cells',
        message: `Only the first ${MAX_CELL_ERRORS.toLocaleString('en-US')} error cells are listed.`,
        skippable: true,
      });
  }
  // Rows with an error cell are rows of the sheet too: "5 of 6", not "5 of 5".
  const result = recordsPreview(list, records, total + rowsWithErrors, messages);
  return { ...result, columns: ['Sheet row', ...result.columns.slice(1)] };
}

export async function* run(values: InputValues, ctx: ScriptContext): AsyncGenerator<ScriptRecord> {
  const { file, sheet, headerRow, list } = read(values);
  ctx.log('INFO', `Reading sheet "${sheet}" of ${file.name} (header in row ${headerRow}).`);
  if (headerRow > 1)
    ctx.log('INFO', `Row numbers in errors count from the header row: sheet row = row + ${headerRow - 1}.`);
  let count = 0;
  for await (const item of sheetRecords(file.path, sheet, headerRow, list)) {
    if (item.kind === 'header') {
      for (const m of item.messages)
        ctx.log(m.status === 'ERROR' ? 'ERROR' : m.status === 'WARN' ? 'WARN' : 'INFO', m.message);
    } else if (item.kind === 'error') {
      // Rows as the sheet numbers them: the user finds the cell where Excel shows it.
      ctx.problem({
        row: item.sheetRow,
        column: item.column,
        value: item.value,
        message: item.message,
        remediation: 'Fix the formula or value in Excel (or clear the cell), save, and import again.',
      });
    } else if (item.kind === 'blank') {
      // An empty line keeps the loaded file's row numbers aligned with the sheet's; blank lines are skipped by the load.
      yield [];
    } else {
      yield item.record;
      if (++count % 5000 === 0) ctx.progress(count);
    }
  }
  ctx.progress(count);
  ctx.log('INFO', `Read ${plural(count, 'record')} from sheet "${sheet}".`);
}

type SheetItem =
  | { kind: 'header'; messages: Message[] }
  | { kind: 'record'; record: Record<string, unknown>; sheetRow: number; loadedRow: number }
  | { kind: 'blank'; sheetRow: number }
  | { kind: 'error'; cell: string; column: string; value: string; message: string; sheetRow: number };

async function readHeader(path: string, sheet: string, headerRow: number): Promise<string[] | undefined> {
  const workbook = await openWorkbookFile(path);
  try {
    for await (const row of workbook.rows(sheet)) {
      if (row.number < headerRow) continue;
      if (row.number > headerRow) return undefined;
      return headerNames(workbook, row);
    }
    return undefined;
  } finally {
    await workbook.close();
  }
}

/**
 * Rows below the header as records keyed by list column; blank rows and Excel error cells are
 * reported as such. Cells become text through sheetLines, as in the import wizard's worker.
 */
async function* sheetRecords(
  path: string,
  sheet: string,
  headerRow: number,
  list: ListValue,
): AsyncGenerator<SheetItem> {
  const workbook = await openWorkbookFile(path);
  try {
    let sources: (number | undefined)[] = [];
    // Each sheet column is read for the type of the (first) list column it feeds.
    const targets = new Map<number, DataType>();
    let lastRow = headerRow;
    for await (const item of sheetLines(workbook, sheet, headerRow, (column) => targets.get(column))) {
      if (item.kind === 'header') {
        const match = matchColumns(item.names, list);
        sources = match.sources;
        for (const [i, source] of sources.entries())
          if (source !== undefined && !targets.has(source)) targets.set(source, list.columns[i]!.dataType);
        yield { kind: 'header', messages: match.messages };
        continue;
      }
      // Rows without cells are not in the sheet's file: they are blank rows of the sheet.
      for (let blank = lastRow + 1; blank < item.number; blank++) yield { kind: 'blank', sheetRow: blank };
      lastRow = item.number;
      const loadedRow = item.number - headerRow + 1;
      const record: Record<string, unknown> = {};
      let empty = true;
      let failed = false;
      for (const [i, column] of list.columns.entries()) {
        const source = sources[i];
        if (source === undefined) continue;
        const error = item.errors.find((e) => e.column === source);
        if (error) {
          failed = true;
          const letter = columnLetter(source);
          yield {
            kind: 'error',
            cell: `${letter}${item.number}`,
            column: column.name,
            value: error.value,
            sheetRow: item.number,
            message: `Sheet ${sheet}, row ${item.number}, column ${letter} ("${column.name}") shows the Excel error ${error.value}.`,
          };
          continue;
        }
        const text = item.texts[source] ?? '';
        if (text === '') continue;
        empty = false;
        record[column.name] = text;
      }
      if (failed || empty) yield { kind: 'blank', sheetRow: item.number };
      else yield { kind: 'record', record, sheetRow: item.number, loadedRow };
    }
  } finally {
    await workbook.close();
  }
}
