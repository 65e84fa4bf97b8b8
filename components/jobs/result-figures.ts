import type { JobKind } from '@/db/schema';

/** The figures of a finished job's results, in the order they are shown, with the words for them. */
const RESULT_FIGURES = {
  rowsRead: 'Records read',
  rowsLeftOut: 'Rows left out',
  inserted: 'New',
  updated: 'Updated',
  unchanged: 'Unchanged',
  deleted: 'Removed',
  recordCount: 'Records in list after this import',
} as const;

/** A job's recordCount is the list's count when it completed, not now: later loads change the list. */
const AFTER_THIS: Record<JobKind, string> = {
  import: 'Records in list after this import',
  custom: 'Records in list after this import',
  purge: 'Records in list after this purge',
  restore: 'Records in list after this restore',
};

export type ResultFigure = { key: keyof typeof RESULT_FIGURES; label: string; value: number };

/** The figures a job's results give (a purge has no rows read, only a wizard import rows left out). */
export function resultFigures(results: Record<string, unknown>, kind: JobKind = 'import'): ResultFigure[] {
  return (Object.keys(RESULT_FIGURES) as ResultFigure['key'][])
    .filter((key) => results[key] !== undefined)
    .map((key) => ({
      key,
      label: key === 'recordCount' ? AFTER_THIS[kind] : RESULT_FIGURES[key],
      value: Number(results[key]),
    }));
}
