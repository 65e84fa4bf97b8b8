import type { Job } from '@/db/schema';

/** "Import of customers.xlsx": a job named by the file the person chose, not the one made from it. */
export function jobTitle(
  job: Pick<Job, 'kind' | 'customImportId' | 'fileName'> & {
    originalFileName?: string | null;
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
  if (job.kind === 'custom') return `Custom import ${job.customImportId ?? ''}`.trim();
  return `Import of ${job.originalFileName ?? job.fileName ?? 'a file'}`;
}

/** What a job did to the list, in words: a failed or cancelled job loaded nothing, whatever it read. */
export function jobOutcomeWords(job: Pick<Job, 'kind' | 'state' | 'results'>): string {
  const n = (count: number | undefined) => (count ?? 0).toLocaleString('en-US');
  if (job.state !== 'completed') return job.kind === 'purge' ? '0 removed' : '0 loaded';
  if (job.kind === 'purge') return `${n(job.results.deleted)} removed`;
  return `${n(job.results.rowsRead)} loaded`;
}
