'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { getJob } from '@/lib/api/jobs';
import { queryKeys } from '@/lib/api/query-keys';

import { jobDidWords } from './job-words';
import { shortWhen } from './short-when';

/**
 * The notice of an import whose file has the very content of an earlier import of the list: when
 * that import ran (in the reader's zone) and what it did, with a link named by it — "see that job"
 * said nothing out of its sentence, and nothing of whether the file was loaded then.
 */
export function SameFileNotice({ earlierJobId }: { earlierJobId: string }) {
  const earlier = useQuery({ queryKey: queryKeys.job(earlierJobId), queryFn: () => getJob(earlierJobId) });
  const job = earlier.data;
  return (
    <p className="alert warn">
      This file has the same content as the{' '}
      <Link href={`/jobs/${earlierJobId}`}>
        {job ? `earlier import of ${shortWhen(job.creationTimeStamp)}` : 'earlier import'}
      </Link>{' '}
      into this list{job ? `, which ${jobDidWords(job)}` : ''}.
    </p>
  );
}
