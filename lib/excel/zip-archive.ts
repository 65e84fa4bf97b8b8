import { BlobReader, configure, ZipReader, type Entry, type FileEntry } from '@zip.js/zip.js/index-native.js';

import { isOleFile, oleKind } from './ole-file';
import { damagedWorkbook, encryptedWorkbook, notAWorkbook, oldExcelWorkbook } from './workbook-error';

// Decompression runs where the caller runs (the wizard's worker, a job), with the platform's own
// DecompressionStream: no extra workers, no WebAssembly to bundle.
configure({ useWebWorkers: false, useCompressionStream: true });

/**
 * Parts read whole (workbook, relationships, styles) are small in real workbooks — kilobytes, a few
 * megabytes for heavy styling. The bound keeps a hostile archive (a zip bomb, a part lying about its
 * size) from filling the memory of the server or the tab.
 */
const MAX_WHOLE_PART_CHARS = 32 * 1024 * 1024;

export type ZipArchive = {
  /** Whether a part exists (part names are case-insensitive in a workbook). */
  has(path: string): boolean;
  /** A part's text, whole: for the small parts (workbook, relationships, styles). */
  text(path: string): Promise<string>;
  /**
   * A part's text in chunks as it is unpacked: for sheets and shared strings, which can be large.
   * `onProgress` gets the part's bytes read so far and in all, unpacked (a sheet's reading progress).
   */
  textChunks(path: string, onProgress?: (done: number, total: number) => void): AsyncGenerator<string>;
  close(): Promise<void>;
};

/**
 * Opens a zip archive by its central directory (at the end of the file), so parts are found
 * wherever they are stored: the order of parts inside the zip does not matter, and only the parts
 * asked for are read. The Blob is a browser File or, in Node, fs.openAsBlob(path): neither is
 * read whole.
 */
export async function openZip(blob: Blob): Promise<ZipArchive> {
  const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  // An encrypted .xlsx and an old .xls are both OLE compound files, not zip archives.
  if (isOleFile(head)) throw (await oleKind(blob)) === 'old-excel' ? oldExcelWorkbook() : encryptedWorkbook();
  const reader = new ZipReader(new BlobReader(blob));
  let entries: Entry[];
  try {
    entries = await reader.getEntries();
  } catch {
    throw notAWorkbook();
  }
  const byName = new Map<string, FileEntry>();
  for (const entry of entries) if (!entry.directory) byName.set(entry.filename.replace(/^\//, '').toLowerCase(), entry);
  const entryFor = (path: string) => {
    const entry = byName.get(path.replace(/^\//, '').toLowerCase());
    if (!entry) throw damagedWorkbook(`its part ${path} is missing`);
    if (entry.encrypted) throw encryptedWorkbook();
    return entry;
  };

  async function* textChunks(path: string, onProgress?: (done: number, total: number) => void): AsyncGenerator<string> {
    const entry = entryFor(path);
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const unpacked = entry.getData(writable).catch(() => {
      throw damagedWorkbook(`its part ${path} cannot be unpacked`);
    });
    unpacked.catch(() => {}); // awaited below; the read loop reports the failure first
    const chunks = readable.getReader();
    const decoder = new TextDecoder('utf-8');
    let unpackedBytes = 0;
    try {
      for (;;) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await chunks.read();
        } catch {
          throw damagedWorkbook(`its part ${path} cannot be unpacked`);
        }
        if (next.done) break;
        // By the bytes handed on to be parsed: the unpacking itself runs ahead of the parsing.
        unpackedBytes += next.value.byteLength;
        onProgress?.(unpackedBytes, Math.max(unpackedBytes, entry.uncompressedSize));
        yield decoder.decode(next.value, { stream: true });
      }
      const rest = decoder.decode();
      if (rest) yield rest;
      await unpacked;
    } finally {
      // A consumer that stops early (the header row was all it needed) ends the unpacking.
      await chunks.cancel().catch(() => {});
    }
  }

  return {
    has: (path) => byName.has(path.replace(/^\//, '').toLowerCase()),
    text: async (path) => {
      const tooLarge = () => damagedWorkbook(`its part ${path} is too large to be a real workbook's`);
      if (entryFor(path).uncompressedSize > MAX_WHOLE_PART_CHARS) throw tooLarge();
      let text = '';
      for await (const chunk of textChunks(path)) {
        text += chunk;
        if (text.length > MAX_WHOLE_PART_CHARS) throw tooLarge();
      }
      return text;
    },
    textChunks,
    close: () => reader.close().catch(() => {}),
  };
}
