import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { spawnTsxWorker } from '@/lib/runtime/tsx-worker';

import { listValue, tempFile } from '../testing/harness';
import type { ListValue, LogLevel } from '../types';
import type { SandboxTask } from './protocol';
import { runInSandbox, SandboxError, type SpawnWorker } from './run-in-sandbox';

const FIXTURE_ENTRY = path.join(__dirname, '..', 'testing', 'fixture-entry.ts');
const fixtures: SpawnWorker = (data, limits, env) => spawnTsxWorker(FIXTURE_ENTRY, data, limits, env);

const LIST: ListValue = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Things',
  columns: [
    { name: 'id', dataType: 'integer', isKey: true, required: true, position: 1, keyPosition: 1 },
    { name: 'name', dataType: 'string', isKey: false, required: false, position: 2, keyPosition: 0 },
  ],
};

function task(scriptId: string, method: SandboxTask['method'] = 'run'): SandboxTask {
  return { scriptId, method, values: { list: LIST }, inputsValid: true, previewRows: 20, maxRecords: 1_000_000 };
}

const LIMITS = { deadlineMs: 20_000, memoryMb: 256, maxRecords: 1_000_000 };

async function failure(promise: Promise<unknown>): Promise<SandboxError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SandboxError);
  return error as SandboxError;
}

// Each test starts a worker thread that compiles its script on start: seconds on a busy machine.
const WORKER_TEST = { timeout: 30_000 };

describe('runInSandbox (worker thread with deadline and memory bound)', WORKER_TEST, () => {
  it('streams records in order with back-pressure, forwards logs and progress, and shapes records to list columns', async () => {
    const rows: string[][] = [];
    const logs: [LogLevel, string][] = [];
    const progress: number[] = [];
    const run = runInSandbox(
      task('counter'),
      LIMITS,
      {
        onLog: (level, message) => void logs.push([level, message]),
        onProgress: (n) => void progress.push(n),
        onRecords: async (batch) => {
          await new Promise((r) => setTimeout(r, 5));
          rows.push(...batch);
        },
      },
      fixtures,
    );
    const result = await run.result;
    expect(result.recordCount).toBe(2500);
    expect(rows).toHaveLength(2500);
    expect(rows[0]).toEqual(['1', 'n1']);
    expect(rows[1]).toEqual(['2', 'n2']);
    expect(rows[2499]).toEqual(['2500', 'n2500']);
    expect(progress).toEqual([1000, 2000]);
    expect(logs[0]).toEqual(['INFO', 'producing 2500 records']);
    expect(logs.at(-1)?.[1]).toContain('"extra"');
  });

  it("reports a script's exception with its message, after the records it produced", async () => {
    const rows: string[][] = [];
    const error = await failure(
      runInSandbox(task('throws'), LIMITS, { onRecords: async (b) => void rows.push(...b) }, fixtures).result,
    );
    expect(error.kind).toBe('script');
    expect(error.message).toBe('The source system answered 503 Service Unavailable');
  });

  it('terminates a script that never finishes at the deadline', async () => {
    const started = Date.now();
    const error = await failure(
      runInSandbox(task('endless'), { ...LIMITS, deadlineMs: 1500 }, { onRecords: async () => {} }, fixtures).result,
    );
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not finish within 2 seconds/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops a script that exceeds its memory bound, without affecting this process', async () => {
    const before = process.memoryUsage().heapUsed;
    const error = await failure(
      runInSandbox(task('hog'), { ...LIMITS, memoryMb: 64 }, { onRecords: async () => {} }, fixtures).result,
    );
    expect(error.kind).toBe('memory');
    expect(error.message).toMatch(/more than 64 MB/);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('catches an exception thrown outside the awaited flow (a timer)', async () => {
    const error = await failure(
      runInSandbox(task('timer-throws'), LIMITS, { onRecords: async () => {} }, fixtures).result,
    );
    expect(error.kind).toBe('script');
    expect(error.message).toBe('thrown from a timer');
  });

  it('refuses a module with an invalid declaration and an unknown script', async () => {
    expect((await failure(runInSandbox(task('bad-declaration'), LIMITS, {}, fixtures).result)).message).toMatch(
      /is not valid: .*description/,
    );
    expect((await failure(runInSandbox(task('nope'), LIMITS, {}, fixtures).result)).message).toMatch(/not installed/);
  });

  it('stop() ends a running script (cancellation)', async () => {
    const run = runInSandbox(task('endless'), LIMITS, { onRecords: async () => {} }, fixtures);
    await new Promise((r) => setTimeout(r, 300));
    await run.stop();
    expect((await failure(run.result)).kind).toBe('stopped');
  });
});

describe('the production worker entry', WORKER_TEST, () => {
  it('runs a registered script (Excel preview) in a worker and leaves no temporary files behind', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Other').addRow(['x']);
    const sheet = wb.addWorksheet('Data');
    sheet.addRow(['id', 'name']);
    sheet.addRow([1, 'Ada']);
    const file = await tempFile('people.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    const before = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('listport-script-') || f.startsWith('tmp-'));
    const list = listValue([{ name: 'id', dataType: 'integer', isKey: true }, { name: 'name' }]);
    const run = runInSandbox(
      {
        scriptId: '0.0.1-excel-sheet',
        method: 'preview',
        values: { file, sheet: 'Data', headerRow: 1, list },
        inputsValid: true,
        previewRows: 20,
        maxRecords: 10,
      },
      LIMITS,
    );
    const result = await run.result;
    expect(result.options.sheet?.options.map((o) => o.value)).toEqual(['Other', 'Data']);
    expect(result.preview?.rows).toEqual([['2', '1', 'Ada']]);
    await new Promise((r) => setTimeout(r, 300));
    const after = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('listport-script-') || f.startsWith('tmp-'));
    expect(after.filter((f) => !before.includes(f))).toEqual([]);
    // The worker compiles the script and its libraries through tsx first: ~5 s on a busy machine.
  }, 30_000);
});
