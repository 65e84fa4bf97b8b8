import type { ListColumn } from './list-column';

/** A filter on a list's contents, checked against the column's type: `column:op:value`. */
export const FILTER_OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'startsWith', 'endsWith'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export type ContentFilter = { column: ListColumn; op: FilterOp; value: string };
