import { describe, expect, it } from 'vitest';

import { loadSummary } from './load-summary';

const counts = { inserted: 1, updated: 0, unchanged: 0, deleted: 0 };

describe('loadSummary', () => {
  it('says "1 record", not "1 records"', () => {
    expect(loadSummary(1, counts, '0.1')).toBe('Loaded 1 record in 0.1 s: 1 new, 0 updated, 0 unchanged, 0 removed.');
  });

  it('writes counts with thousands separators', () => {
    expect(loadSummary(1_000_000, { inserted: 1_000_000, updated: 0, unchanged: 0, deleted: 0 })).toBe(
      'Loaded 1,000,000 records: 1,000,000 new, 0 updated, 0 unchanged, 0 removed.',
    );
  });
});
