import { describe, expect, it } from 'vitest';

import { compileColumnPattern } from './column-pattern';
import { READY_PATTERNS } from './ready-patterns';

describe('READY_PATTERNS', () => {
  it.each(READY_PATTERNS)('$label is accepted by the server and matches its examples', ({ pattern, examples }) => {
    const compiled = compileColumnPattern(pattern);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    for (const example of examples) expect(compiled.test(example)).toBe(true);
    expect(compiled.test('not it')).toBe(false);
  });
});
