import { describe, expect, it } from 'vitest';

import type { ListColumn } from '@/lib/shared/list-column';

import { FilterError, parseFilters } from './filters';

const columns: ListColumn[] = (
  [
    ['id', 'integer'],
    ['name', 'string'],
    ['City', 'string'],
    ['score', 'number'],
    ['active', 'boolean'],
    ['born', 'date'],
    ['seen', 'datetime'],
    ['a:b', 'string'],
  ] as const
).map(([name, dataType], i) => ({
  name,
  dataType,
  position: i + 1,
  isKey: i === 0,
  keyPosition: i === 0 ? 1 : 0,
  required: i === 0,
  storage: `c${i + 1}`,
}));

const col = (name: string) => columns.find((c) => c.name === name)!;

/** The parsed filters as [column name, op, value]. */
const parsed = (...expressions: string[]) =>
  parseFilters(expressions, columns).map((f) => [f.column.name, f.op, f.value]);

function filterError(...expressions: string[]): FilterError {
  try {
    parseFilters(expressions, columns);
  } catch (error) {
    expect(error).toBeInstanceOf(FilterError);
    return error as FilterError;
  }
  throw new Error(`expected a FilterError for ${JSON.stringify(expressions)}`);
}

describe('parseFilters: col:op:value', () => {
  it('parses each operator', () => {
    for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'startsWith', 'endsWith'] as const) {
      expect(parsed(`name:${op}:ACME`)).toEqual([['name', op, 'ACME']]);
    }
  });

  it('returns the column object itself', () => {
    const [filter] = parseFilters(['name:eq:x'], columns);
    expect(filter!.column).toBe(col('name'));
  });

  it('keeps colons, spaces and empty values in the value', () => {
    expect(parsed('name:eq:http://example.com:8080/x')).toEqual([['name', 'eq', 'http://example.com:8080/x']]);
    expect(parsed('name:eq: ACME Corp Employees ')).toEqual([['name', 'eq', ' ACME Corp Employees ']]);
    expect(parsed('name:eq:')).toEqual([['name', 'eq', '']]);
    expect(parsed('name:contains:line\nbreak')).toEqual([['name', 'contains', 'line\nbreak']]);
  });

  it('finds a column whose name contains a colon', () => {
    expect(parsed('a:b:eq:x')).toEqual([['a:b', 'eq', 'x']]);
  });

  it('matches column names case-insensitively when there is no exact match', () => {
    expect(parsed('city:eq:Berlin', 'NAME:eq:x')).toEqual([
      ['City', 'eq', 'Berlin'],
      ['name', 'eq', 'x'],
    ]);
  });

  it('refuses an unknown operator, naming the allowed ones', () => {
    const error = filterError('name:like:x');
    expect(error.message).toContain('"name:like:x" is not understood');
    expect(error.message).toContain('eq, ne, lt, le, gt, ge, contains, startsWith, endsWith');
    expect(filterError('name:EQ:x').message).toMatch(/not understood/);
    expect(filterError('name').message).toMatch(/not understood/);
    expect(filterError(':eq:x').message).toMatch(/not understood/);
  });

  it('refuses an unknown column, listing the columns', () => {
    const error = filterError('nope:eq:x');
    expect(error.message).toBe(
      'There is no column "nope" to filter on. Columns: id, name, City, score, active, born, seen, a:b.',
    );
  });
});

