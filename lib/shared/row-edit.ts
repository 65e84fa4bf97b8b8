import type { ListColumn } from './list-column';

/** `PUT …/contents?op=`: add or update records, or remove them by key. */
export type RowEditOp = 'upsert' | 'delete';

/** One validated row edit: canonical values by column, only for the columns the item gave. */
export type RowEdit = {
  key: (string | null)[];
  values: Map<ListColumn, string | null>;
  complete: boolean;
  itemIndex: number;
};
