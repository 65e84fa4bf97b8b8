'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

import { getJob } from '@/lib/api/jobs';
import { queryKeys } from '@/lib/api/query-keys';
import type { JobProgress } from '@/lib/shared/job-progress';

import { JobProgressBar } from './job-progress-bar';
import { useRefreshListWhenJobEnds } from './use-refresh-list-when-job-ends';

const ACTIVE = new Set(['pending', 'running']);

/**
 * A waiting or running job's progress in a table row, followed every second; when the job ends the
 * page is refreshed so that its row shows the outcome.
 */
export function LiveJobProgress({
  jobId,
  label,
  initial,
}: {
  jobId: string;
  label: string;
  initial: JobProgress | null;
}) {
  const router = useRouter();
  const job = useQuery({
    queryKey: queryKeys.job(jobId),
    queryFn: () => getJob(jobId),
    refetchInterval: (query) => (query.state.data && !ACTIVE.has(query.state.data.state) ? false : 1000),
  });
  useRefreshListWhenJobEnds(job.data);
  const ended = job.data !== undefined && !ACTIVE.has(job.data.state);
  useEffect(() => {
    if (ended) router.refresh();
  }, [ended, router]);
  const progress = job.data?.progress ?? initial;
  if (!progress) return null;
  return <JobProgressBar progress={progress} label={label} compact />;
}