describe('parseFilters: functional syntax', () => {
  it('parses eq with a quoted value containing spaces', () => {
    expect(parsed("eq(name,'ACME Corp Employees')")).toEqual([['name', 'eq', 'ACME Corp Employees']]);
  });

  it('parses every operator', () => {
    for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'startsWith', 'endsWith'] as const) {
      expect(parsed(`${op}(name,'x')`)).toEqual([['name', op, 'x']]);
    }
  });

  it('parses and(...) into its conditions, in order', () => {
    expect(parsed("and(eq(name,'x'),startsWith(City,'y'))")).toEqual([
      ['name', 'eq', 'x'],
      ['City', 'startsWith', 'y'],
    ]);
  });

  it('parses nested and(...) and spaces around tokens', () => {
    expect(parsed(" and( eq( name , 'x' ) , and(gt(id, 5), le(id,'10')) ) ")).toEqual([
      ['name', 'eq', 'x'],
      ['id', 'gt', '5'],
      ['id', 'le', '10'],
    ]);
  });

  it('reads escaped quotes, both doubled and with a backslash', () => {
    expect(parsed("eq(name,'O''Brien')")).toEqual([['name', 'eq', "O'Brien"]]);
    expect(parsed("eq(name,'O\\'Brien')")).toEqual([['name', 'eq', "O'Brien"]]);
    expect(parsed("eq(name,'back\\\\slash')")).toEqual([['name', 'eq', 'back\\slash']]);
    expect(parsed("eq(name,'''')")).toEqual([['name', 'eq', "'"]]);
  });

  it('reads double-quoted values with their own escapes', () => {
    expect(parsed('eq(name,"say ""hi""")')).toEqual([['name', 'eq', 'say "hi"']]);
    expect(parsed('eq(name,"it\'s")')).toEqual([['name', 'eq', "it's"]]);
  });

  it('keeps delimiters and parentheses inside quoted values', () => {
    expect(parsed("eq(name,'a, b (c)')")).toEqual([['name', 'eq', 'a, b (c)']]);
  });

  it('reads an empty quoted value', () => {
    expect(parsed("eq(name,'')")).toEqual([['name', 'eq', '']]);
  });

  it('reads unquoted values, trimmed', () => {
    expect(parsed('eq(id, 42 )')).toEqual([['id', 'eq', '42']]);
  });

  it('mixes both syntaxes in one call', () => {
    expect(parsed("eq(name,'x')", 'id:gt:3')).toEqual([
      ['name', 'eq', 'x'],
      ['id', 'gt', '3'],
    ]);
  });

  it('refuses an unclosed quote', () => {
    expect(filterError("eq(name,'ACME)").message).toMatch(/the quoted value is never closed/);
    expect(filterError("eq(name,'ends with backslash\\").message).toMatch(/never closed/);
  });

  it('refuses an unknown function', () => {
    const error = filterError("like(name,'x')");
    expect(error.message).toContain('"like" is not a filter');
    expect(filterError("or(eq(name,'x'),eq(name,'y'))").message).toContain('"or" is not a filter');
  });

  it('refuses missing parentheses, commas and trailing text, saying where', () => {
    expect(filterError("eq(name,'x'").message).toContain('")" was expected');
    expect(filterError("eq(name 'x')").message).toContain('"," was expected');
    expect(filterError("eq(name,'x') extra").message).toMatch(/unexpected text after the filter/);
    expect(filterError("and(eq(name,'x') eq(id,1))").message).toContain('")" was expected');
    expect(filterError("eq(,'x')").message).toMatch(/a name was expected/);
    expect(filterError("eq(name,'x')z").message).toMatch(/near position 13/);
  });

  it('refuses an unknown column', () => {
    expect(filterError("eq(nope,'x')").message).toMatch(/There is no column "nope"/);
  });
});

describe('parseFilters: column names with parentheses', () => {
  const priced: ListColumn[] = [{ ...columns[3]!, name: 'Price(EUR)' }];

  // BUG: any expression starting with `word(` is taken for the functional syntax, so a column
  // named like "Price(EUR)" (allowed by columnInputSchema) cannot be filtered in the colon syntax
  // (and the functional syntax cannot name it either). See the report.
  it('filters on such a column with col:op:value', () => {
    const [filter] = parseFilters(['Price(EUR):gt:5'], priced);
    expect(filter).toMatchObject({ op: 'gt', value: '5' });
    expect(filter!.column.name).toBe('Price(EUR)');
  });

  it('works for a name with a space before the parenthesis', () => {
    const spaced: ListColumn[] = [{ ...columns[3]!, name: 'Price (EUR)' }];
    expect(parseFilters(['Price (EUR):gt:5'], spaced).map((f) => [f.column.name, f.op, f.value])).toEqual([
      ['Price (EUR)', 'gt', '5'],
    ]);
  });
});

describe('parseFilters: typed values', () => {
  it('canonicalizes values for typed columns', () => {
    expect(parsed('id:eq: 007 ')).toEqual([['id', 'eq', '7']]);
    expect(parsed("eq(score,'+1.5')")).toEqual([['score', 'eq', '1.5']]);
    expect(parsed('active:eq:YES')).toEqual([['active', 'eq', 'true']]);
    expect(parsed("ge(born,'2024-02-29')")).toEqual([['born', 'ge', '2024-02-29']]);
    expect(parsed("lt(seen,'2024-03-31 14:05')")).toEqual([['seen', 'lt', '2024-03-31T14:05:00Z']]);
  });

  it('refuses a value that does not fit the column type, with the reason and hint', () => {
    const error = filterError("eq(id,'abc')");
    expect(error.message).toBe(
      'The filter value "abc" for "id" is not a whole number. Use digits only, optionally with a leading minus sign, without thousands separators.',
    );
    expect(filterError('id:gt:1.5').message).toMatch(/is not a whole number/);
    expect(filterError('score:eq:12,5').message).toMatch(/dot as the decimal separator/);
    expect(filterError('active:eq:maybe').message).toMatch(/is not true or false/);
    expect(filterError("eq(born,'2023-02-29')").message).toMatch(/is not a real calendar date/);
    expect(filterError("eq(seen,'2024-01-01T10:00:60Z')").message).toMatch(/impossible time of day/);
  });

  it('does not type-check text operators', () => {
    expect(parsed('id:contains:12', "startsWith(born,'2024')")).toEqual([
      ['id', 'contains', '12'],
      ['born', 'startsWith', '2024'],
    ]);
  });

  it('keeps string values exactly', () => {
    expect(parsed("eq(name,' 007 ')")).toEqual([['name', 'eq', ' 007 ']]);
  });

  it('returns nothing for no expressions', () => {
    expect(parseFilters([], columns)).toEqual([]);
  });
});
