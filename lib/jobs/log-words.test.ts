import { describe, expect, it } from 'vitest';

import { errorCountWords, validatingWords } from './log-words';

describe('job log words', () => {
  it('names the load mode as the wizard does, not by its API value', () => {
    expect(validatingWords(' of "a.csv"', 'upsert', 100)).toBe(
      'Validating every record of "a.csv" (add new records and update existing ones, stop after 100 errors)…',
    );
    expect(validatingWords('', 'replace', 1)).toBe(
      'Validating every record (replace the whole list, stop after 1 error)…',
    );
    expect(validatingWords('', 'append', 5000)).toBe(
      'Validating every record (add new records only, stop after 5,000 errors)…',
    );
  });

  it('counts errors in words, without "error(s)"', () => {
    expect(errorCountWords(1, false)).toBe('1 error');
    expect(errorCountWords(4, false)).toBe('4 errors');
    expect(errorCountWords(1000, true)).toBe('1,000+ errors');
  });
});
