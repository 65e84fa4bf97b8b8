import { describe, expect, it } from 'vitest';

import { describeDelimiter } from '@/lib/csv/detect-delimiter';
import { PROBLEM_CODES } from '@/lib/csv/problem';
import { type ListColumn } from '@/lib/shared/list-column';

import { columnsInputSchema, normalizeColumns } from './columns';
import { checkHeader } from './header';

const columns: ListColumn[] = ['id', 'name', 'city'].map((name, i) => ({
  name,
  dataType: 'string',
  position: i + 1,
  isKey: i === 0,
  keyPosition: i === 0 ? 1 : 0,
  required: i === 0,
  storage: `c${i + 1}`,
}));

describe('checkHeader', () => {
  it('accepts the exact column names in order', () => {
    expect(checkHeader(['id', 'name', 'city'], columns)).toBeNull();
  });

  it('accepts names with surrounding spaces', () => {
    expect(checkHeader([' id', 'name ', '\tcity\t'], columns)).toBeNull();
  });

  it('is case-sensitive', () => {
    const problem = checkHeader(['ID', 'name', 'city'], columns);
    expect(problem?.errorCode).toBe(PROBLEM_CODES.headerMismatch);
    expect(problem?.message).toContain('missing: "id"');
    expect(problem?.message).toContain('not in the list: "ID"');
  });

  it('refuses reordered columns and names the first position that differs', () => {
    const problem = checkHeader(['id', 'city', 'name'], columns);
    expect(problem).not.toBeNull();
    expect(problem!.errorCode).toBe(PROBLEM_CODES.headerMismatch);
    expect(problem!.row).toBe(1);
    expect(problem!.message).toContain('column 2 should be "name" but is "city"');
    expect(problem!.message).not.toContain('missing');
    expect(problem!.message).toContain('Expected: id, name, city. Found: id, city, name.');
    expect(problem!.remediation).toMatch(/same order/);
    expect(problem!.value).toBe('id,city,name');
  });

  it('names missing columns', () => {
    const problem = checkHeader(['id', 'name'], columns);
    expect(problem!.errorCode).toBe(PROBLEM_CODES.headerMismatch);
    expect(problem!.message).toContain('missing: "city"');
    expect(problem!.message).not.toContain('not in the list');
  });

  it('names extra columns, showing an empty name as (empty)', () => {
    const problem = checkHeader(['id', 'name', 'city', 'phone', ''], columns);
    expect(problem!.errorCode).toBe(PROBLEM_CODES.headerMismatch);
    expect(problem!.message).toContain('not in the list: "phone", "(empty)"');
    expect(problem!.message).not.toContain('missing');
  });

  it('names both missing and extra columns when one is misspelled', () => {
    const problem = checkHeader(['id', 'nmae', 'city'], columns);
    expect(problem!.message).toContain('missing: "name"; not in the list: "nmae"');
  });

  it('refuses duplicate header names before comparing, naming each duplicate once', () => {
    const problem = checkHeader(['id', 'name', 'name', ' name ', 'city', 'city'], columns);
    expect(problem).not.toBeNull();
    expect(problem!.errorCode).toBe(PROBLEM_CODES.duplicateHeader);
    expect(problem!.row).toBe(1);
    expect(problem!.message).toBe('The header names "name", "city" more than once.');
    expect(problem!.remediation).toMatch(/unique name/);
  });

  it('does not count several empty header names as duplicates', () => {
    const problem = checkHeader(['id', 'name', 'city', '', ''], columns);
    expect(problem!.errorCode).toBe(PROBLEM_CODES.headerMismatch);
  });

  it('refuses an empty header line', () => {
    const problem = checkHeader([''], columns);
    expect(problem!.errorCode).toBe(PROBLEM_CODES.headerMismatch);
    expect(problem!.message).toContain('missing: "id", "name", "city"');
  });
});

describe('checkHeader: delimiter hints', () => {
  const listColumns = normalizeColumns(
    columnsInputSchema.parse([
      { name: 'id_station', dataType: 'string', isKey: true },
      { name: 'nom', dataType: 'string' },
      { name: 'puissance', dataType: 'string' },
    ]),
  );

  it('says which delimiter the header looks separated by, and what to send', () => {
    for (const [line, delimiter, option] of [
      ['id_station;nom;puissance', ';', 'delimiter=;'],
      ['id_station\tnom\tpuissance', '\t', 'delimiter=\\t'],
      ['id_station|nom|puissance', '|', 'delimiter=|'],
    ] as const) {
      const problem = checkHeader([line], listColumns, ',');
      expect(problem!.message).toContain(
        `The file looks separated by ${describeDelimiter(delimiter)}, not comma (,): the file's header does not match`,
      );
      expect(problem!.message.startsWith('The file looks separated by')).toBe(true);
      expect(problem!.remediation).toBe(
        `Send ${option} with the import (or delimiter=auto to detect it), or import in the browser, which detects it.`,
      );
    }
    // Quoted names, as the French charging-points export writes them, read with a comma.
    expect(checkHeader(['id_station;"nom";"puissance"'], listColumns, ',')!.remediation).toMatch(/^Send delimiter=;/);
  });

  it('gives no hint when no other delimiter names the columns', () => {
    const problem = checkHeader(['a;b;c'], listColumns, ',');
    expect(problem!.message).toMatch(/^The file's header does not match/);
    expect(problem!.remediation).not.toMatch(/delimiter/);
  });
});
