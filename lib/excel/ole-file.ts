/**
 * An OLE compound file (the container of old Office files) is either a workbook protected with a
 * password — Excel wraps an encrypted .xlsx in one, with streams "EncryptionInfo" and
 * "EncryptedPackage" — or an old binary .xls, whose stream is "Workbook" ("Book" before Excel 97).
 * The stream names are in the directory, a few sectors found through the file's header: only those
 * bytes are read.
 */

/** The first bytes of an OLE compound file. */
export const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isOleFile(head: Uint8Array): boolean {
  return OLE_SIGNATURE.every((byte, i) => head[i] === byte);
}

export type OleKind = 'encrypted-workbook' | 'old-excel' | 'unknown';

const ENTRY_BYTES = 128;
/** Directory sectors read: the streams of these files are listed in the first one or two. */
const DIRECTORY_SECTORS = 4;

export async function oleKind(blob: Blob): Promise<OleKind> {
  const header = new DataView(await blob.slice(0, 512).arrayBuffer());
  if (header.byteLength < 512) return 'unknown';
  const sectorShift = header.getUint16(0x1e, true);
  if (sectorShift !== 9 && sectorShift !== 12) return 'unknown';
  const sectorSize = 1 << sectorShift;
  const firstDirectorySector = header.getUint32(0x30, true);
  const start = (firstDirectorySector + 1) * sectorSize;
  const directory = new DataView(await blob.slice(start, start + DIRECTORY_SECTORS * sectorSize).arrayBuffer());
  const names = new Set<string>();
  for (let offset = 0; offset + ENTRY_BYTES <= directory.byteLength; offset += ENTRY_BYTES) {
    const nameBytes = directory.getUint16(offset + 0x40, true);
    if (nameBytes < 2 || nameBytes > 64) continue;
    let name = '';
    for (let i = 0; i < nameBytes / 2 - 1; i++) name += String.fromCharCode(directory.getUint16(offset + i * 2, true));
    names.add(name);
  }
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) return 'encrypted-workbook';
  if (names.has('Workbook') || names.has('Book')) return 'old-excel';
  return 'unknown';
}
