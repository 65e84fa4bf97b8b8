import { describe, expect, it } from 'vitest';

import { compileColumnPattern, MAX_PATTERN_SIZE, type ColumnPattern, type PatternRefusal } from './column-pattern';

function compiled(pattern: string): ColumnPattern {
  const result = compileColumnPattern(pattern);
  if (!result.ok) throw new Error(`expected ${pattern} to compile, got: ${result.reason}`);
  return result;
}

function refused(pattern: string): PatternRefusal {
  const result = compileColumnPattern(pattern);
  if (result.ok) throw new Error(`expected ${pattern} to be refused`);
  return result;
}

describe('compileColumnPattern: the meaning of ordinary patterns is kept', () => {
  it('matches the whole value, alternatives included', () => {
    const code = compiled('[A-Z]{2}\\d{3}');
    expect(code.test('AB123')).toBe(true);
    for (const value of ['AB1234', 'xAB123', 'ab123', 'AB12', ' AB123', 'AB123\n'])
      expect(code.test(value)).toBe(false);
    const size = compiled('S|M|L');
    expect(['S', 'M', 'L'].map(size.test)).toEqual([true, true, true]);
    expect(['SM', 'XL', ''].map(size.test)).toEqual([false, false, false]);
  });

  it('matches by code point, with Unicode classes and JavaScript escapes', () => {
    expect(compiled('.').test('😀')).toBe(true);
    expect(compiled('\\p{L}+').test('Zoë Ångström'.replace(' ', ''))).toBe(true);
    expect(compiled('\\p{Lu}\\p{Ll}+').test('Élodie')).toBe(true);
    expect(compiled('caf\\u00e9').test('café')).toBe(true);
    expect(compiled('\\u{1F600}').test('😀')).toBe(true);
    expect(compiled('[\\u0041-\\u005A]+').test('ABC')).toBe(true);
    expect(compiled('a\\/b').test('a/b')).toBe(true);
    expect(compiled('(?<area>\\d{3})-\\d{4}').test('555-1234')).toBe(true);
  });

  it('answers the patterns that froze the server at once, as RegExp would after minutes', () => {
    // RegExp needs about 2^40 steps for the first and ages for the second: these would never end.
    expect(compiled('(a+)+').test(`${'a'.repeat(40)}!`)).toBe(false);
    expect(compiled('(a+)+').test('a'.repeat(40))).toBe(true);
    const email = compiled('([a-zA-Z0-9_.-])+@(([a-zA-Z0-9-])+\\.)+([a-zA-Z0-9]{2,4})+');
    expect(email.test(`a@a.${'a'.repeat(80)}!`)).toBe(false);
    expect(email.test('jane.doe@example.co.uk')).toBe(true);
    expect(compiled('(x+x+)+y').test('x'.repeat(5000))).toBe(false);
  });
});

describe('compileColumnPattern: what cannot run in linear time is refused with what to write instead', () => {
  it('refuses back-references, numbered and named', () => {
    for (const pattern of ['(a)\\1', '([a-z])\\1+', '(?<c>a)\\k<c>']) {
      const r = refused(pattern);
      expect(r.reason, pattern).toMatch(/back-reference/);
      expect(r.instead).toMatch(/\[a-z\]\{2\}/);
    }
  });

  it('refuses lookahead and lookbehind', () => {
    for (const pattern of ['(?=.*\\d).{8,}', '(?!x).*']) expect(refused(pattern).reason, pattern).toMatch(/lookahead/);
    for (const pattern of ['(?<=a)b', '(?<!a)b']) expect(refused(pattern).reason, pattern).toMatch(/lookbehind/);
    expect(refused('(?=.*\\d).{8,}').instead).toContain('.*[0-9].*');
  });

  it('refuses patterns that are too large to check quickly', () => {
    expect(refused('a{1001}').reason).toMatch(/more than 1,000 times/);
    expect(refused('(?:a{1000}){1000}').reason).toMatch(/more than 1,000 times|too large/);
    const big = refused(`(?:\\p{L}{${MAX_PATTERN_SIZE}})x`);
    expect(big.reason).toMatch(/too large/);
    expect(big.instead).toContain('maxLength');
    // A real-world email pattern with counted repeats is well within the bound.
    compiled('[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}');
  });

  it('refuses what JavaScript itself would not accept, as before', () => {
    expect(refused('(').reason).toMatch(/not a valid regular expression/);
    // `\-` outside a class is allowed without the u flag but not with it.
    expect(refused('a\\-b').reason).toMatch(/not a valid regular expression/);
  });
});
