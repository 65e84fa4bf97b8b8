'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { JobProgressBar } from '@/components/jobs/job-progress-bar';
import { jobErrorsHeadline } from '@/components/jobs/job-words';
import { resultFigures } from '@/components/jobs/result-figures';
import { useRefreshListWhenJobEnds } from '@/components/jobs/use-refresh-list-when-job-ends';
import { ErrorMessage } from '@/components/ui/error-message';
import { getJob } from '@/lib/api/jobs';
import { queryKeys } from '@/lib/api/query-keys';

const ACTIVE = new Set(['pending', 'running']);

/** The submitted job, followed until it ends: state, counts, errors with remediation, and its page. */
export function JobStatus({ jobId }: { jobId: string }) {
  const job = useQuery({
    queryKey: queryKeys.job(jobId),
    queryFn: () => getJob(jobId),
    refetchInterval: (query) => (query.state.data && !ACTIVE.has(query.state.data.state) ? false : 1000),
  });
  useRefreshListWhenJobEnds(job.data);
  if (job.error) return <ErrorMessage error={job.error} />;
  if (!job.data) return <p role="status">Loading the job…</p>;
  const j = job.data;
  const results = j.results as Record<string, number | string | undefined>;
  return (
    <div className="stack">
      <p className="row">
        <span>Job</span>
        <span className={`badge ${j.state}`} role="status" aria-live="polite" aria-label={`Job state: ${j.state}`}>
          {j.state}
        </span>
        <span className="spacer" />
        <Link href={`/jobs/${j.id}`}>Open the job page</Link>
      </p>
      {j.progress && <JobProgressBar progress={j.progress} label="Progress of this job" />}
      {j.state === 'completed' && (
        <p className="alert ok">
          {resultFigures(results, 'custom')
            .map(({ label, value }) => `${label}: ${value.toLocaleString('en-US')}`)
            .join(' · ')}
        </p>
      )}
      {j.errors.length > 0 && (
        <section className="stack" aria-labelledby="job-errors">
          <h3 id="job-errors" style={{ margin: 0 }}>
            {jobErrorsHeadline(j)}
          </h3>
          <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {j.errors.slice(0, 20).map((e) => (
              <li key={e.id} className="alert error">
                <strong>{e.message}</strong> {e.remediation}
              </li>
            ))}
          </ul>
          {j.totalErrors > 20 && <p className="hint">The job page lists all of them.</p>}
        </section>
      )}
    </div>
  );
}
