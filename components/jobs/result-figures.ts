/** The figures of a finished job's results, in the order they are shown, with the words for them. */
const RESULT_FIGURES = {
  rowsRead: 'Records read',
  rowsLeftOut: 'Rows left out',
  inserted: 'New',
  updated: 'Updated',
  unchanged: 'Unchanged',
  deleted: 'Removed',
  recordCount: 'Records in list now',
} as const;

export type ResultFigure = { key: keyof typeof RESULT_FIGURES; label: string; value: number };

/** The figures a job's results give (a purge has no rows read, only a wizard import rows left out). */
export function resultFigures(results: Record<string, unknown>): ResultFigure[] {
  return (Object.keys(RESULT_FIGURES) as ResultFigure['key'][])
    .filter((key) => results[key] !== undefined)
    .map((key) => ({ key, label: RESULT_FIGURES[key], value: Number(results[key]) }));
}
