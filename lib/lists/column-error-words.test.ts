import { describe, expect, it } from 'vitest';

import { columnErrorWords } from './column-error-words';

describe('columnErrorWords', () => {
  const names = ['id', 'name', '', 'email'];

  it('names a column by its 1-based row on the form and its name, and the field in words', () => {
    expect(columnErrorWords('columns.3.name: Column names must be unique.', names)).toBe(
      'Column 4 “email”, name: Column names must be unique.',
    );
    expect(columnErrorWords('columns.0.allowedValues.2: Too long.', names)).toBe(
      'Column 1 “id”, allowed values: Too long.',
    );
    expect(columnErrorWords('columns.2.dataType: Invalid option.', names)).toBe('Column 3, type: Invalid option.');
    expect(columnErrorWords('columns.1: Something.', names)).toBe('Column 2 “name”: Something.');
  });

  it('leaves other details as they are, naming list fields in words', () => {
    expect(columnErrorWords('name: Required.', names)).toBe('List name: Required.');
    expect(columnErrorWords('A list needs a key.', names)).toBe('A list needs a key.');
  });
});
