/**
 * `node --import tsx bench/patterns.ts [--rows=1000000]`: what checking column patterns costs.
 * Reads the bench's generated file with the server's CSV reader and validates every record with
 * the list's validator, without patterns and with three (email, name, city); then tests the same
 * values with JavaScript's RegExp, as the validator did before patterns ran on RE2 (re2js).
 * Prints the median of 3 rounds of each. In-process, no server: it isolates the pattern checks.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { parseRecordsFast } from '@/lib/csv/fast-records';
import { compileColumnPattern } from '@/lib/lists/column-pattern';
import { compileRecordValidator } from '@/lib/lists/record-validator';
import type { ListColumn } from '@/lib/shared/list-column';

import { BENCH_COLUMNS, generateCsv } from './data';

const rows = Number(process.argv.find((a) => a.startsWith('--rows='))?.slice(7) ?? 1_000_000);
const PATTERNS: Record<string, string> = {
  // The published email pattern of the security issue (catastrophic on RegExp for "a@a.aaaa…!"),
  // its first class widened to letters so that every generated address matches.
  email: '([\\p{L}0-9_.-])+@(([a-zA-Z0-9-])+\\.)+([a-zA-Z0-9]{2,4})+',
  name: "\\p{L}[\\p{L} ’'.-]*",
  city: '\\p{Lu}[\\p{L} ]+',
};

function columns(withPatterns: boolean): ListColumn[] {
  return BENCH_COLUMNS.map((c, i) => ({
    name: c.name,
    dataType: c.dataType,
    position: i + 1,
    isKey: 'isKey' in c && c.isKey,
    keyPosition: 'isKey' in c && c.isKey ? 1 : 0,
    required: 'isKey' in c && c.isKey,
    ...(withPatterns && PATTERNS[c.name] && { pattern: PATTERNS[c.name] }),
    storage: `c${i + 1}`,
  }));
}

async function readRecords(file: string): Promise<string[][]> {
  const records: string[][] = [];
  async function* text() {
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }))
      yield chunk as string;
  }
  for await (const batch of parseRecordsFast(text(), { delimiter: ',' })) records.push(...batch.records);
  return records.slice(1);
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function time(run: () => number): { ms: number; result: number } {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

async function main() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-patterns-'));
  try {
    const file = path.join(dir, 'data.csv');
    await generateCsv(file, { rows });
    const records = await readRecords(file);
    const validateAll = (withPatterns: boolean) => () => {
      const validator = compileRecordValidator(columns(withPatterns));
      let invalid = 0;
      records.forEach((record, i) => {
        if (!validator.validate(record, i + 2, [])) invalid++;
      });
      return invalid;
    };
    const indexOf = (name: string) => BENCH_COLUMNS.findIndex((c) => c.name === name);
    const testsOnly = (compile: (pattern: string) => (value: string) => boolean) => () => {
      const tests = Object.entries(PATTERNS).map(([name, p]) => [indexOf(name), compile(p)] as const);
      let misses = 0;
      for (const record of records) for (const [i, test] of tests) if (!test(record[i]!)) misses++;
      return misses;
    };
    const re2 = (pattern: string) => {
      const compiled = compileColumnPattern(pattern);
      if (!compiled.ok) throw new Error(compiled.reason);
      return compiled.test;
    };
    const regexp = (pattern: string) => {
      const compiled = new RegExp(`^(?:${pattern})$`, 'u');
      return (value: string) => compiled.test(value);
    };
    const cases: [string, () => number][] = [
      ['validator, no patterns', validateAll(false)],
      ['validator, 3 patterns on RE2 (re2js)', validateAll(true)],
      ['the 3 patterns alone on RE2 (what the validator adds now)', testsOnly(re2)],
      ['the 3 patterns alone on RegExp (what the validator added before)', testsOnly(regexp)],
    ];
    console.log(`${rows.toLocaleString('en-US')} records, medians of 3 rounds:`);
    for (const [name, run] of cases) {
      const rounds = [0, 1, 2].map(() => time(run));
      console.log(
        `  ${name}: ${Math.round(median(rounds.map((r) => r.ms)))} ms (${rounds.map((r) => Math.round(r.ms)).join(', ')}; ${rounds[0]!.result} misses)`,
      );
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

void main();
