import type { Latency } from './latency';

export const CASES = {
  baseline: 'baseline: COPY FROM STDIN into the list-shaped table',
  reference: 'reference: COPY into a new table, key built after',
  import: 'API import (empty list)',
  upsert: 'API upsert, 50% existing keys',
  failing: 'API import failing at threshold (100 errors)',
  stall: 'CSV import + JSON custom import at once',
  browser: 'browser: read + validate in wizard',
  groupFix: 'browser: group fix of 10% of cells (replace)',
  groupUndo: 'browser: undo of that group fix',
};

/** One measurement of a case in one round. */
export type Sample = {
  seconds: number;
  baseline: number;
  reference?: number;
  peakRssMb?: number;
  /** Latencies of the requests probed while the case ran, by probe name. */
  latency?: Record<string, Latency>;
};

export type Row = {
  case: string;
  rows: number;
  /** Median over the rounds. */
  seconds: number;
  rowsPerSecond: number;
  /** Median of each round's time over that round's baseline. */
  ratio?: number;
  /** Lowest and highest of those ratios. */
  ratioRange?: [number, number];
  /** Median over the rounds of the server's peak RSS during the case. */
  peakRssMb?: number;
  /** The worst round's latencies of each probed request while the case ran. */
  latency?: Record<string, Latency>;
  rounds: number;
  note?: string;
};

export function report(name: string, sample: Sample): void {
  const ratio =
    name === CASES.baseline || !sample.baseline ? '' : `  ${(sample.seconds / sample.baseline).toFixed(2)}×`;
  const rss = sample.peakRssMb ? `  peak RSS ${sample.peakRssMb} MB` : '';
  const notes = [
    caseNotes(name, sample.reference ? sample.seconds / sample.reference : undefined),
    latencyNote(sample.latency),
  ]
    .filter(Boolean)
    .join('; ');
  console.log(
    `  ${name.padEnd(52)} ${sample.seconds.toFixed(2).padStart(7)} s${ratio}${rss}${notes ? `  (${notes})` : ''}`,
  );
}

/** The notes on a case's line: what its time measures, and its ratio to the new-table COPY. */
function caseNotes(name: string, referenceRatio: number | undefined): string {
  return [
    name === CASES.failing ? 'time to failed' : '',
    referenceRatio === undefined ? '' : `${referenceRatio.toFixed(2)}× the new-table COPY`,
  ]
    .filter(Boolean)
    .join('; ');
}

function latencyNote(latency: Record<string, Latency> | undefined): string {
  if (!latency) return '';
  return Object.entries(latency)
    .map(
      ([name, l]) =>
        `${name} p99 ${l.p99Ms} ms, max ${l.maxMs} ms over ${l.requests}${l.failures ? `, ${l.failures} failed` : ''}`,
    )
    .join('; ');
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(name: string, rows: number, samples: Sample[]): Row {
  const seconds = median(samples.map((s) => s.seconds));
  const ratios = samples.map((s) => s.seconds / s.baseline);
  const references = samples.flatMap((s) => (s.reference ? [s.seconds / s.reference] : []));
  const rss = samples.flatMap((s) => (s.peakRssMb ? [s.peakRssMb] : []));
  const notes = caseNotes(name, references.length ? median(references) : undefined);
  return {
    case: name,
    rows,
    seconds,
    rowsPerSecond: rows / seconds,
    ...(name !== CASES.baseline &&
      samples.every((s) => s.baseline > 0) && {
        ratio: median(ratios),
        ratioRange: [Math.min(...ratios), Math.max(...ratios)] as [number, number],
      }),
    ...(rss.length && { peakRssMb: Math.round(median(rss)) }),
    ...(samples.some((s) => s.latency) && { latency: worstLatencies(samples) }),
    rounds: samples.length,
    ...(notes && { note: notes }),
  };
}

function worstLatencies(samples: Sample[]): Record<string, Latency> {
  const worst: Record<string, Latency> = {};
  for (const sample of samples) {
    for (const [name, latency] of Object.entries(sample.latency ?? {})) {
      const seen = worst[name];
      if (!seen || latency.p99Ms > seen.p99Ms) worst[name] = latency;
    }
  }
  return worst;
}

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}\n`);
  console.log(
    '| case | rows | seconds (median) | × baseline (median, range) | server peak RSS | health p99 / max | lists p99 / max | note |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const ratio =
      r.ratio === undefined
        ? ''
        : r.rounds > 1 && r.ratioRange
          ? `${r.ratio.toFixed(2)} (${r.ratioRange[0].toFixed(2)}–${r.ratioRange[1].toFixed(2)})`
          : r.ratio.toFixed(2);
    const latency = (name: string) => {
      const l = r.latency?.[name];
      return l ? `${l.p99Ms} / ${l.maxMs} ms${l.failures ? ` (${l.failures} failed)` : ''}` : '';
    };
    console.log(
      `| ${r.case} | ${r.rows.toLocaleString('en-US')} | ${r.seconds.toFixed(2)} | ${ratio} | ${r.peakRssMb ? `${r.peakRssMb} MB` : ''} | ${latency('health')} | ${latency('lists')} | ${r.note ?? ''} |`,
    );
  }
  const growth = [CASES.import, CASES.upsert, CASES.failing].flatMap((name) => {
    const at = (n: number) => rows.find((r) => r.case === name && r.rows === n)?.peakRssMb;
    const [small, large] = [at(1_000_000), at(5_000_000)];
    return small && large ? [`${name.replace(/^API /, '')} ${large - small >= 0 ? '+' : ''}${large - small} MB`] : [];
  });
  if (growth.length) console.log(`\nServer peak RSS growth from 1M to 5M rows: ${growth.join(', ')}`);
}
