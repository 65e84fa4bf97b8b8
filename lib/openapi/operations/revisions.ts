import { collectionOf } from '@/lib/api-contract/common';
import { jobLogsQuery, jobLogsSchema, jobSchema } from '@/lib/api-contract/jobs';
import {
  restoreBody,
  revisionContentsQuery,
  revisionContentsSchema,
  revisionCsvQuery,
  revisionDiffsQuery,
  revisionDiffsSchema,
  revisionsCollectionSchema,
} from '@/lib/api-contract/revisions';
import { pagingSchema } from '@/lib/http/collection';

import type { Operation } from '../operation';

const tag = 'Revisions';

export const REVISION_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/lists/{listId}/revisions',
    tag,
    summary: 'A list’s revisions: every completed load, newest first, and what kept ones cost',
    query: pagingSchema,
    responses: { 200: { description: 'A page of revisions.', schema: revisionsCollectionSchema } },
  },
  {
    method: 'get',
    path: '/lists/{listId}/revisions/{revision}/contents',
    tag,
    summary: 'A kept revision’s records, paged, filtered and sorted as `…/contents`',
    query: revisionContentsQuery,
    responses: {
      200: { description: 'The records.', schema: revisionContentsSchema },
      410: { description: 'The revision’s contents are no longer kept.' },
    },
  },
  {
    method: 'get',
    path: '/lists/{listId}/revisions/{revision}/contents.csv',
    tag,
    summary: 'Export a kept revision’s records as CSV',
    query: revisionCsvQuery,
    responses: { 200: { description: 'The CSV file.', mediaType: 'text/csv' } },
  },
  {
    method: 'get',
    path: '/lists/{listId}/revisions/contents',
    tag,
    summary: 'A revision’s records, or with `diffs=true` what changed since `compareTo` (the one before)',
    query: revisionDiffsQuery,
    responses: { 200: { description: 'Records or changes.', schema: revisionDiffsSchema } },
  },
  {
    method: 'get',
    path: '/lists/{listId}/restoreJobs',
    tag,
    summary: 'Restore jobs of a list',
    query: pagingSchema,
    responses: { 200: { description: 'A page of jobs.', schema: collectionOf(jobSchema) } },
  },
  {
    method: 'post',
    path: '/lists/{listId}/restoreJobs',
    tag,
    summary: 'Put a kept revision back, all or nothing, as a new revision (editors)',
    body: restoreBody,
    bodyExample: { revision: 3 },
    responses: {
      202: { description: 'The job was queued.', schema: jobSchema, headers: { location: 'The job’s address.' } },
    },
  },
  {
    method: 'get',
    path: '/lists/{listId}/restoreJobs/{jobId}',
    tag,
    summary: 'A restore job',
    responses: { 200: { description: 'The job.', schema: jobSchema } },
  },
  {
    method: 'delete',
    path: '/lists/{listId}/restoreJobs/{jobId}',
    tag,
    summary: 'Cancel a restore job; the list stays as it was',
    responses: { 202: { description: 'Cancellation requested.', schema: jobSchema } },
  },
  {
    method: 'get',
    path: '/lists/{listId}/restoreJobs/{jobId}/logs',
    tag,
    summary: 'A restore job’s log lines',
    query: jobLogsQuery,
    responses: { 200: { description: 'The log lines.', schema: jobLogsSchema } },
  },
];
