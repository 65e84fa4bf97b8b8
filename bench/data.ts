import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

import { seededRandom } from '../test/support/seeded-random';

/** The benchmark list: 8 columns of every common kind, keyed by id. */
export const BENCH_COLUMNS = [
  { name: 'id', dataType: 'integer', isKey: true },
  { name: 'name', dataType: 'string' },
  { name: 'email', dataType: 'string' },
  { name: 'amount', dataType: 'number' },
  { name: 'signup', dataType: 'date' },
  { name: 'active', dataType: 'boolean' },
  { name: 'city', dataType: 'string' },
  { name: 'note', dataType: 'string' },
] as const;

const FIRST = [
  'Zoë',
  'Łukasz',
  'Søren',
  'Ana',
  'José',
  'Ngozi',
  'Björn',
  'Émilie',
  'Chen',
  'Dmitrij',
  'Aïcha',
  'Kenji',
];
const LAST = ['Müller', 'García', 'Ødegård', 'Nowak', 'O’Brien', 'Çelik', 'Smith', 'Nguyễn', 'Dvořák', 'Kowalski'];
const CITIES = ['Zürich', 'São Paulo', 'Kraków', 'Malmö', 'Reykjavík', 'Lyon', 'Osaka', 'Córdoba'];

export type GenerateOptions = { rows: number; firstId?: number; seed?: number; errorEvery?: number };

type BenchRecord = {
  id: number;
  name: string;
  email: string;
  /** A decimal, or "n/a" in the rows meant to fail. */
  amount: string;
  signup: string;
  active: boolean;
  city: string;
  note: string;
  /** The note holds commas and quotes (~5% of records). */
  quoted: boolean;
};

/** The records of a bench file, the same for every format: seeded, so every run measures the same data. */
function* benchRecords(options: GenerateOptions): Generator<BenchRecord> {
  const next = seededRandom(options.seed ?? 42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const firstId = options.firstId ?? 1;
  for (let i = 0; i < options.rows; i++) {
    const id = firstId + i;
    const first = pick(FIRST);
    const last = pick(LAST);
    const amount = (next() * 100000).toFixed(2);
    const day = 1 + Math.floor(next() * 28);
    const month = 1 + Math.floor(next() * 12);
    const signup = `20${10 + Math.floor(next() * 15)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const quoted = next() < 0.05;
    const note = quoted ? `Note, with "quotes" and, commas ${id}` : `plain note ${id}`;
    const active = next() < 0.5;
    const city = pick(CITIES);
    const bad = options.errorEvery && i % options.errorEvery === options.errorEvery - 1;
    yield {
      id,
      name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${id}@example.com`,
      amount: bad ? 'n/a' : amount,
      signup,
      active,
      city,
      note,
      quoted,
    };
  }
}

/** Writes lines in 1 MB chunks; returns the bytes written. */
async function writeLines(path: string, header: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let chunk = header;
  for (const line of lines) {
    chunk += line;
    if (chunk.length > 1 << 20) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, 'finish');
  return bytes;
}

/** Writes a CSV file: header, then `rows` records; ~5% of notes are quoted with delimiters and quotes inside. */
export async function generateCsv(path: string, options: GenerateOptions): Promise<number> {
  const header = BENCH_COLUMNS.map((c) => c.name).join(',') + '\n';
  function* lines() {
    for (const r of benchRecords(options)) {
      const note = r.quoted ? `"${r.note.replaceAll('"', '""')}"` : r.note;
      yield `${r.id},${r.name},${r.email},${r.amount},${r.signup},${r.active},${r.city},${note}\n`;
    }
  }
  return writeLines(path, header, lines());
}

/** Writes the same records as JSON Lines (numbers and booleans as JSON values), for the JSON custom import. */
export async function generateJsonLines(path: string, options: GenerateOptions): Promise<number> {
  function* lines() {
    for (const { quoted: _, amount, ...r } of benchRecords(options)) {
      yield `${JSON.stringify({ ...r, amount: amount === 'n/a' ? amount : Number(amount) })}\n`;
    }
  }
  return writeLines(path, '', lines());
}
