import { describe, expect, it } from 'vitest';

import { browserFixesField, browserFixesWords } from './browser-fixes';

describe('browserFixesWords', () => {
  it('summarises the fixes as the job page shows them', () => {
    expect(
      browserFixesWords({
        cellsEdited: 37,
        rowsDeleted: 2,
        valuesReplaced: [
          { column: 'lifetime_value', count: 285 },
          { column: 'email', count: 1 },
          { column: 'name', count: 0 },
        ],
      }),
    ).toBe('37 cells edited, 2 rows deleted, 285 values replaced in lifetime_value, 1 value replaced in email');
    expect(browserFixesWords({ cellsEdited: 1, rowsDeleted: 0, valuesReplaced: [] })).toBe('1 cell edited');
    expect(browserFixesWords(null)).toBe('no changes');
    expect(browserFixesWords(null, 4)).toBe('4 rows with problems left out');
    expect(browserFixesWords({ cellsEdited: 2, rowsDeleted: 0, valuesReplaced: [] }, 1)).toBe(
      '2 cells edited, 1 row with problems left out',
    );
  });
});

describe('browserFixesField', () => {
  it('reads the JSON the wizard sends and refuses anything else with a message', () => {
    expect(browserFixesField.parse('{"cellsEdited":3,"rowsDeleted":0,"valuesReplaced":[]}')).toEqual({
      cellsEdited: 3,
      rowsDeleted: 0,
      valuesReplaced: [],
    });
    expect(browserFixesField.safeParse('not json').error?.issues[0]?.message).toBe('browserFixes must be JSON.');
    expect(browserFixesField.safeParse('{"cellsEdited":-1,"rowsDeleted":0,"valuesReplaced":[]}').success).toBe(false);
  });
});
