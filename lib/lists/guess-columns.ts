import type { ColumnInput, DataType } from './columns';
import { VALUE_PARSERS } from './value-parsers';

const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no']);

/**
 * Proposes columns for a new list from a file's header and first rows: the narrowest type every
 * sample value fits, never a number type for values with leading zeros (postcodes, ids), and the
 * first column whose values are all present and unique as the key. The user edits before saving.
 */
export function guessColumns(header: readonly string[], rows: readonly (readonly string[])[]): ColumnInput[] {
  const names = header.map((h, i) => h.trim() || `Column ${i + 1}`);
  const guesses = names.map((name, i) => {
    const values = rows.map((r) => r[i] ?? '').filter((v) => v.trim() !== '');
    return {
      name,
      dataType: guessType(values),
      complete: values.length === rows.length,
      unique: new Set(values).size === values.length,
    };
  });
  const keyIndex = Math.max(
    0,
    guesses.findIndex((g) => g.complete && g.unique && rows.length > 0),
  );
  return guesses.map((g, i) => ({
    name: g.name,
    dataType: g.dataType,
    isKey: i === keyIndex,
    required: i === keyIndex,
  }));
}

function guessType(values: readonly string[]): DataType {
  if (values.length === 0) return 'string';
  const fits = (type: DataType) => values.every((v) => VALUE_PARSERS[type](v).ok);
  const hasLeadingZero = values.some((v) => /^[+-]?0\d/.test(v.trim()));
  if (!hasLeadingZero && fits('integer')) return 'integer';
  if (!hasLeadingZero && fits('number')) return 'number';
  if (values.every((v) => BOOLEAN_WORDS.has(v.trim().toLowerCase()))) return 'boolean';
  if (fits('date')) return 'date';
  if (fits('datetime')) return 'datetime';
  return 'string';
}
