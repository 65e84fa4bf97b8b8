import { describe, expect, it } from 'vitest';

import { readSameFileLine, sameFileLine } from '@/lib/shared/same-file-line';

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

describe('the same-file log line', () => {
  const id = '0b6f1c2e-8d4a-4f3b-9a51-2c7e5d9f0a13';

  it('names the earlier job and its time, and reads back for the job page to link', () => {
    const line = sameFileLine({ id, createdAt: new Date('2026-12-01T10:37:05.123Z') });
    expect(line).toBe(
      `This file has the same content (SHA-256) as an earlier import of this list: job ${id} of 2026-12-01T10:37:05.123Z.`,
    );
    expect(readSameFileLine(line)).toEqual({ jobId: id, createdAt: '2026-12-01T10:37:05.123Z' });
  });

  it('reads the line of logs written before it named the time', () => {
    expect(readSameFileLine(`This file has the same content (sha256) as job ${id}.`)).toEqual({ jobId: id });
  });

  it('leaves every other line alone', () => {
    expect(readSameFileLine('Validating every record (add new records only, stop after 5 errors)…')).toBeUndefined();
    expect(readSameFileLine(`This file has the same content (sha256) as job ${id}. And more.`)).toBeUndefined();
    expect(readSameFileLine('This file has the same content (sha256) as job 12.')).toBeUndefined();
  });
});
