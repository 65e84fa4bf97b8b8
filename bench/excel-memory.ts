/**
 * `npm run bench:excel`: peak memory and speed of reading a large .xlsx with the shared reader
 * (lib/excel, what the Excel import and the wizard run), against ExcelJS's streaming reader (what
 * Listport used before). Writes a workbook of about 50 MB (--mb=N to change) under bench/data/,
 * then reads every row of it in a fresh process per reader and reports the process's peak RSS.
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const dataDir = path.join(process.cwd(), 'bench', 'data');
const targetMb = Number(process.argv.find((a) => a.startsWith('--mb='))?.slice(5) ?? 50);
const file = path.join(dataDir, `workbook-${targetMb}mb.xlsx`);

const SHARED = 50_000;

/**
 * Writes the workbook with ExcelJS's streaming writer (shared strings, a date style), so both
 * readers can read it: 8 columns of an id, two repeated texts, a decimal, a date, a boolean, a
 * unique text and an integer. ExcelJS stores xl/workbook.xml after the sheets.
 */
async function writeWorkbook(rows: number): Promise<void> {
  const ExcelJS = (await import('exceljs')).default;
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = writer.addWorksheet('Products');
  sheet.columns = [
    { key: 'id' },
    { key: 'name' },
    { key: 'city' },
    { key: 'amount' },
    { key: 'since', style: { numFmt: 'yyyy-mm-dd' } },
    { key: 'active' },
    { key: 'note' },
    { key: 'count' },
  ];
  for (let r = 1; r <= rows; r++) {
    sheet
      .addRow({
        id: r,
        name: `Customer name ${r % SHARED} Zoë Ødegård`,
        city: `City ${(r * 7) % 500}`,
        amount: ((r * 37) % 100000) / 100,
        since: new Date(Date.UTC(2000, 0, 1 + (r % 9000))),
        active: r % 2 === 0,
        note: `note ${r}`,
        count: r * 3,
      })
      .commit();
  }
  sheet.commit();
  await writer.commit();
}

/** Child process: read every row with one reader, then print rows, seconds and peak RSS (VmHWM). */
async function readAll(reader: string): Promise<void> {
  const started = performance.now();
  let rows = 0;
  let cells = 0;
  if (reader === 'listport') {
    const { openWorkbookFile } = await import('../lib/excel/open-workbook-file');
    const workbook = await openWorkbookFile(file);
    for await (const row of workbook.rows('Products')) {
      rows++;
      for (const cell of row.cells) if ('text' in workbook.text(cell)) cells++;
    }
    await workbook.close();
  } else {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {
      sharedStrings: 'cache',
      styles: 'cache',
      worksheets: 'emit',
    }) as unknown as AsyncIterable<AsyncIterable<{ cellCount: number; getCell(i: number): { value: unknown } }>>;
    try {
      for await (const sheet of workbook) {
        for await (const row of sheet) {
          rows++;
          for (let i = 1; i <= row.cellCount; i++) if (row.getCell(i).value !== undefined) cells++;
        }
      }
    } catch (error) {
      console.log(JSON.stringify({ failed: error instanceof Error ? error.message : String(error) }));
      return;
    }
  }
  const status = await fs.readFile('/proc/self/status', 'utf8');
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  console.log(JSON.stringify({ rows, cells, seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024 }));
}

async function main() {
  const child = process.argv.find((a) => a.startsWith('--read='));
  if (child) return readAll(child.slice('--read='.length));
  await fs.mkdir(dataDir, { recursive: true });
  const rows = Math.round((targetMb * 1024 * 1024) / 45); // ~45 compressed bytes per row, measured
  if (!(await fs.stat(file).catch(() => undefined))) {
    console.log(`Writing ${file} (${rows.toLocaleString('en-US')} rows)…`);
    await writeWorkbook(rows);
  }
  const size = (await fs.stat(file)).size;
  console.log(`Workbook: ${(size / 1024 / 1024).toFixed(1)} MB.`);
  for (const reader of ['listport', 'exceljs']) {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', __filename, `--read=${reader}`, `--mb=${targetMb}`],
      {
        maxBuffer: 1024 * 1024,
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    console.log(
      result.failed
        ? `${reader}: failed — ${result.failed}`
        : `${reader}: ${result.rows.toLocaleString('en-US')} rows, ${result.cells.toLocaleString('en-US')} cells in ${result.seconds.toFixed(1)} s; peak RSS ${result.peakMb.toFixed(0)} MB`,
    );
  }
}

void main();
