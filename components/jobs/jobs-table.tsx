import Link from 'next/link';

import { LocalTime } from '@/components/ui/local-time';
import { ScrollTable } from '@/components/ui/side-scroll';
import type { Job } from '@/db/schema';
import { unmeasured } from '@/lib/shared/progress-words';

import { errorCountWords, jobOutcomeWords, jobTitle } from './job-words';
import { LiveJobProgress } from './live-job-progress';

type JobRow = Job & { listName?: string | null };

/**
 * Jobs as a table: each links to its page; a running job shows its progress live. The state comes
 * first, beside the job's name: on a phone the table scrolls sideways, and what a person looks for
 * (did it work?) must not sit under the scroll shadow.
 */
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
    <ScrollTable label="Jobs">
      <table>
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Job</th>
            <th scope="col">Created</th>
            {showList && <th scope="col">List</th>}
            <th scope="col">Records</th>
            <th scope="col">Errors</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id}>
              <td>
                <span className={`badge ${job.state}`}>{job.state}</span>
              </td>
              <td>
                <Link href={`/jobs/${job.id}`}>{jobTitle(job)}</Link>
              </td>
              <td>
                <LocalTime value={job.createdAt} />
              </td>
              {showList && <td>{job.listName ?? <span className="muted">(deleted list)</span>}</td>}
              <td>
                {job.state === 'pending' || job.state === 'running' ? (
                  <LiveJobProgress
                    jobId={job.id}
                    label={`Progress of ${jobTitle(job)}`}
                    initial={job.state === 'running' ? job.progress : unmeasured('waiting')}
                  />
                ) : (
                  jobOutcomeWords(job)
                )}
              </td>
              <td>{errorCountWords(job)}</td>
              <td>{job.createdByEmail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
