import { describe, expect, it } from 'vitest';

import { checkScriptModule } from '../declaration';
import { normalizeEmail, normalizePhone, splitName } from '../helpers/contacts';
import { listValue, runTask, tempFile } from '../testing/harness';
import type { ScriptModule } from '../types';
import * as contacts from './0.0.1-contacts-cleanup';

const script = contacts as unknown as ScriptModule;
const CONTACTS = listValue([
  { name: 'email', isKey: true },
  { name: 'firstName' },
  { name: 'lastName' },
  { name: 'phone' },
  { name: 'company' },
]);

const CSV = [
  'Full Name;E-mail;Tel;Company',
  'DOE, JOHN;  John.Doe@Example.COM ;(415) 555-2671;Acme',
  'Dr. Ludwig van Beethoven;<LUDWIG@bonn.de>;+49 30 901820;Music',
  "mary-ann o'brien;mary@example.org;0044 20 7946 0958;",
  'DOE, JOHN;john.doe@example.com;415.555.2671;Acme',
  '',
  'Bad Email;not-an-email;12;',
].join('\n');

describe('contact clean-up rules', () => {
  it.each([
    ['DOE, JOHN', 'John', 'Doe'],
    ['Dr. John A. Smith Jr.', 'John A.', 'Smith'],
    ['ludwig van beethoven', 'Ludwig', 'van Beethoven'],
    ["mary-ann o'brien", 'Mary-Ann', "O'Brien"],
    ['MCDONALD, RONALD', 'Ronald', 'McDonald'],
    ['  Cher  ', 'Cher', ''],
    ['Jean-Luc de la Tour', 'Jean-Luc', 'de la Tour'],
    ['Smith, Jr.', 'Smith', ''],
  ])('splits %j into %j / %j', (raw, first, last) => {
    expect(splitName(raw)).toMatchObject({ firstName: first, lastName: last });
  });

  it('lower-cases and validates emails', () => {
    expect(normalizeEmail('  John.Doe@Example.COM ')).toEqual({ value: 'john.doe@example.com' });
    expect(normalizeEmail('John Doe <JD@Example.org>')).toEqual({ value: 'jd@example.org' });
    expect(normalizeEmail('mailto:a@b.io')).toEqual({ value: 'a@b.io' });
    expect(normalizeEmail('')).toEqual({ value: null });
    for (const bad of ['not-an-email', 'a@b', 'a@@b.com', 'a b@c.com', '.a@b.com', 'a..b@c.com'])
      expect(normalizeEmail(bad)).toEqual({ invalid: bad });
  });

  it('normalises phone numbers to E.164 with a default country', () => {
    expect(normalizePhone('(415) 555-2671', 'US')).toEqual({ value: '+14155552671' });
    expect(normalizePhone('030 901820', 'DE')).toEqual({ value: '+4930901820' });
    expect(normalizePhone('0044 20 7946 0958', 'US')).toEqual({ value: '+442079460958' });
    expect(normalizePhone('+1 415 555 2671 ext. 5', 'FR')).toEqual({ value: '+14155552671' });
    expect(normalizePhone('12', 'US')).toEqual({ invalid: '12' });
    expect(normalizePhone(' ', 'US')).toEqual({ value: null });
  });
});

