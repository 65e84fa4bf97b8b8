import type { DataType } from '@/lib/shared/data-types';

/** Column types as a business user names them (the API keeps string, integer…). */
export const DATA_TYPE_LABELS: Record<DataType, string> = {
  string: 'Text',
  integer: 'Whole number',
  number: 'Number',
  boolean: 'Yes/No',
  date: 'Date',
  datetime: 'Date and time',
};
