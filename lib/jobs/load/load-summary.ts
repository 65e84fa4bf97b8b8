import type { LoadCounts } from '@/db/queries/list-load/load-counts';

/** The job log's line for a completed load, e.g. "Loaded 3 records in 0.2 s: 1 new, 2 updated, 0 unchanged, 0 removed." */
export function loadSummary(rowsRead: number, counts: LoadCounts, seconds?: string): string {
  const n = (count: number) => count.toLocaleString('en-US');
  const { inserted, updated, unchanged, deleted } = counts;
  const records = rowsRead === 1 ? '1 record' : `${n(rowsRead)} records`;
  return `Loaded ${records}${seconds === undefined ? '' : ` in ${seconds} s`}: ${n(inserted)} new, ${n(updated)} updated, ${n(unchanged)} unchanged, ${n(deleted)} removed.`;
}
