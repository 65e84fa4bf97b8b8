/**
 * A workbook that cannot be read, said in plain words: what is wrong and what to do. Never a
 * library's own error text (a user cannot act on "Cannot read properties of undefined").
 */
export class WorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookError';
  }
}

export const SAVE_AS_XLSX =
  'Open it in Excel (or LibreOffice) and save it as "Excel Workbook (.xlsx)", then choose that file.';

export const notAWorkbook = () =>
  new WorkbookError(
    `The file is not an Excel workbook (.xlsx) that can be read: it is not a zip archive of a workbook. An older .xls file, or a CSV file renamed to .xlsx, cannot be read. ${SAVE_AS_XLSX}`,
  );

export const oldExcelWorkbook = () =>
  new WorkbookError(
    'The file is an older Excel workbook (.xls, Excel 97–2003), which cannot be read here. Open it in Excel (or LibreOffice) and save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8", then choose that file.',
  );

export const encryptedWorkbook = () =>
  new WorkbookError(
    'The workbook is protected with a password, so its contents cannot be read. In Excel, remove the password (File → Info → Protect Workbook → Encrypt with Password, then clear it), save, and choose the file again.',
  );

/** `what` completes "The workbook is damaged: …", e.g. "its part xl/worksheets/sheet1.xml cannot be unpacked". */
export const damagedWorkbook = (what: string) => new WorkbookError(`The workbook is damaged: ${what}. ${SAVE_AS_XLSX}`);

export const noWorkbookPart = () =>
  new WorkbookError(
    `The file is a zip archive but not an Excel workbook: it has no workbook part (xl/workbook.xml). ${SAVE_AS_XLSX}`,
  );

export const tooMuchSharedText = () =>
  new WorkbookError(
    'The workbook holds more text than can be read from a workbook here (over 5 million different texts, or 256 MB). Open it in Excel (or LibreOffice), save the sheet as "CSV UTF-8", and import that file instead: CSV files have no such limit.',
  );
