import { describe, expect, it } from 'vitest';

import { OLE_SIGNATURE, oleKind } from './ole-file';
import { sizeOfRange } from './sheet-dimension';
import { compoundFile } from './testing/build-ole';
import { openWorkbook, WorkbookError } from './workbook';

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
    expect(await oleKind(new Blob([compoundFile(['\u0006DataSpaces', 'EncryptionInfo', 'EncryptedPackage'])]))).toBe(
      'encrypted-workbook',
    );
    expect(await oleKind(new Blob([compoundFile(['Workbook', '\u0005SummaryInformation'])]))).toBe('old-excel');
    expect(await oleKind(new Blob([compoundFile(['WordDocument'])]))).toBe('unknown');
    expect(await oleKind(new Blob([new Uint8Array(OLE_SIGNATURE)]))).toBe('unknown');
  });

  it('says what to do with each, in plain words', async () => {
    expect(await messageOf(new Blob([compoundFile(['EncryptionInfo', 'EncryptedPackage'])]))).toMatch(
      /protected with a password.*remove the password/,
    );
    expect(await messageOf(new Blob([compoundFile(['Workbook'])]))).toMatch(
      /older Excel workbook \(\.xls.*save it as.*\.xlsx.*CSV/,
    );
  });
});

describe('sizeOfRange', () => {
  it('counts the rows and columns of a sheet’s used range', () => {
    expect(sizeOfRange('A1:E250')).toEqual({ rows: 250, columns: 5 });
    expect(sizeOfRange('B3:C7')).toEqual({ rows: 5, columns: 2 });
    expect(sizeOfRange('A1')).toEqual({ rows: 1, columns: 1 });
    expect(sizeOfRange('AA2:AB2')).toEqual({ rows: 1, columns: 2 });
    expect(sizeOfRange('$A$1:$XFD$1048576')).toEqual({ rows: 1_048_576, columns: 16_384 });
    expect(sizeOfRange(undefined)).toBeUndefined();
    expect(sizeOfRange('nonsense')).toBeUndefined();
  });
});
