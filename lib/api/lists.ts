import type { z } from 'zod';

import type { listGuessSchema, listSchema, recordSchema } from '@/lib/api-contract/lists';
import type { addColumnSchema, changeColumnSchema } from '@/lib/lists/column-changes';
import type { FileGuess } from '@/lib/lists/guess/guess-file';
import type { createListSchema, updateListSchema } from '@/lib/lists/list-input';

import { apiFetch, apiPath, withQuery, type Collection } from './client';
import type { Job } from './jobs';

/** Lists: creating and changing them, their columns and records, and the jobs that load or purge them. */

export type List = z.output<typeof listSchema>;
/** A column as the list resource shows it (no storage). */
export type ListColumnView = List['columns'][number];
export type ListRecord = z.output<typeof recordSchema>;
/** Proposed columns for a file, with how it was read (the browser's guess and the server's are the same code). */
export type ListGuess = z.output<typeof listGuessSchema> & FileGuess;
/** How the records are read: `sortBy` is `<column>:ascending|descending`, `filter` e.g. `country:eq:DE`. */
export type ContentsQuery = { start: number; limit: number; sortBy?: string; filter?: string };

/** Proposes a list for a file (`dataFile`, optionally `delimiter` and `encoding`), read to its end. */
export function guessList(form: FormData): Promise<ListGuess> {
  return apiFetch<ListGuess>(apiPath`/lists/guess`, { method: 'POST', body: form });
}

/** One list: its columns, record count and current revision. */
export function getList(listId: string): Promise<List> {
  return apiFetch<List>(apiPath`/lists/${listId}`);
}

export function createList(body: z.input<typeof createListSchema>): Promise<List> {
  return apiFetch<List>(apiPath`/lists`, { method: 'POST', json: body });
}

export function updateList(listId: string, body: z.input<typeof updateListSchema>): Promise<List> {
  return apiFetch<List>(apiPath`/lists/${listId}`, { method: 'PUT', json: body });
}

export function deleteList(listId: string): Promise<void> {
  return apiFetch<void>(apiPath`/lists/${listId}`, { method: 'DELETE' });
}

export function addColumn(listId: string, body: z.input<typeof addColumnSchema>): Promise<List> {
  return apiFetch<List>(apiPath`/lists/${listId}/columns`, { method: 'POST', json: body });
}

export function changeColumn(
  listId: string,
  columnName: string,
  body: z.input<typeof changeColumnSchema>,
): Promise<List> {
  return apiFetch<List>(apiPath`/lists/${listId}/columns/${columnName}`, { method: 'PATCH', json: body });
}

export function listContents(listId: string, query: ContentsQuery): Promise<Collection<ListRecord>> {
  return apiFetch<Collection<ListRecord>>(withQuery(apiPath`/lists/${listId}/contents`, query));
}

/** Adds or updates (`upsert`) or removes (`delete`, by key) records at once, all or nothing. */
export function editContents(listId: string, op: 'upsert' | 'delete', items: ListRecord[]): Promise<List> {
  return apiFetch<List>(withQuery(apiPath`/lists/${listId}/contents`, { op }), { method: 'PUT', json: { items } });
}

/** Where the records that `sortBy` and `filter` select are downloaded as CSV. */
export function contentsCsvUrl(listId: string, query: Omit<ContentsQuery, 'start' | 'limit'>): string {
  return withQuery(apiPath`/lists/${listId}/contents.csv`, query);
}

/** Queues an import of the form's `dataFile` (with its options: mode, delimiter, encoding…). */
export function submitImport(listId: string, form: FormData): Promise<Job> {
  return apiFetch<Job>(importJobsPath(listId), { method: 'POST', body: form });
}

/** The import jobs of a list; the wizard posts its file here itself, to show the upload's progress. */
export function importJobsPath(listId: string): string {
  return apiPath`/lists/${listId}/importJobs`;
}

/** What an import of the form's file would do; nothing is loaded. */
export function importPreviewPath(listId: string): string {
  return apiPath`/lists/${listId}/importPreview`;
}

/** Queues a purge: every record of the list goes, the list and its history stay. */
export function submitPurge(listId: string): Promise<Job> {
  return apiFetch<Job>(apiPath`/lists/${listId}/purgeJobs`, { method: 'POST' });
}
