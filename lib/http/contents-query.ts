import { FilterError, parseFilters } from '@/lib/lists/filters';
import { parseSortBy } from '@/lib/lists/list-input';
import { type ContentFilter } from '@/lib/shared/content-filter';
import type { ListColumn } from '@/lib/shared/list-column';

import { ApiError } from '../errors';

export type ContentsQuery = {
  filters: ContentFilter[];
  sort?: { column: ListColumn; descending: boolean };
};

/**
 * The `filter` and `sortBy` parameters of a list's records, read the same way for the JSON pages
 * (`…/contents`) and the CSV export (`…/contents.csv`), so an export holds exactly what was shown.
 */
export function readContentsQuery(search: URLSearchParams, columns: readonly ListColumn[]): ContentsQuery {
  let filters: ContentFilter[];
  try {
    filters = parseFilters(search.getAll('filter'), columns);
  } catch (error) {
    if (error instanceof FilterError) throw ApiError.badRequest(error.message, 'Correct the filter and try again.');
    throw error;
  }
  const sortBy = parseSortBy(search.get('sortBy') ?? undefined);
  if (!sortBy) return { filters };
  const column = columns.find((c) => c.name === sortBy.field);
  if (!column) {
    throw ApiError.badRequest(
      `There is no column "${sortBy.field}" to sort by.`,
      `Sort by one of: ${columns.map((c) => c.name).join(', ')}.`,
    );
  }
  return { filters, sort: { column, descending: sortBy.descending } };
}
