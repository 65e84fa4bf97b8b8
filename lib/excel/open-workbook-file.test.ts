import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

import { openWorkbookFile } from './open-workbook-file';
import { WorkbookError } from './workbook-error';

const listSheets = async (file: string) => (await openWorkbookFile(file)).sheets;

const dir = fs.mkdtemp(path.join(os.tmpdir(), 'listport-workbook-'));
afterAll(async () => fs.rm(await dir, { recursive: true, force: true }));

const WORKBOOK_XML =
  '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>' +
  '<sheet name="Big &amp; wide" sheetId="1" r:id="rId1"/><sheet name="Hidden" sheetId="2" state="hidden" r:id="rId2"/>' +
  '</sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>' +
  '</Relationships>';

type Part = { name: string; data?: Buffer; storedSize?: number; declaredSize?: number };

/**
 * Writes a ZIP archive with stored (uncompressed) parts. A part given by `storedSize` only is a
 * hole in a sparse file: the archive can be gigabytes long while taking no space on disk.
 */
async function writeZip(file: string, parts: Part[]): Promise<void> {
  const handle = await fs.open(file, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  try {
    for (const part of parts) {
      const name = Buffer.from(part.name);
      const size = part.data?.length ?? part.storedSize ?? 0;
      const declared = part.declaredSize ?? size;
      const crc = part.data ? zlib.crc32(part.data) : 0;
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(size, 18);
      local.writeUInt32LE(declared, 22);
      local.writeUInt16LE(name.length, 26);
      await handle.write(Buffer.concat([local, name]), 0, 30 + name.length, offset);
      if (part.data) await handle.write(part.data, 0, part.data.length, offset + 30 + name.length);
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(20, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt32LE(crc, 16);
      entry.writeUInt32LE(size, 20);
      entry.writeUInt32LE(declared, 24);
      entry.writeUInt16LE(name.length, 28);
      entry.writeUInt32LE(offset, 42);
      central.push(entry, name);
      offset += 30 + name.length + size;
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(parts.length, 8);
    end.writeUInt16LE(parts.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    await handle.write(Buffer.concat([directory, end]), 0, directory.length + 22, offset);
  } finally {
    await handle.close();
  }
}

describe('openWorkbookFile lists the sheets without reading the workbook', () => {
  it('lists the sheets of a 3 GB workbook, reading only its directory and workbook.xml', async () => {
    // Reading the whole file (as JSZip did, into memory outside the script's heap limit) would
    // fail here: Node refuses files over 2 GiB, and a gigabyte per preview exhausted the machine.
    const file = path.join(await dir, 'huge.xlsx');
    await writeZip(file, [
      { name: 'xl/worksheets/sheet1.xml', storedSize: 3 * 1024 ** 3 },
      { name: 'xl/worksheets/sheet2.xml', data: Buffer.from('<worksheet/>') },
      { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK_XML) },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
    ]);
    expect((await fs.stat(file)).size).toBeGreaterThan(3 * 1024 ** 3);
    expect(await listSheets(file)).toEqual([
      { name: 'Big & wide', hidden: false },
      { name: 'Hidden', hidden: true },
    ]);
  });

  it('refuses a workbook.xml larger than it claims to be (a zip bomb) or than any real one', async () => {
    const lying = path.join(await dir, 'lying.xlsx');
    await writeZip(lying, [{ name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK_XML), declaredSize: 10 }]);
    await expect(listSheets(lying)).rejects.toThrow(WorkbookError);
    const huge = path.join(await dir, 'huge-xml.xlsx');
    await writeZip(huge, [{ name: 'xl/workbook.xml', storedSize: 64 * 1024 * 1024 }]);
    await expect(listSheets(huge)).rejects.toThrow(/too large/);
  });

  it('explains a file that is not a workbook', async () => {
    const notZip = path.join(await dir, 'not.xlsx');
    await fs.writeFile(notZip, 'id,name\n1,a\n');
    await expect(listSheets(notZip)).rejects.toThrow(/not an Excel workbook/);
    const noWorkbook = path.join(await dir, 'empty.xlsx');
    await writeZip(noWorkbook, [{ name: 'docProps/app.xml', data: Buffer.from('<x/>') }]);
    await expect(listSheets(noWorkbook)).rejects.toThrow(/no workbook part/);
  });
});
