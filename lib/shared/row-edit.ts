import type { ListColumn } from './list-column';

/** One validated row edit: canonical values by column, only for the columns the item gave. */
export type RowEdit = {
  key: (string | null)[];
  values: Map<ListColumn, string | null>;
  complete: boolean;
  itemIndex: number;
};
