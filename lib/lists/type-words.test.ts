import { describe, expect, it } from 'vitest';

import { DATA_TYPES } from '@/lib/shared/data-types';

import { TYPE_WORDS, typeWords } from './type-words';

describe('typeWords', () => {
  it('names every data type in plain words', () => {
    expect(DATA_TYPES.map(typeWords)).toEqual(['Text', 'Whole number', 'Number', 'Yes/No', 'Date', 'Date and time']);
    expect(Object.keys(TYPE_WORDS).sort()).toEqual([...DATA_TYPES].sort());
  });

  it('passes an unknown type through rather than hiding it', () => {
    expect(typeWords('geometry')).toBe('geometry');
  });
});
