import { OLE_SIGNATURE } from '../ole-file';

/**
 * Test helper: an OLE compound file with a 512-byte header and one directory sector listing these
 * streams — enough for the reader to tell a password-protected workbook from an old .xls.
 */
export function compoundFile(streams: string[]): Uint8Array<ArrayBuffer> {
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
  return bytes;
}
