import fs from 'node:fs';

import { openWorkbook, type Workbook } from './workbook';
import { WorkbookError } from './workbook-error';

/** Opens a workbook on disk without reading it whole (Node: a Blob backed by the file). */
export async function openWorkbookFile(path: string): Promise<Workbook> {
  let blob: Blob;
  try {
    blob = await fs.openAsBlob(path);
  } catch {
    throw new WorkbookError('The uploaded workbook is no longer on the server. Choose the file again.');
  }
  return openWorkbook(blob);
}
