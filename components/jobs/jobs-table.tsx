import Link from 'next/link';

import type { Job } from '@/db/schema';

type JobRow = Job & { listName?: string | null };

export function formatTime(date: Date | string | null | undefined): string {
  if (!date) return '—';
  return new Date(date).toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}

/** Jobs as a table: each links to its page. */
export function JobsTable({
  jobs,
  showList = true,
  emptyText,
}: {
  jobs: JobRow[];
  showList?: boolean;
  emptyText: string;
}) {
  if (jobs.length === 0) return <div className="card empty">{emptyText}</div>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Created</th>
          <th scope="col">Job</th>
          {showList && <th scope="col">List</th>}
          <th scope="col">State</th>
          <th scope="col">Records</th>
          <th scope="col">Errors</th>
          <th scope="col">By</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.id}>
            <td>{formatTime(job.createdAt)}</td>
            <td>
              <Link href={`/jobs/${job.id}`}>
                {job.kind === 'purge'
                  ? 'Purge'
                  : job.kind === 'restore'
                    ? `Restore of revision ${(job.inputs as { revision?: number } | null)?.revision ?? ''}`
                    : job.kind === 'custom'
                      ? `Custom: ${job.customImportId}`
                      : `Import ${job.fileName ?? ''}`}
              </Link>
            </td>
            {showList && <td>{job.listName ?? <span className="muted">(deleted list)</span>}</td>}
            <td>
              <span className={`badge ${job.state}`}>{job.state}</span>
            </td>
            <td>{(job.results.rowsRead ?? job.results.deleted ?? job.rowsProcessed ?? 0).toLocaleString('en-US')}</td>
            <td>{job.totalErrors > 0 ? job.totalErrors : ''}</td>
            <td>{job.createdByEmail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
