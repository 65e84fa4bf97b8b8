import { describe, expect, it } from 'vitest';

import type { JobError } from '../schema';
import { boundJobError, STORED_ERROR_LIMITS } from './job-errors';

const base: JobError = {
  message: 'Row 2: "qty" "x" is not a whole number.',
  id: '6f1c2a3e-0000-4000-8000-000000000000',
  errorCode: 1002,
  httpStatusCode: 400,
  details: ['row: 2', 'column: qty', 'value: x'],
  remediation: 'Write a whole number.',
  version: 2,
  row: 2,
  column: 'qty',
  value: 'x',
};

describe('boundJobError: what a job stores of an error is bounded', () => {
  it('keeps an ordinary error exactly', () => {
    expect(boundJobError(base)).toEqual(base);
  });

  it('cuts every string to its limit, marking the cut', () => {
    const huge = 'z'.repeat(1_000_000);
    const bounded = boundJobError({
      ...base,
      message: huge,
      remediation: huge,
      value: huge,
      column: huge,
      details: Array.from({ length: 50 }, () => huge),
    });
    expect(bounded.value).toHaveLength(STORED_ERROR_LIMITS.value + 1);
    expect(bounded.value!.endsWith('z…')).toBe(true);
    expect(bounded.message).toHaveLength(STORED_ERROR_LIMITS.message + 1);
    expect(bounded.remediation).toHaveLength(STORED_ERROR_LIMITS.remediation + 1);
    expect(bounded.column).toHaveLength(STORED_ERROR_LIMITS.detail + 1);
    expect(bounded.details).toHaveLength(STORED_ERROR_LIMITS.details);
    expect(JSON.stringify(bounded).length).toBeLessThan(12_000);
  });
});