describe('0.0.1-contacts-cleanup script', () => {
  const base = { delimiter: 'auto', defaultCountry: 'US', list: CONTACTS };

  it('declares valid inputs and guesses the source columns from the header', async () => {
    expect(checkScriptModule(contacts).ok).toBe(true);
    const file = await tempFile('contacts.csv', CSV);
    const options = await contacts.options({ ...base, file });
    expect(options.nameColumn?.default).toBe('Full Name');
    expect(options.emailColumn?.default).toBe('E-mail');
    expect(options.phoneColumn?.default).toBe('Tel');
    expect(options.emailColumn?.options.map((o) => o.value)).toEqual(['-', 'Full Name', 'E-mail', 'Tel', 'Company']);
  });

  it('previews every value before and after, counting duplicates and invalid values', async () => {
    const file = await tempFile('contacts.csv', CSV);
    const values = {
      ...base,
      file,
      nameColumn: 'Full Name',
      emailColumn: 'E-mail',
      phoneColumn: 'Tel',
      invalidValues: 'reject',
    };
    const outcome = await runTask(script, 'preview', values);
    expect(outcome.validation.valid).toBe(true);
    const preview = outcome.preview!;
    expect(preview.columns).toEqual([
      'Row',
      'Name (before)',
      'First name',
      'Last name',
      'Email (before)',
      'Email',
      'Phone (before)',
      'Phone',
      'Note',
    ]);
    expect(preview.rows[0]).toEqual([
      2,
      'DOE, JOHN',
      'John',
      'Doe',
      '  John.Doe@Example.COM ',
      'john.doe@example.com',
      '(415) 555-2671',
      '+14155552671',
      '',
    ]);
    expect(preview.rows[1]).toEqual([
      3,
      'Dr. Ludwig van Beethoven',
      'Ludwig',
      'van Beethoven',
      '<LUDWIG@bonn.de>',
      'ludwig@bonn.de',
      '+49 30 901820',
      '+4930901820',
      '',
    ]);
    expect(preview.rows[3]![8]).toBe('duplicate: dropped');
    expect(preview.rows[4]).toEqual([
      7,
      'Bad Email',
      'Bad',
      'Email',
      'not-an-email',
      '',
      '12',
      '',
      'invalid email; invalid phone',
    ]);
    expect(preview.totalRows).toBe(5);
    expect(preview.messages).toEqual([
      expect.objectContaining({
        status: 'INFO',
        message: '5 contact(s) read; 4 will be loaded after dropping 1 exact duplicate(s).',
      }),
      expect.objectContaining({ status: 'ERROR', title: 'Invalid emails' }),
      expect.objectContaining({ status: 'ERROR', title: 'Invalid phone numbers' }),
    ]);
  });

  it('rejects invalid values with row, column and value — or leaves them empty when asked', async () => {
    const file = await tempFile('contacts.csv', CSV);
    const values = { ...base, file, nameColumn: 'Full Name', emailColumn: 'E-mail', phoneColumn: 'Tel' };
    const rejected = await runTask(script, 'run', { ...values, invalidValues: 'reject' });
    expect(rejected.problems).toEqual([
      expect.objectContaining({ row: 7, column: 'E-mail', value: 'not-an-email' }),
      expect.objectContaining({ row: 7, column: 'Tel', value: '12' }),
    ]);
    const blanked = await runTask(script, 'run', { ...values, invalidValues: 'blank' });
    expect(blanked.problems).toEqual([]);
    // Rows keep the CSV's numbering: the duplicate and the blank line become blank lines.
    expect(blanked.rows).toEqual([
      ['john.doe@example.com', 'John', 'Doe', '+14155552671', 'Acme'],
      ['ludwig@bonn.de', 'Ludwig', 'van Beethoven', '+4930901820', 'Music'],
      ['mary@example.org', 'Mary-Ann', "O'Brien", '+442079460958', ''],
      [],
      [],
      ['', 'Bad', 'Email', '', ''],
    ]);
    expect(blanked.logs.map((l) => l[1])).toContain('Read 5 contact(s); dropped 1 exact duplicate(s); 4 to load.');
  });

  it('skips rows of delimiters or spaces only, as it skips blank lines', async () => {
    const file = await tempFile(
      'contacts.csv',
      [...CSV.split('\n').slice(0, 2), ';;;', ' ; ;\t; ', CSV.split('\n')[2]].join('\n'),
    );
    const values = { ...base, file, nameColumn: 'Full Name', emailColumn: 'E-mail', phoneColumn: 'Tel' };
    const run = await runTask(script, 'run', { ...values, invalidValues: 'reject' });
    expect(run.problems).toEqual([]);
    expect(run.rows).toEqual([
      ['john.doe@example.com', 'John', 'Doe', '+14155552671', 'Acme'],
      [],
      [],
      ['ludwig@bonn.de', 'Ludwig', 'van Beethoven', '+4930901820', 'Music'],
    ]);
    expect(run.logs.map((l) => l[1])).toContain('Read 2 contact(s); dropped 0 exact duplicate(s); 2 to load.');
  });

  it('refuses a list without columns for the cleaned values, or one that requires something missing', async () => {
    const file = await tempFile('contacts.csv', CSV);
    const values = {
      ...base,
      file,
      nameColumn: 'Full Name',
      emailColumn: 'E-mail',
      phoneColumn: 'Tel',
      invalidValues: 'reject',
    };
    const unrelated = listValue([{ name: 'sku', isKey: true }]);
    const outcome = await runTask(script, 'validate', { ...values, list: unrelated });
    expect(outcome.validation.valid).toBe(false);
    const text = outcome.validation.messages.map((m) => m.message).join('\n');
    expect(text).toMatch(/none of the columns firstName, lastName, fullName, email or phone/);
    expect(text).toMatch(/requires "sku"/);
  });
});
