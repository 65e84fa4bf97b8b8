'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { queryKeys } from '@/lib/api/query-keys';

const ACTIVE = new Set(['pending', 'running']);

/**
 * A job being watched that has ended (or is seen ended on arrival) may have changed its list: every
 * query read from the list — its record count, contents, revisions, diffs — is refreshed, so what
 * the page shows beside the job is the list as it is now, not as it was cached before the job.
 */
export function useRefreshListWhenJobEnds(job: { id: string; state: string; listId: string | null } | undefined) {
  const queryClient = useQueryClient();
  const endedListId = job && !ACTIVE.has(job.state) ? job.listId : null;
  const jobId = job?.id;
  useEffect(() => {
    if (endedListId) void queryClient.invalidateQueries({ queryKey: queryKeys.list(endedListId) });
  }, [endedListId, jobId, queryClient]);
}
