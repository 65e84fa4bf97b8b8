import { FILTER_OPS, type ContentFilter, type FilterOp } from '@/lib/shared/content-filter';
import type { ListColumn } from '@/lib/shared/list-column';

import { VALUE_PARSERS } from './value-parsers';

export class FilterError extends Error {}

const TEXT_OPS: ReadonlySet<FilterOp> = new Set(['contains', 'startsWith', 'endsWith']);

/**
 * Parses filters in both syntaxes: Listport's `col:op:value` and the List Data API family's
 * `eq(col,'value')`, `and(eq(a,'x'),startsWith(b,'y'))`. Values are checked against the column's type.
 */
export function parseFilters(expressions: string[], columns: readonly ListColumn[]): ContentFilter[] {
  const raw = expressions.flatMap((expression) =>
    isColonForm(expression, columns) || !/^\s*\w+\(/.test(expression)
      ? [parseColon(expression)]
      : parseFunctional(expression),
  );
  return raw.map(({ name, op, value }) => {
    const column =
      columns.find((c) => c.name === name) ?? columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!column)
      throw new FilterError(
        `There is no column "${name}" to filter on. Columns: ${columns.map((c) => c.name).join(', ')}.`,
      );
    // No stored value holds a NUL character (PostgreSQL's text cannot), so such a filter is a mistake.
    if (value.includes('\0'))
      throw new FilterError(`The filter value for "${column.name}" contains a NUL character (\\0); remove it.`);
    if (TEXT_OPS.has(op)) return { column, op, value };
    const parsed = VALUE_PARSERS[column.dataType](value);
    if (!parsed.ok)
      throw new FilterError(`The filter value "${value}" for "${column.name}" ${parsed.reason}. ${parsed.hint}`);
    return { column, op, value: parsed.value };
  });
}

/** `Price(EUR):gt:5` looks like a function call: it is the colon form when its column exists. */
function isColonForm(expression: string, columns: readonly ListColumn[]): boolean {
  const match = new RegExp(`^(.+?):(${FILTER_OPS.join('|')}):`, 's').exec(expression);
  return Boolean(match && columns.some((c) => c.name.toLowerCase() === match[1]!.toLowerCase()));
}

function parseColon(expression: string): { name: string; op: FilterOp; value: string } {
  const match = new RegExp(`^(.+?):(${FILTER_OPS.join('|')}):(.*)$`, 's').exec(expression);
  if (!match)
    throw new FilterError(
      `The filter "${expression}" is not understood. Write column:op:value with op one of ${FILTER_OPS.join(', ')}, or eq(column,'value').`,
    );
  return { name: match[1]!, op: match[2] as FilterOp, value: match[3]! };
}

/** A small recursive-descent parser for the functional syntax; `and` may nest conditions. */
function parseFunctional(expression: string): { name: string; op: FilterOp; value: string }[] {
  let pos = 0;
  const fail = (what: string): never => {
    throw new FilterError(
      `The filter "${expression}" is not understood near position ${pos + 1}: ${what}. Example: and(eq(name,'ACME'),startsWith(city,'Ber')).`,
    );
  };
  const skipSpace = () => {
    while (expression[pos] === ' ') pos++;
  };
  const identifier = (): string => {
    skipSpace();
    const match = /^[^(),'"\s][^(),]*/.exec(expression.slice(pos));
    if (!match) fail('a name was expected');
    pos += match![0].length;
    return match![0].trim();
  };
  const expect = (char: string) => {
    skipSpace();
    if (expression[pos] !== char) fail(`"${char}" was expected`);
    pos++;
  };
  const literal = (): string => {
    skipSpace();
    const quote = expression[pos];
    if (quote !== "'" && quote !== '"') {
      const match = /^[^),]*/.exec(expression.slice(pos));
      pos += match![0].length;
      return match![0].trim();
    }
    pos++;
    let value = '';
    for (;;) {
      if (pos >= expression.length) fail('the quoted value is never closed');
      const char = expression[pos]!;
      if (char === '\\' && pos + 1 < expression.length) {
        value += expression[pos + 1];
        pos += 2;
      } else if (char === quote && expression[pos + 1] === quote) {
        value += quote;
        pos += 2;
      } else if (char === quote) {
        pos++;
        return value;
      } else {
        value += char;
        pos++;
      }
    }
  };
  const condition = (): { name: string; op: FilterOp; value: string }[] => {
    const fn = identifier();
    expect('(');
    if (fn === 'and') {
      const parts = [...condition()];
      for (;;) {
        skipSpace();
        if (expression[pos] === ',') {
          pos++;
          parts.push(...condition());
        } else break;
      }
      expect(')');
      return parts;
    }
    if (!(FILTER_OPS as readonly string[]).includes(fn))
      fail(`"${fn}" is not a filter; use ${FILTER_OPS.join(', ')} or and`);
    const name = identifier();
    expect(',');
    const value = literal();
    expect(')');
    return [{ name, op: fn as FilterOp, value }];
  };
  const result = condition();
  skipSpace();
  if (pos !== expression.length) fail('unexpected text after the filter');
  return result;
}
