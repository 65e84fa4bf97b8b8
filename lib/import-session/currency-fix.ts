import { PROBLEM_CODES } from '@/lib/csv/problem';
import { compileValueReader } from '@/lib/formats/column-format';
import type { RecordValidator } from '@/lib/lists/record-validator';
import type { ColumnFormat } from '@/lib/shared/column-formats';
import type { ListColumn } from '@/lib/shared/list-column';

import { withoutCurrencySign } from './cell-transforms';
import { formatChoices } from './problem-words';

/** Problems of a number column that a currency sign causes: the value is a number once it is removed. */
const NUMBER_CODES: ReadonlySet<number> = new Set([PROBLEM_CODES.invalidNumber, PROBLEM_CODES.invalidInteger]);

/** What the currency fix reads of a dataset (a part of problem-groups' ProblemSource). */
type Source = {
  readonly columns: readonly ListColumn[];
  readonly writtenAs?: readonly (ColumnFormat | undefined)[];
  readonly validator: RecordValidator;
};

/** "Remove the currency sign" for a group: how many cells it fixes, and the way it reads what is left. */
export type CurrencyOffer = { fixes: number; format?: ColumnFormat };

/**
 * A value without its currency sign, read the way the file writes the column — the way chosen in Map
 * columns, else `format` (a way the values left read in, offered when the list's own way cannot) —
 * and checked by the list's validator; undefined when there is no sign or what is left is no number.
 */
export function currencyReader(
  source: Source,
  column: number,
  format: ColumnFormat | undefined,
): (value: string) => string | undefined {
  const way = source.writtenAs?.[column] ?? format;
  const read = way ? compileValueReader(source.columns[column]!.dataType, way) : undefined;
  return (value) => {
    const number = withoutCurrencySign(value);
    if (number === value) return undefined;
    const result = read ? read(number) : { ok: true as const, value: number };
    if (!result.ok || 'problem' in source.validator.checkValue(column, result.value, 0)) return undefined;
    return result.value;
  };
}

/** The currency fix for a group of values of one column, when it fixes any of them. */
export function currencyOffer(
  source: Source,
  column: number,
  code: number,
  values: readonly string[],
): CurrencyOffer | undefined {
  const listColumn = source.columns[column];
  if (!listColumn || !NUMBER_CODES.has(code)) return undefined;
  const count = (read: (value: string) => string | undefined) => values.filter((v) => read(v) !== undefined).length;
  const fixes = count(currencyReader(source, column, undefined));
  const numbers = values.map(withoutCurrencySign).filter((number, i) => number !== values[i]);
  if (numbers.length === 0) return undefined;
  // The list's own way (or the one chosen in Map columns) reads them all: nothing to choose.
  if (fixes === numbers.length || source.writtenAs?.[column]) return fixes > 0 ? { fixes } : undefined;
  // "$1,234.50" in a column of plain numbers: read as the values write numbers, the way reading most.
  const best = formatChoices(listColumn, numbers)[0];
  const bestFixes = best ? count(currencyReader(source, column, best.format)) : 0;
  if (best && bestFixes > fixes) return { fixes: bestFixes, format: best.format };
  return fixes > 0 ? { fixes } : undefined;
}
