import { describe, expect, it } from 'vitest';

import { oneLine } from './one-line';

describe('oneLine', () => {
  it('shows every kind of line break as ⏎ and keeps spaces as written', () => {
    expect(oneLine('São\nPaulo')).toBe('São⏎Paulo');
    expect(oneLine('a\r\nb\rc')).toBe('a⏎b⏎c');
    expect(oneLine('  Ken  ')).toBe('  Ken  ');
  });
});
