import { describe, expect, it } from 'vitest';

import { errorThresholdProblem, MAX_ERROR_THRESHOLD } from '@/lib/shared/error-threshold';

describe('errorThresholdProblem', () => {
  it('accepts whole numbers from 1 to the maximum', () => {
    for (const typed of ['1', '5', ' 100 ', String(MAX_ERROR_THRESHOLD)])
      expect(errorThresholdProblem(typed)).toBe(undefined);
  });

  it('refuses decimals, zero, negatives, too many and nothing, in words', () => {
    expect(errorThresholdProblem('2.5')).toBe('Enter a whole number, without decimals, from 1 to 10,000.');
    expect(errorThresholdProblem('0')).toBe('Enter a whole number from 1 to 10,000.');
    expect(errorThresholdProblem('-5')).toBe('Enter a whole number from 1 to 10,000.');
    expect(errorThresholdProblem(String(MAX_ERROR_THRESHOLD + 1))).toBe('Enter a whole number from 1 to 10,000.');
    expect(errorThresholdProblem('')).toBe('Enter how many errors to stop at: a whole number from 1 to 10,000.');
    expect(errorThresholdProblem('e')).toBe('Enter a whole number from 1 to 10,000.');
  });
});
