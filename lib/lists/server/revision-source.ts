import { getRevision, REVISION_SCHEMA } from '@/db/queries/revisions';
import type { List, ListRevision } from '@/db/schema';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import type { ListColumn } from '@/lib/shared/list-column';

/** Where a revision's records are read: the list's own table for the current one, else its kept table. */
export type RevisionSource = { revision: number; table: string; columns: ListColumn[]; record?: ListRevision };

export function parseRevisionNumber(text: string | null | undefined, name = 'revision'): number {
  const value = Number(text);
  if (text === null || text === undefined || text === '' || !Number.isSafeInteger(value) || value < 0) {
    throw ApiError.badRequest(
      `${name} must be a revision number (0 or more), not "${text ?? ''}".`,
      'Take the numbers from GET /api/v1/lists/{listId}/revisions.',
    );
  }
  return value;
}

/** A revision of the list whose records can be read; 404 for none, 410 for one no longer kept. */
export async function revisionSource(list: List, revision: number): Promise<RevisionSource> {
  if (revision === list.revision) {
    const record = await getRevision(list.id, revision);
    return { revision, table: list.dataTable, columns: list.columns, ...(record && { record }) };
  }
  const record = revision < list.revision ? await getRevision(list.id, revision) : undefined;
  if (!record) throw ApiError.notFound(`Revision ${revision} of the list`);
  if (!record.keptTable) throw revisionGone(list, revision);
  return { revision, table: `${REVISION_SCHEMA}.${record.keptTable}`, columns: record.columns, record };
}

function revisionGone(list: List, revision: number): ApiError {
  return new ApiError(
    410,
    ERROR_CODES.revisionGone,
    `The contents of revision ${revision} of "${list.name}" are no longer kept.`,
    'Only the latest versions are kept (LIST_REVISIONS_KEPT, for LIST_REVISIONS_MAX_DAYS); choose a revision whose "kept" is true.',
  );
}

/**
 * Whether records of a revision with `then` columns can be put back under `now`: every column
 * then is still there (same name, type and place in the key; its storage may have moved), and
 * the ones added since are not keys. Returns the problem in words, or undefined.
 */
export function columnsChangeBlocking(then: readonly ListColumn[], now: readonly ListColumn[]): string | undefined {
  for (const old of then) {
    const current = now.find((c) => c.name === old.name);
    if (!current) return `the column "${old.name}" was removed`;
    if (current.dataType !== old.dataType)
      return `the column "${old.name}" changed from ${old.dataType} to ${current.dataType}`;
    if (current.isKey !== old.isKey)
      return current.isKey
        ? `the column "${old.name}" became part of the key`
        : `the column "${old.name}" left the key`;
  }
  const addedKey = now.find((c) => c.isKey && !then.some((o) => o.name === c.name));
  if (addedKey) return `the key column "${addedKey.name}" was added`;
  return undefined;
}
