import { describe, expect, it } from 'vitest';

import { OLE_SIGNATURE, oleKind } from './ole-file';
import { rowsOfRange } from './sheet-dimension';
import { openWorkbook, WorkbookError } from './workbook';

/** A compound file with a 512-byte header and one directory sector listing these streams. */
function compoundFile(streams: string[]): Blob {
  const bytes = new Uint8Array(1024);
  bytes.set(OLE_SIGNATURE, 0);
  const view = new DataView(bytes.buffer);
  view.setUint16(0x1e, 9, true); // 512-byte sectors
  view.setUint32(0x30, 0, true); // the directory is sector 0, right after the header
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const entry = 512 + i * 128;
    for (let c = 0; c < name.length; c++) view.setUint16(entry + c * 2, name.charCodeAt(c), true);
    view.setUint16(entry + 0x40, (name.length + 1) * 2, true);
  });
  return new Blob([bytes]);
}

async function messageOf(blob: Blob): Promise<string> {
  const error = await openWorkbook(blob).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkbookError);
  return (error as Error).message;
}

describe('OLE compound files: a password-protected workbook or an old .xls', () => {
  it('tells them apart by their streams', async () => {
    expect(await oleKind(compoundFile(['\u0006DataSpaces', 'EncryptionInfo', 'EncryptedPackage']))).toBe(
      'encrypted-workbook',
    );
    expect(await oleKind(compoundFile(['Workbook', '\u0005SummaryInformation']))).toBe('old-excel');
    expect(await oleKind(compoundFile(['WordDocument']))).toBe('unknown');
    expect(await oleKind(new Blob([new Uint8Array(OLE_SIGNATURE)]))).toBe('unknown');
  });

  it('says what to do with each, in plain words', async () => {
    expect(await messageOf(compoundFile(['EncryptionInfo', 'EncryptedPackage']))).toMatch(
      /protected with a password.*remove the password/,
    );
    expect(await messageOf(compoundFile(['Workbook']))).toMatch(
      /older Excel workbook \(\.xls.*save it as.*\.xlsx.*CSV/,
    );
  });
});

describe('rowsOfRange', () => {
  it('counts the rows of a sheet’s used range', () => {
    expect(rowsOfRange('A1:E250')).toBe(250);
    expect(rowsOfRange('B3:C7')).toBe(5);
    expect(rowsOfRange('A1')).toBe(1);
    expect(rowsOfRange('$A$1:$XFD$1048576')).toBe(1_048_576);
    expect(rowsOfRange(undefined)).toBeUndefined();
    expect(rowsOfRange('nonsense')).toBeUndefined();
  });
});
