import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * Clean-up rules for contact data typed by people: names split into first and last, emails
 * lower-cased and checked, phone numbers in E.164. Pure functions, unit-tested one rule at a time.
 */

const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'rev',
  'herr',
  'frau',
  'mme',
  'mlle',
  'm',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq', 'mba', 'dds']);
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'da',
  'del',
  'della',
  'der',
  'den',
  'di',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'do',
  'ten',
  'ter',
  'bin',
  'ibn',
  'al',
  'el',
  'st',
  'y',
]);

export type SplitName = { firstName: string; lastName: string; fullName: string };

const bare = (token: string) => token.toLowerCase().replace(/\./g, '');

/** "DOE, JOHN", "Dr. John A. Smith Jr.", "ludwig van beethoven" → first and last name, sensibly capitalised. */
export function splitName(raw: string): SplitName {
  let text = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["']+|["']+$/g, '')
    .trim();
  if (text === '') return { firstName: '', lastName: '', fullName: '' };
  const commaParts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  // "Last, First" — but "Smith, Jr." only carries a suffix.
  if (commaParts.length === 2 && !SUFFIXES.has(bare(commaParts[1]!))) text = `${commaParts[1]} ${commaParts[0]}`;
  else text = commaParts.join(' ');

  let tokens = text.split(' ').filter(Boolean);
  while (tokens.length > 1 && TITLES.has(bare(tokens[0]!))) tokens = tokens.slice(1);
  while (tokens.length > 1 && SUFFIXES.has(bare(tokens[tokens.length - 1]!))) tokens = tokens.slice(0, -1);

  const shouting = text === text.toUpperCase() || text === text.toLowerCase();
  const cased = shouting
    ? tokens.map((t, i) => (i > 0 && PARTICLES.has(t.toLowerCase()) ? t.toLowerCase() : capitalize(t)))
    : tokens;
  if (cased.length === 1) return { firstName: cased[0]!, lastName: '', fullName: cased[0]! };

  let lastStart = cased.length - 1;
  while (lastStart > 1 && PARTICLES.has(cased[lastStart - 1]!.toLowerCase())) lastStart--;
  const firstName = cased.slice(0, lastStart).join(' ');
  const lastName = cased.slice(lastStart).join(' ');
  return { firstName, lastName, fullName: `${firstName} ${lastName}` };
}

/** "o'brien-smith" → "O'Brien-Smith", "mcdonald" → "McDonald". */
function capitalize(word: string): string {
  const lower = word.toLowerCase();
  const upperFirst = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
  let result = lower
    .split('-')
    .map((part) => part.split("'").map(upperFirst).join("'"))
    .join('-');
  if (/^mc[a-z]/i.test(result)) result = 'Mc' + upperFirst(result.slice(2));
  return result;
}

const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export type Cleaned = { value: string | null } | { invalid: string };

/** "  John <John.Doe@Example.COM> " → "john.doe@example.com"; empty stays empty; anything else invalid. */
export function normalizeEmail(raw: string): Cleaned {
  let text = raw.trim();
  if (text === '') return { value: null };
  const angle = /<([^<>]+)>\s*$/.exec(text);
  if (angle) text = angle[1]!.trim();
  text = text.replace(/^mailto:/i, '').toLowerCase();
  if (text.length > 254 || !EMAIL.test(text)) return { invalid: raw.trim() };
  return { value: text };
}

/** A phone number in E.164 (+14155552671), read with `country` for numbers without a country code. */
export function normalizePhone(raw: string, country: CountryCode): Cleaned {
  const text = raw.trim();
  if (text === '') return { value: null };
  const parsed = parsePhoneNumberFromString(text.replace(/^00/, '+'), country);
  if (!parsed || !parsed.isValid()) return { invalid: text };
  return { value: parsed.number };
}

export function countryOptions() {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  return getCountries()
    .map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export function isCountryCode(value: string): value is CountryCode {
  return (getCountries() as string[]).includes(value);
}
