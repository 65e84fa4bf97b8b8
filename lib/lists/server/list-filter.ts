import { z } from 'zod';

import type { ListFilter } from '@/db/queries/lists';
import { FilterError, parseFilters } from '@/lib/lists/filters';
import type { ListColumn } from '@/lib/shared/list-column';

/** The `name` pseudo-column lets the family's filter syntax (`eq(name,'ACME')`) find lists. */
const NAME_COLUMN: ListColumn = {
  name: 'name',
  dataType: 'string',
  position: 1,
  isKey: true,
  keyPosition: 1,
  required: true,
  storage: 'name',
};

export function parseListNameFilter(expression: string): ListFilter {
  try {
    const filter: ListFilter = {};
    for (const { op, value } of parseFilters([expression], [NAME_COLUMN])) {
      if (op === 'eq') filter.nameEquals = value;
      else if (op === 'contains') filter.nameContains = value;
      else if (op === 'startsWith') filter.nameStartsWith = value;
      else if (op === 'endsWith') filter.nameEndsWith = value;
      else throw new FilterError(`Lists can be filtered by name with eq, contains, startsWith or endsWith, not ${op}.`);
    }
    return filter;
  } catch (error) {
    if (error instanceof FilterError) {
      throw new z.ZodError([{ code: 'custom', path: ['filter'], message: error.message, input: expression }]);
    }
    throw error;
  }
}
