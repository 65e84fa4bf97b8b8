import { RE2JS } from 're2js';

/**
 * A column's `pattern`, run by RE2 (the re2js port) instead of JavaScript's backtracking RegExp:
 * RE2 matches in time linear in the value, so no pattern and no value can freeze the server or the
 * browser — `(a+)+` against "aaaa…!" costs microseconds, where RegExp doubled its time with every
 * character. The same code runs in the browser's import worker and on the server.
 *
 * Patterns are written in JavaScript's syntax (as before) and keep their meaning: the whole value
 * must match, by code point. What RE2 cannot run in linear time — back-references and lookaround —
 * is refused when a list is created or its columns change, with what to write instead.
 */
export type ColumnPattern = { ok: true; test: (value: string) => boolean };
export type PatternRefusal = { ok: false; reason: string; instead: string };

/**
 * Counted repeats multiply a pattern's size, and the time per character grows with it: 1,000
 * instructions keep the slowest value checks at tens of milliseconds while allowing real-world
 * patterns (an email pattern with {1,64}@{1,253} counts is 760).
 */
export const MAX_PATTERN_SIZE = 1000;

const DESCRIBE_WHOLE_VALUE =
  'Describe the whole value from start to end instead: for example .*[0-9].* for "contains a digit", or [^x]* for "has no x".';

export function compileColumnPattern(pattern: string): ColumnPattern | PatternRefusal {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return refusal(
      `is not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`,
      'Check its brackets and escapes; a backslash before a letter only works for \\d, \\w, \\s, \\p{…} and the like.',
    );
  }
  // translateRegExp would turn \k<name> into the letter k: refuse it while it still reads as a back-reference.
  if (/\\k</.test(pattern)) return backReference('\\k<…>');
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (error) {
    return explainRe2Error(error instanceof Error ? error.message : String(error));
  }
  if (compiled.programSize() > MAX_PATTERN_SIZE) {
    return refusal(
      'is too large to check quickly (its counted repeats such as {1,500} expand it)',
      'Use + or * instead of large counts, and put the length limit in the column\'s "maxLength".',
    );
  }
  return { ok: true, test: (value) => compiled.testExact(value) };
}

function explainRe2Error(message: string): PatternRefusal {
  const construct = /`([^`]*)`/.exec(message)?.[1] ?? '';
  if (/invalid escape sequence/.test(message) && /^\\[1-9]/.test(construct)) return backReference(construct);
  if (construct.startsWith('(?=') || construct.startsWith('(?!'))
    return refusal(
      `uses a lookahead (${construct.slice(0, 3)}…), which cannot be checked in linear time`,
      DESCRIBE_WHOLE_VALUE,
    );
  if (construct.startsWith('(?<=') || construct.startsWith('(?<!'))
    return refusal(
      `uses a lookbehind (${construct.slice(0, 4)}…), which cannot be checked in linear time`,
      DESCRIBE_WHOLE_VALUE,
    );
  if (/invalid repeat count/.test(message))
    return refusal(
      `repeats more than 1,000 times (${construct})`,
      'Use + or * instead, and put the length limit in the column\'s "maxLength".',
    );
  if (/expression too large/.test(message))
    return refusal(
      'is too large to check quickly',
      'Use + or * instead of large counts, and put the length limit in the column\'s "maxLength".',
    );
  return refusal(
    `cannot be checked in linear time (${message.replace(/^error parsing regexp: /, '')})`,
    'Use character classes like [a-z] or \\d, groups (…), alternatives a|b and repeats + * ? {n,m}.',
  );
}

function backReference(construct: string): PatternRefusal {
  return refusal(
    `repeats an earlier group with the back-reference ${construct}, which cannot be checked in linear time`,
    'Describe what may repeat instead: for example [a-z]{2} rather than ([a-z])\\1.',
  );
}

function refusal(reason: string, instead: string): PatternRefusal {
  return { ok: false, reason, instead };
}
