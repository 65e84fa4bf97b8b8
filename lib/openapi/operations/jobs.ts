import { collectionOf } from '@/lib/api-contract/common';
import {
  jobErrorSchema,
  jobErrorsQuery,
  jobLogsQuery,
  jobLogsSchema,
  jobSchema,
  jobsQuery,
} from '@/lib/api-contract/jobs';

import type { Operation } from '../operation';
import { ERROR_REPORT_DESCRIPTION, ERROR_REPORT_REFUSALS } from './read-limits';

const tag = 'Jobs';

/** The same answers under /jobs/{jobId} and under the list's importJobs/purgeJobs. */
function jobOperations(base: string, what: string, options: { cancel: boolean; logs: boolean }): Operation[] {
  const operations: Operation[] = [
    {
      method: 'get',
      path: base,
      tag,
      summary: `${what}: state, progress, results and first errors`,
      responses: { 200: { description: 'The job.', schema: jobSchema } },
    },
    {
      method: 'get',
      path: `${base}/errors`,
      tag,
      summary: `${what}: every error, a page at a time`,
      query: jobErrorsQuery,
      responses: { 200: { description: 'A page of errors.', schema: collectionOf(jobErrorSchema) } },
    },
  ];
  if (options.cancel) {
    operations.push({
      method: 'delete',
      path: base,
      tag,
      summary: `Cancel ${what.toLowerCase()}; nothing of it is loaded`,
      responses: { 202: { description: 'Cancellation requested.', schema: jobSchema } },
    });
  }
  if (options.logs) {
    operations.push({
      method: 'get',
      path: `${base}/logs`,
      tag,
      summary: `${what}: log lines (\`after\` to tail)`,
      query: jobLogsQuery,
      responses: { 200: { description: 'The log lines.', schema: jobLogsSchema } },
    });
  }
  return operations;
}

export const JOB_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/jobs',
    tag,
    summary: 'Jobs in the caller’s workspaces, filtered',
    query: jobsQuery,
    responses: { 200: { description: 'A page of jobs.', schema: collectionOf(jobSchema) } },
  },
  ...jobOperations('/jobs/{jobId}', 'A job', { cancel: true, logs: true }),
  ...jobOperations('/lists/{listId}/importJobs/{jobId}', 'An import job', { cancel: true, logs: true }),
  ...jobOperations('/lists/{listId}/purgeJobs/{jobId}', 'A purge job', { cancel: false, logs: false }),
  {
    method: 'get',
    path: '/lists/{listId}/importJobs/{jobId}/file',
    tag,
    summary: 'Download the file the import job was given',
    responses: { 200: { description: 'The file as uploaded.', mediaType: 'application/octet-stream' } },
  },
  {
    method: 'get',
    path: '/lists/{listId}/importJobs/{jobId}/originalFile',
    tag,
    summary: 'Download the file the person chose, byte for byte (the wizard sends it beside the file it loads)',
    responses: { 200: { description: 'The file as chosen.', mediaType: 'application/octet-stream' } },
  },
  {
    method: 'get',
    path: '/lists/{listId}/importJobs/{jobId}/leftOutRows',
    tag,
    summary: 'Download the rows the person left out in the import wizard, with a Problems column',
    responses: { 200: { description: 'The left-out rows as the wizard sent them.', mediaType: 'text/csv' } },
  },
  {
    method: 'get',
    path: '/lists/{listId}/importJobs/{jobId}/errorReport',
    tag,
    summary: 'The failed file’s rows with a column saying what is wrong in each',
    description: ERROR_REPORT_DESCRIPTION,
    responses: {
      200: { description: 'A CSV to fix and load again.', mediaType: 'text/csv' },
      ...ERROR_REPORT_REFUSALS,
    },
  },
];
