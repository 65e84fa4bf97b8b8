import type { z } from 'zod';

import type { restoreBody, revisionDiffsSchema, revisionsCollectionSchema } from '@/lib/api-contract/revisions';

import { apiFetch, apiPath, withQuery } from './client';
import type { Job } from './jobs';

/** A list's revisions: its history, what changed between two, and restoring one. */

export type RevisionsPage = z.output<typeof revisionsCollectionSchema>;
export type Revision = RevisionsPage['items'][number];
/** What changed between two revisions (`diffs=true`): counts and a page of changed records. */
export type RevisionDiff = Extract<z.output<typeof revisionDiffsSchema>, { compareTo: number }>;
export type RevisionChange = RevisionDiff['items'][number]['change'];

/** The newest `limit` revisions, with the current one and what the kept ones take. */
export function listRevisions(listId: string, limit: number): Promise<RevisionsPage> {
  return apiFetch<RevisionsPage>(withQuery(apiPath`/lists/${listId}/revisions`, { limit }));
}

/** The changes from revision `compareTo` to `revision`, a page at a time, optionally of one kind. */
export function getRevisionDiff(
  listId: string,
  query: { revision: number; compareTo: number; start?: number; limit: number; change?: RevisionChange },
): Promise<RevisionDiff> {
  const { revision, compareTo, start, limit, change } = query;
  return apiFetch<RevisionDiff>(
    withQuery(apiPath`/lists/${listId}/revisions/contents`, { revision, diffs: true, compareTo, start, limit, change }),
  );
}

/** Starts a job that makes the list's contents those of a kept revision, as a new revision. */
export function restoreRevision(listId: string, body: z.input<typeof restoreBody>): Promise<Job> {
  return apiFetch<Job>(apiPath`/lists/${listId}/restoreJobs`, { method: 'POST', json: body });
}

/** Where a kept revision's records are downloaded as CSV. */
export function revisionCsvUrl(listId: string, revision: number): string {
  return apiPath`/lists/${listId}/revisions/${revision}/contents.csv`;
}
