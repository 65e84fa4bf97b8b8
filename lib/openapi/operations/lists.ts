import { z } from 'zod';

import { collectionOf } from '@/lib/api-contract/common';
import { jobSchema, listJobsQuery } from '@/lib/api-contract/jobs';
import {
  contentsCsvQuery,
  contentsQuery,
  editContentsBody,
  guessOptions,
  importPreviewSchema,
  listGuessSchema,
  listSchema,
  listsQuery,
  recordSchema,
} from '@/lib/api-contract/lists';
import { pagingSchema } from '@/lib/http/collection';
import { importOptionsSchema } from '@/lib/jobs/submit';
import { addColumnSchema, changeColumnSchema } from '@/lib/lists/column-changes';
import { createListSchema, updateListSchema } from '@/lib/lists/list-input';

import type { Operation } from '../operation';
import {
  CSV_EXPORT_DESCRIPTION,
  CSV_EXPORT_REFUSALS,
  RECORD_READ_DESCRIPTION,
  RECORD_READ_REFUSALS,
} from './read-limits';

const tag = 'Lists';

export const LIST_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/lists',
    tag,
    summary: 'Lists in the caller’s workspaces',
    query: listsQuery,
    responses: { 200: { description: 'A page of lists.', schema: collectionOf(listSchema) } },
  },
  {
    method: 'post',
    path: '/lists',
    tag,
    summary: 'Create a list (workspace admins)',
    body: createListSchema,
    bodyExample: {
      name: 'Orders',
      columns: [
        { name: 'id', dataType: 'integer', isKey: true },
        { name: 'ordered', dataType: 'date', format: { pattern: 'DD/MM/YYYY' } },
        { name: 'amount', dataType: 'number', required: false, format: { decimalSeparator: ',' } },
      ],
    },
    responses: { 201: { description: 'The list.', schema: listSchema, headers: { location: 'Its address.' } } },
  },
  {
    method: 'post',
    path: '/lists/guess',
    tag,
    summary: 'Propose columns for a file (types, formats, keys), judged on every row',
    multipart: { fields: guessOptions, files: ['dataFile'], required: ['dataFile'] },
    responses: { 200: { description: 'The proposal.', schema: listGuessSchema } },
  },
  {
    method: 'get',
    path: '/lists/{listId}',
    tag,
    summary: 'A list',
    responses: { 200: { description: 'The list.', schema: listSchema } },
  },
  {
    method: 'put',
    path: '/lists/{listId}',
    tag,
    summary: 'Change a list’s name, description, state or columns',
    body: updateListSchema,
    responses: { 200: { description: 'The list.', schema: listSchema } },
  },
  {
    method: 'delete',
    path: '/lists/{listId}',
    tag,
    summary: 'Delete a list and its records',
    responses: { 204: { description: 'Deleted.' } },
  },
  {
    method: 'post',
    path: '/lists/{listId}/columns',
    tag,
    summary: 'Add a column, even to a list with records (optional, or required with a default)',
    body: addColumnSchema,
    bodyExample: { name: 'region', dataType: 'string', required: true, default: 'EU' },
    responses: {
      201: { description: 'The list.', schema: listSchema, headers: { location: 'The column’s address.' } },
    },
  },
  {
    method: 'patch',
    path: '/lists/{listId}/columns/{columnName}',
    tag,
    summary: 'Change a column’s name, rules, allowed values or format, checked against every record',
    body: changeColumnSchema,
    bodyExample: { allowedValues: ['EU', 'US'] },
    responses: { 200: { description: 'The list.', schema: listSchema } },
  },
  {
    method: 'get',
    path: '/lists/{listId}/state',
    tag,
    summary: 'A list’s state as plain text',
    responses: { 200: { description: '`developing` or `deployed`.', mediaType: 'text/plain' } },
  },
  {
    method: 'put',
    path: '/lists/{listId}/state',
    tag,
    summary: 'Set a list’s state (`?value=deployed`, or the word as the body)',
    query: z.object({ value: z.enum(['developing', 'deployed']).optional() }),
    responses: { 200: { description: 'The new state.', mediaType: 'text/plain' } },
  },
  {
    method: 'get',
    path: '/lists/{listId}/contents',
    tag,
    summary: 'A page of a list’s records, filtered and sorted',
    description: RECORD_READ_DESCRIPTION,
    query: contentsQuery,
    responses: { 200: { description: 'The records.', schema: collectionOf(recordSchema) }, ...RECORD_READ_REFUSALS },
  },
  {
    method: 'put',
    path: '/lists/{listId}/contents',
    tag,
    summary: 'Edit records by key, all or nothing',
    body: editContentsBody,
    responses: { 200: { description: 'The list after the edit.', schema: listSchema } },
  },
  {
    method: 'get',
    path: '/lists/{listId}/contents.csv',
    tag,
    summary: 'Export the records (with the same filters) as CSV that loads back',
    description: CSV_EXPORT_DESCRIPTION,
    query: contentsCsvQuery,
    responses: { 200: { description: 'The CSV file.', mediaType: 'text/csv' }, ...CSV_EXPORT_REFUSALS },
  },
  {
    method: 'post',
    path: '/lists/{listId}/importPreview',
    tag,
    summary: 'Check a file against the list without loading it',
    multipart: { fields: importOptionsSchema, files: ['dataFile'], required: ['dataFile'] },
    responses: { 200: { description: 'What the import would do.', schema: importPreviewSchema } },
  },
  {
    method: 'get',
    path: '/lists/{listId}/importJobs',
    tag: 'Jobs',
    summary: 'Import jobs of a list',
    query: listJobsQuery,
    responses: { 200: { description: 'A page of jobs.', schema: collectionOf(jobSchema) } },
  },
  {
    method: 'post',
    path: '/lists/{listId}/importJobs',
    tag: 'Jobs',
    summary: 'Import a CSV or Excel file into the list (all or nothing)',
    // originalFile and leftOutRows: what the import wizard sends beside the CSV it made (docs/api.md).
    multipart: {
      fields: importOptionsSchema,
      files: ['dataFile', 'originalFile', 'leftOutRows'],
      required: ['dataFile'],
    },
    responses: {
      202: { description: 'The job was queued.', schema: jobSchema, headers: { location: 'The job’s address.' } },
    },
  },
  {
    method: 'get',
    path: '/lists/{listId}/purgeJobs',
    tag: 'Jobs',
    summary: 'Purge jobs of a list',
    query: pagingSchema,
    responses: { 200: { description: 'A page of jobs.', schema: collectionOf(jobSchema) } },
  },
  {
    method: 'post',
    path: '/lists/{listId}/purgeJobs',
    tag: 'Jobs',
    summary: 'Remove every record of the list',
    responses: {
      202: { description: 'The job was queued.', schema: jobSchema, headers: { location: 'The job’s address.' } },
    },
  },
];
