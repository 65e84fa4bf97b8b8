import type { Job } from '@/db/schema';
import { plural } from '@/lib/shared/plural';

/** "Import of customers.xlsx": a job named by the file the person chose, not the one made from it. */
export function jobTitle(
  job: Pick<Job, 'kind' | 'customImportId' | 'fileName'> & {
    originalFileName?: string | null;
    /** A custom import's script title (the job resource's customImportTitle). */
    customImportTitle?: string | null;
    /** A restore's revision (the job resource's restoreRevision, a job row's inputs.revision). */
    restoreRevision?: number | null;
    inputs?: unknown;
  },
): string {
  if (job.kind === 'purge') return 'Purge';
  if (job.kind === 'restore') {
    const revision = job.restoreRevision ?? (job.inputs as { revision?: number } | null | undefined)?.revision;
    return `Restore of revision ${revision ?? ''}`.trim();
  }
  if (job.kind === 'custom')
    return job.customImportTitle
      ? `Custom import “${job.customImportTitle}”`
      : `Custom import ${job.customImportId ?? ''}`.trim();
  return `Import of ${job.originalFileName ?? job.fileName ?? 'a file'}`;
}

/** What a job did to the list, in words: a failed or cancelled job loaded nothing, whatever it read. */
export function jobOutcomeWords(job: Pick<Job, 'kind' | 'state' | 'results'>): string {
  const n = (count: number | undefined) => (count ?? 0).toLocaleString('en-US');
  // "0 loaded" read as if part of it had run: a failed or cancelled job changed nothing.
  if (job.state !== 'completed') return job.kind === 'purge' ? 'nothing removed' : 'nothing loaded';
  if (job.kind === 'purge') return `${n(job.results.deleted)} removed`;
  return `${n(job.results.rowsRead)} loaded`;
}

type ErrorCounted = { totalErrors: number; results: { stoppedAtErrorThreshold?: unknown } | null };

/** Checking stopped at the job's error threshold: its errors are the first ones, maybe not all. */
function stoppedAtThreshold(job: ErrorCounted): boolean {
  return job.results?.stoppedAtErrorThreshold === true;
}

/** A job's error count for a table cell: "5", or "5+" when checking stopped at the limit of 5. */
export function errorCountWords(job: ErrorCounted): string {
  if (job.totalErrors === 0) return '';
  return `${job.totalErrors.toLocaleString('en-US')}${stoppedAtThreshold(job) ? '+' : ''}`;
}

/**
 * The headline of a failed job's errors. When checking stopped at the error threshold the file may
 * have many more than were listed, so the count is a floor and the headline says why.
 */
export function jobErrorsHeadline(job: ErrorCounted): string {
  const count = job.totalErrors.toLocaleString('en-US');
  if (stoppedAtThreshold(job))
    return `At least ${plural(job.totalErrors, 'error')} — checking stopped at the limit of ${count}; nothing was loaded`;
  return `${plural(job.totalErrors, 'error')} — nothing was loaded`;
}

/** What a job did, to follow "which": "completed and loaded 1 record", "failed: nothing was loaded". */
export function jobDidWords(job: { state: Job['state']; results: { rowsRead?: unknown } | null }): string {
  switch (job.state) {
    case 'completed': {
      const rows = job.results?.rowsRead;
      return typeof rows === 'number' ? `completed and loaded ${plural(rows, 'record')}` : 'completed';
    }
    case 'failed':
      return 'failed: nothing was loaded';
    case 'cancelled':
      return 'was cancelled: nothing was loaded';
    case 'running':
      return 'is still running';
    default:
      return 'has not started yet';
  }
}
