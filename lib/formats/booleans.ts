import type { ParseResult } from '@/lib/lists/value-parsers';
import type { BooleanFormat } from '@/lib/shared/column-formats';

/**
 * Boolean formats: the words a file uses for yes and no ("ja"/"nein", "x"/""…), compared without
 * case and surrounding spaces. true and false are always read too, so an export loads back.
 */

export function normalizeWord(word: string): string {
  return word.trim().toLowerCase();
}

export function compileBooleanReader(format: BooleanFormat): (raw: string) => ParseResult {
  const yes = new Set(['true', ...format.trueWords.map(normalizeWord)]);
  const no = new Set(['false', ...format.falseWords.map(normalizeWord)]);
  const words = [...format.trueWords, ...format.falseWords].map((w) => (w.trim() === '' ? '(empty)' : `"${w.trim()}"`));
  return (raw) => {
    if (raw === 'true' || raw === 'false') return { ok: true, value: raw };
    const word = normalizeWord(raw);
    if (yes.has(word)) return { ok: true, value: 'true' };
    if (no.has(word)) return { ok: true, value: 'false' };
    return {
      ok: false,
      reason: 'is not one of the words this column uses for yes and no',
      hint: `Use ${words.join(' or ')} (or true / false).`,
    };
  };
}

export function compileBooleanWriter(format: BooleanFormat): (value: string) => string {
  const yes = format.trueWords[0] ?? 'true';
  const no = format.falseWords[0] ?? 'false';
  return (value) => (value === 'true' ? yes : no);
}

/** The value an empty cell stands for, when the format gives the empty word a meaning ("x" for yes, nothing for no). */
export function booleanForEmpty(format: BooleanFormat): string | undefined {
  if (format.falseWords.some((w) => w.trim() === '')) return 'false';
  if (format.trueWords.some((w) => w.trim() === '')) return 'true';
  return undefined;
}
