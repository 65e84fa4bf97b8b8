import type { DataType } from '@/lib/shared/data-types';

/**
 * A column's data type in the words a business user uses. The API keeps its names (`string`,
 * `integer`, …); every screen shows these instead. One place, so that every page says the same.
 */
export const TYPE_WORDS: Record<DataType, string> = {
  string: 'Text',
  integer: 'Whole number',
  number: 'Number',
  boolean: 'Yes/No',
  date: 'Date',
  datetime: 'Date and time',
};

/** What a value of each type looks like, for hints beside a type choice. */
export const TYPE_EXAMPLES: Record<DataType, string> = {
  string: 'any text, e.g. Ana Silva',
  integer: 'e.g. 42 or -7',
  number: 'e.g. 3.14 or 1,250.50',
  boolean: 'yes or no, e.g. true / false',
  date: 'e.g. 2024-12-31',
  datetime: 'e.g. 2024-12-31 17:30',
};

export function typeWords(dataType: string): string {
  return (TYPE_WORDS as Record<string, string>)[dataType] ?? dataType;
}
