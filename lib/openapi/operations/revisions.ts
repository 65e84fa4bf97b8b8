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
import {
  CSV_EXPORT_DESCRIPTION,
  CSV_EXPORT_REFUSALS,
  RECORD_READ_DESCRIPTION,
  RECORD_READ_REFUSALS,
} from './read-limits';

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
    description: RECORD_READ_DESCRIPTION,
    query: revisionContentsQuery,
    responses: {
      200: { description: 'The records.', schema: revisionContentsSchema },
      410: { description: 'The revision’s contents are no longer kept.' },
      ...RECORD_READ_REFUSALS,
    },
  },
  {
    method: 'get',
    path: '/lists/{listId}/revisions/{revision}/contents.csv',
    tag,
    summary: 'Export a kept revision’s records as CSV',
    description: CSV_EXPORT_DESCRIPTION,
    query: revisionCsvQuery,
    responses: { 200: { description: 'The CSV file.', mediaType: 'text/csv' }, ...CSV_EXPORT_REFUSALS },
  },
  {
    method: 'get',
    path: '/lists/{listId}/revisions/contents',
    tag,
    summary: 'A revision’s records, or with `diffs=true` what changed since `compareTo` (the one before)',
    description: RECORD_READ_DESCRIPTION,
    query: revisionDiffsQuery,
    responses: { 200: { description: 'Records or changes.', schema: revisionDiffsSchema }, ...RECORD_READ_REFUSALS },
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
