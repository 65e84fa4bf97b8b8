import { describe, expect, it } from 'vitest';

import { raggedProblem } from './row-problems';

describe('raggedProblem', () => {
  it('names the values past the last column, cut short, at most three', () => {
    const record = ['8', 'Gina', 'a note', '', 'x'.repeat(50), 'four', 'five'];

    const problem = raggedProblem(record, 3, 9);

    expect(problem.message).toBe(
      `This row has 7 values, but the header has 3 columns: the values (empty), “${'x'.repeat(40)}…”, “four” and 1 more past the last column are not shown, and values may be in the wrong columns.`,
    );
    expect(problem.rowSummary).toBe(
      `Row 9: 4 values more than the header: (empty), “${'x'.repeat(40)}…”, “four” and 1 more`,
    );
    expect(problem.remediation).toMatch(/editing the row drops the values past the last column/);
  });

  it('says only that values may have moved when a row has fewer values than the header', () => {
    const problem = raggedProblem(['1', 'Ann'], 4, 3);
    expect(problem.message).toBe(
      'This row has 2 values, but the header has 4 columns: values may be in the wrong columns.',
    );
    expect(problem.rowSummary).toBe('Row 3: 2 values fewer than the header');
  });
});
