import { describe, expect, it } from 'vitest';

import type { ListColumn } from '@/lib/shared/list-column';

import { formatChoices } from './problem-words';

const column = (dataType: ListColumn['dataType']): ListColumn =>
  ({ name: 'balance', storage: 'c1', dataType, isKey: false }) as ListColumn;

describe('formatChoices', () => {
  it('marks the ways that read a value differently, so that one click does not choose for the person', () => {
    // A US file: "1,000" is a thousand with comma groups, and 1 with a decimal comma.
    const choices = formatChoices(column('number'), ['$1,234.50', '$99.00', '1,000']);
    const byLabel = Object.fromEntries(choices.map((c) => [c.label, c]));
    expect(byLabel['a decimal comma, like 1234567,89']?.readsDifferently).toEqual({ value: '1,000', reading: '1' });
    expect(byLabel['a decimal point, thousands grouped with commas, like 1,234,567.89']?.readsDifferently).toEqual({
      value: '1,000',
      reading: '1000',
    });
  });

  it('marks nothing when the way offered first reads every value as any other way does', () => {
    const choices = formatChoices(column('number'), ['1.234,56', '7,50', '12,00']);
    expect(choices[0]?.label).toBe('a decimal comma, thousands grouped with dots, like 1.234.567,89');
    expect(choices.every((c) => c.readsDifferently === undefined)).toBe(true);
  });

  it('marks day/month against month/day dates, with the date each makes of the value', () => {
    const choices = formatChoices(column('date'), ['03/04/2025', '05/06/2025']);
    const readings = choices.filter((c) => c.readsDifferently).map((c) => [c.label, c.readsDifferently!.reading]);
    expect(readings).toEqual(
      expect.arrayContaining([
        ['DD/MM/YYYY, like 31/12/2024', '2025-04-03'],
        ['MM/DD/YYYY, like 12/31/2024', '2025-03-04'],
      ]),
    );
  });
});
