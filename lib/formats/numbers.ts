import { VALUE_PARSERS, type ParseResult } from '@/lib/lists/value-parsers';
import type { NumberFormat, ThousandsSeparator } from '@/lib/shared/column-formats';

/**
 * Number formats: 1.234,56 (decimal comma, dot groups), 1 234,56, 1'234.56, 1,234.56… read into the
 * canonical 1234.56 and written back. Digit groups must be groups of three after the first: a value
 * that only looks grouped ("1.5" where dots group thousands) is not silently read as fifteen.
 */

/** The characters a spreadsheet writes for each thousands separator (spaces come in three kinds). */
const SEPARATOR_CHARS: Record<ThousandsSeparator, string> = {
  ',': ',',
  '.': '.',
  space: ' \u00a0\u202f',
  "'": "'\u2019",
};

const SEPARATOR_NAMES: Record<ThousandsSeparator, string> = {
  ',': 'commas',
  '.': 'dots',
  space: 'spaces',
  "'": 'apostrophes',
};

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, (c) => `\\${c}`);
}

/** How the format writes 1234567.89, for messages. */
export function numberExample(format: NumberFormat, integer = false): string {
  const decimal = format.decimalSeparator ?? '.';
  const group = format.thousandsSeparator === undefined ? '' : SEPARATOR_CHARS[format.thousandsSeparator][0]!;
  return `1${group}234${group}567${integer ? '' : `${decimal}89`}`;
}

export function describeNumberFormat(format: NumberFormat): string {
  const decimal = (format.decimalSeparator ?? '.') === ',' ? 'a decimal comma' : 'a decimal point';
  const groups =
    format.thousandsSeparator === undefined
      ? ''
      : `, thousands grouped with ${SEPARATOR_NAMES[format.thousandsSeparator]}`;
  return `${decimal}${groups}`;
}

/** The format's text of a number → canonical text (digits, an optional '-', '.' for decimals), before range checks. */
function compileShapeReader(format: NumberFormat): (text: string) => string | undefined {
  const decimal = format.decimalSeparator ?? '.';
  const separators = format.thousandsSeparator === undefined ? '' : SEPARATOR_CHARS[format.thousandsSeparator];
  const group = separators ? `[${escapeClass(separators)}]` : '';
  const whole = group ? `(\\d{1,3}(?:${group}\\d{3})+|\\d+)` : '(\\d+)';
  // A sign before the number, the typographic minus (−) included; or a minus after it, as SAP and
  // other accounting exports write a negative amount (133,55-).
  const shape = new RegExp(
    `^(?:([+\u2212-]?)${whole}(?:${decimal === '.' ? '\\.' : ','}(\\d+))?([eE][+-]?\\d+)?|${whole}(?:${decimal === '.' ? '\\.' : ','}(\\d+))?(-))$`,
  );
  const strip = group ? new RegExp(group, 'g') : undefined;
  return (text) => {
    const match = shape.exec(text);
    if (!match) return undefined;
    // Groups: sign, digits, fraction, exponent — or digits, fraction, minus after them.
    const trailing = match[7] !== undefined;
    const [sign = '', digits = '', fraction, exponent = ''] = trailing
      ? ['-', match[5], match[6], '']
      : [match[1] === '\u2212' ? '-' : match[1], match[2], match[3], match[4]];
    return `${sign}${strip ? digits.replace(strip, '') : digits}${fraction === undefined ? '' : `.${fraction}`}${exponent}`;
  };
}

/**
 * A reader for an integer or number column with a format. A value the format cannot read, written
 * the canonical way instead (1234.5 in a decimal-comma column), is read as such: the dot cannot be
 * the format's (a list's own export loads back) — except where dots group thousands and the value
 * is validly grouped, which the format reads first.
 */
export function compileNumberReader(format: NumberFormat, integer: boolean): (text: string) => ParseResult {
  const readShape = compileShapeReader(format);
  const canonical = integer ? VALUE_PARSERS.integer : VALUE_PARSERS.number;
  const decimalComma = (format.decimalSeparator ?? '.') === ',';
  const wrongShape: ParseResult = {
    ok: false,
    reason: integer ? 'is not a whole number in the list’s format' : 'is not a number in the list’s format',
    hint: `This column writes numbers like ${numberExample(format, integer)} (${describeNumberFormat(format)}).`,
  };
  return (raw) => {
    const text = raw.trim();
    const shaped = readShape(text);
    if (shaped !== undefined) {
      if (integer && shaped.includes('.')) {
        return {
          ok: false,
          reason: 'is not a whole number',
          hint: 'Remove the decimals: this column holds whole numbers only.',
        };
      }
      return canonical(shaped);
    }
    // The canonical writing, when the format's decimal separator does not occur in it.
    if (decimalComma && !text.includes(',')) {
      const result = canonical(text);
      if (result.ok) return result;
    }
    return wrongShape;
  };
}

/** Canonical number text (as stored: -1234.56, never an exponent) → the format's writing. */
export function compileNumberWriter(format: NumberFormat): (value: string) => string {
  const decimal = format.decimalSeparator ?? '.';
  const group = format.thousandsSeparator === undefined ? '' : SEPARATOR_CHARS[format.thousandsSeparator][0]!;
  return (value) => {
    const negative = value.startsWith('-');
    const [whole = '', fraction] = (negative ? value.slice(1) : value).split('.');
    const grouped = group ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, group) : whole;
    return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `${decimal}${fraction}`}`;
  };
}

/** A decimal as a person reads it, without trailing zeros: 1.000 is 1 (not a thousand), 12.500 is 12.5. */
export function withoutTrailingZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/\.?0+$/, '') : decimal;
}
