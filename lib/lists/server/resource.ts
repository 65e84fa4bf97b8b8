import type { List } from '@/db/schema';
import { link } from '@/lib/http/collection';

export const API_BASE = '/api/v1';

/** A list as the API answers it (List Data API family shape, plus Listport's fields). */
export function toListResource(list: List, createdByEmail?: string | null, modifiedByEmail?: string | null) {
  const self = `${API_BASE}/lists/${list.id}`;
  return {
    id: list.id,
    name: list.name,
    label: list.label,
    description: list.description,
    workspaceId: list.workspaceId,
    state: list.state,
    isImmutable: list.isImmutable,
    columns: list.columns.map(({ storage: _storage, ...column }) => ({
      ...column,
      keyPosition: column.isKey ? column.keyPosition : 0,
    })),
    recordCount: list.recordCount,
    version: list.version,
    /** The contents' revision: one more for every completed load (GET …/revisions lists them). */
    revision: list.revision,
    creationTimeStamp: list.createdAt.toISOString(),
    modifiedTimeStamp: list.modifiedAt.toISOString(),
    createdBy: createdByEmail ?? list.createdBy,
    modifiedBy: modifiedByEmail ?? list.modifiedBy,
    links: [
      link('up', 'GET', `${API_BASE}/lists`),
      link('self', 'GET', self),
      link('update', 'PUT', self),
      link('delete', 'DELETE', self),
      link('state', 'GET', `${self}/state`),
      link('contents', 'GET', `${self}/contents`),
      link('importContents', 'POST', `${self}/importJobs`),
      link('purgeContents', 'POST', `${self}/purgeJobs`),
      link('exportContents', 'GET', `${self}/contents.csv`),
      link('revisions', 'GET', `${self}/revisions`),
      link('restoreContents', 'POST', `${self}/restoreJobs`),
    ],
  };
}
