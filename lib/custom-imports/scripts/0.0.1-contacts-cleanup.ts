import { createHash } from 'node:crypto';

import { parseRecords } from '@/lib/csv/record-stream';

import {
  countryOptions,
  isCountryCode,
  normalizeEmail,
  normalizePhone,
  splitName,
  type Cleaned,
} from '../helpers/contacts';
import { readText } from '../helpers/text-file';
import type {
  DynamicOptions,
  FileValue,
  InputDeclaration,
  InputValues,
  ListValue,
  Message,
  Preview,
  ScriptContext,
  ScriptRecord,
  SelectOption,
} from '../types';

export const title = 'Contacts cleanup → list';

export const description =
  'Cleans a CSV of contacts typed by people, then loads it into a list: full names are split into first and last name, emails are ' +
  'lower-cased and checked, phone numbers are written the international way, with + and the country code and no spaces (020 7946 0958 in the ' +
  'UK becomes +442079460958; a default country is used for numbers written without one), and exact duplicates are dropped. ' +
  'The preview shows every value before and after.';

const NONE = '-';

export const inputs: InputDeclaration[] = [
  {
    name: 'file',
    type: 'file',
    label: 'Contacts CSV',
    help: 'A CSV file with a header row, e.g. exported from a CRM, a mail client or a spreadsheet. UTF-8.',
    required: true,
    accept: ['.csv', '.txt', 'text/csv'],
    validators: [
      {
        type: 'extensions',
        value: ['.csv', '.txt'],
        message: 'Choose a .csv file (save spreadsheets as "CSV UTF-8").',
      },
    ],
  },
  {
    name: 'delimiter',
    type: 'select',
    label: 'Delimiter',
    required: true,
    default: 'auto',
    options: [
      { value: 'auto', label: 'Detect from the header' },
      { value: ',', label: 'Comma (,)' },
      { value: ';', label: 'Semicolon (;)' },
      { value: 'tab', label: 'Tab' },
      { value: '|', label: 'Pipe (|)' },
    ],
  },
  {
    name: 'nameColumn',
    type: 'select',
    label: 'Column with full names',
    help: 'Split into first and last name.',
    required: true,
    options: [],
    dynamic: { dependsOn: ['file', 'delimiter'] },
  },
  {
    name: 'emailColumn',
    type: 'select',
    label: 'Column with emails',
    required: true,
    options: [],
    dynamic: { dependsOn: ['file', 'delimiter'] },
  },
  {
    name: 'phoneColumn',
    type: 'select',
    label: 'Column with phone numbers',
    required: true,
    options: [],
    dynamic: { dependsOn: ['file', 'delimiter'] },
  },
  {
    name: 'defaultCountry',
    type: 'select',
    label: 'Default country for phone numbers',
    help: 'Numbers written without a country code (+…) are read as numbers of this country.',
    required: true,
    default: 'US',
    options: countryOptions(),
  },
  {
    name: 'invalidValues',
    type: 'select',
    label: 'Invalid emails and phone numbers',
    required: true,
    default: 'reject',
    options: [
      { value: 'reject', label: 'Stop: list every invalid value, load nothing' },
      { value: 'blank', label: 'Leave the value empty and load the contact' },
    ],
  },
  {
    name: 'list',
    type: 'list',
    label: 'Target list',
    help: 'Its columns receive firstName, lastName, fullName, email and phone (by name), and any CSV column of the same name.',
    required: true,
  },
];

type Values = {
  file: FileValue;
  delimiter: string;
  nameColumn: string;
  emailColumn: string;
  phoneColumn: string;
  defaultCountry: string;
  invalidValues: 'reject' | 'blank';
  list: ListValue;
};

/** List column names (lower-case, without spaces, _ and -) that receive each cleaned field. */
const TARGETS = {
  firstName: ['firstname', 'givenname', 'first'],
  lastName: ['lastname', 'surname', 'familyname', 'last'],
  fullName: ['fullname', 'name', 'contactname'],
  email: ['email', 'emailaddress', 'mail'],
  phone: ['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'mobilephone'],
} as const;
type Field = keyof typeof TARGETS;

const squash = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

function targetColumns(list: ListValue): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const field of Object.keys(TARGETS) as Field[]) {
    const column = list.columns.find((c) => (TARGETS[field] as readonly string[]).includes(squash(c.name)));
    if (column) out[field] = column.name;
  }
  return out;
}

function delimiterOf(values: Values, headerLine: string): string {
  if (values.delimiter === 'tab') return '\t';
  if (values.delimiter !== 'auto') return values.delimiter;
  const counts = [',', ';', '\t', '|'].map((d) => ({ d, n: headerLine.split(d).length - 1 }));
  return counts.sort((a, b) => b.n - a.n)[0]!.n > 0 ? counts[0]!.d : ',';
}

/** The CSV's records (header first), with their 1-based row numbers, read as a stream. */
async function* csvRows(values: Values): AsyncGenerator<{ row: number; fields: string[] }> {
  let delimiter: string | undefined;
  let head = '';
  const text = readText(values.file.path);
  // The delimiter is detected from the first line, then the same chunks go to the parser.
  const chunks = async function* () {
    for await (const chunk of text) {
      if (delimiter === undefined) {
        head += chunk;
        const newline = head.indexOf('\n');
        if (newline < 0 && head.length < 65_536) continue;
        delimiter = delimiterOf(values, newline < 0 ? head : head.slice(0, newline));
        yield head;
        continue;
      }
      yield chunk;
    }
    if (delimiter === undefined) {
      delimiter = delimiterOf(values, head);
      yield head;
    }
  };
  const source = chunks();
  const first = await source.next();
  if (first.done) return;
  const replay = async function* () {
    yield first.value;
    yield* source;
  };
  for await (const batch of parseRecords(replay(), { delimiter: delimiter ?? ',' })) {
    if (batch.problems.length > 0) throw new Error(`${batch.problems[0]!.message} ${batch.problems[0]!.remediation}`);
    for (const [i, fields] of batch.records.entries()) yield { row: batch.firstRow + i, fields };
  }
}

async function readHeader(values: Values): Promise<string[] | undefined> {
  for await (const { fields } of csvRows(values)) return fields.map((f) => f.trim());
  return undefined;
}

function guess(header: string[], names: readonly string[]): string {
  return header.find((h) => names.includes(squash(h))) ?? NONE;
}

export async function options(values: InputValues): Promise<DynamicOptions> {
  const v = values as unknown as Values;
  if (!v.file) return {};
  let header: string[] | undefined;
  try {
    header = await readHeader(v);
  } catch {
    header = undefined;
  }
  const choices: SelectOption[] = [
    { value: NONE, label: '(not in the file)' },
    ...(header ?? []).filter(Boolean).map((h) => ({ value: h, label: h })),
  ];
  const h = header ?? [];
  return {
    nameColumn: { options: choices, default: guess(h, ['name', 'fullname', 'contact', 'contactname', 'customer']) },
    emailColumn: { options: choices, default: guess(h, ['email', 'emailaddress', 'mail', 'e-mail']) },
    phoneColumn: {
      options: choices,
      default: guess(h, ['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'cell']),
    },
  };
}

export async function validate(values: InputValues): Promise<Message[]> {
  const v = values as unknown as Values;
  let header: string[] | undefined;
  try {
    header = await readHeader(v);
  } catch (error) {
    return [
      {
        status: 'ERROR',
        title: 'Contacts CSV',
        message: error instanceof Error ? error.message : String(error),
        input: 'file',
      },
    ];
  }
  if (!header)
    return [
      {
        status: 'ERROR',
        title: 'Contacts CSV',
        message: 'The file is empty: it needs a header row and contacts below it.',
        input: 'file',
      },
    ];
  const messages: Message[] = [];
  if (!isCountryCode(v.defaultCountry))
    messages.push({
      status: 'ERROR',
      title: 'Default country',
      message: `"${v.defaultCountry}" is not a country code.`,
      input: 'defaultCountry',
    });
  if (v.nameColumn === NONE && v.emailColumn === NONE && v.phoneColumn === NONE) {
    messages.push({
      status: 'ERROR',
      title: 'Columns',
      message: 'Choose at least one column to clean: names, emails or phone numbers.',
      input: 'nameColumn',
    });
  }
  const targets = targetColumns(v.list);
  const produced = new Set(Object.values(targets));
  if (produced.size === 0) {
    messages.push({
      status: 'ERROR',
      title: 'Target list',
      message: `The list "${v.list.name}" has none of the columns firstName, lastName, fullName, email or phone to receive cleaned values.`,
      input: 'list',
    });
  }
  for (const column of v.list.columns) {
    const fromCsv = header.some((h) => h.toLowerCase() === column.name.toLowerCase());
    if ((column.required || column.isKey) && !produced.has(column.name) && !fromCsv) {
      messages.push({
        status: 'ERROR',
        title: 'Target list',
        message: `The list "${v.list.name}" requires "${column.name}", which neither the cleanup (firstName, lastName, fullName, email, phone) nor the CSV provides.`,
        input: 'list',
      });
    }
  }
  const unloaded: string[] = [];
  if (v.nameColumn !== NONE && !targets.fullName && !targets.firstName && !targets.lastName) unloaded.push('names');
  if (v.emailColumn !== NONE && !targets.email) unloaded.push('emails');
  if (v.phoneColumn !== NONE && !targets.phone) unloaded.push('phone numbers');
  if (unloaded.length) {
    messages.push({
      status: 'WARN',
      title: 'Not loaded',
      message: `The list has no column for ${unloaded.join(', ')}; those cleaned values show in the preview but are not loaded.`,
    });
  }
  return messages;
}

type Cleaning = {
  before: { name: string; email: string; phone: string };
  after: { firstName: string; lastName: string; email: string; phone: string };
  record: Record<string, string | null>;
  notes: string[];
  invalid: { column: string; value: string; what: 'email' | 'phone' }[];
};

/** Cleans one CSV record into the list's record, keeping the original values for the preview. */
function cleaner(v: Values, header: string[]) {
  const index = (name: string) => (name === NONE ? -1 : header.findIndex((h) => h === name));
  const nameAt = index(v.nameColumn);
  const emailAt = index(v.emailColumn);
  const phoneAt = index(v.phoneColumn);
  const targets = targetColumns(v.list);
  const passThrough = header.map(
    (h) => v.list.columns.find((c) => c.name === h || c.name.toLowerCase() === h.toLowerCase())?.name,
  );
  const country = isCountryCode(v.defaultCountry) ? v.defaultCountry : 'US';
  return (fields: string[]): Cleaning => {
    const at = (i: number) => (i >= 0 ? (fields[i] ?? '') : '');
    const record: Record<string, string | null> = {};
    passThrough.forEach((column, i) => {
      if (column && ![nameAt, emailAt, phoneAt].includes(i)) record[column] = fields[i] ?? '';
    });
    const notes: string[] = [];
    const invalid: Cleaning['invalid'] = [];
    const after = { firstName: '', lastName: '', email: '', phone: '' };
    if (nameAt >= 0) {
      const name = splitName(at(nameAt));
      Object.assign(after, { firstName: name.firstName, lastName: name.lastName });
      if (targets.firstName) record[targets.firstName] = name.firstName || null;
      if (targets.lastName) record[targets.lastName] = name.lastName || null;
      if (targets.fullName) record[targets.fullName] = name.fullName || null;
    }
    const apply = (i: number, what: 'email' | 'phone', cleaned: Cleaned) => {
      const target = targets[what];
      if ('invalid' in cleaned) {
        invalid.push({ column: header[i]!, value: cleaned.invalid, what });
        notes.push(`invalid ${what}`);
        if (target) record[target] = null;
        return;
      }
      after[what] = cleaned.value ?? '';
      if (target) record[target] = cleaned.value;
    };
    if (emailAt >= 0) apply(emailAt, 'email', normalizeEmail(at(emailAt)));
    if (phoneAt >= 0) apply(phoneAt, 'phone', normalizePhone(at(phoneAt), country));
    return { before: { name: at(nameAt), email: at(emailAt), phone: at(phoneAt) }, after, record, notes, invalid };
  };
}

/** Exact duplicates are recognised by a digest of the cleaned record: 16 bytes each, however wide the rows. */
function digest(record: Record<string, string | null>): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('base64').slice(0, 22);
}

/**
 * A blank line, a line of delimiters only (`;;;;`, as spreadsheets export rows they count as used)
 * or of spaces only: no contact, so neither read nor loaded.
 */
function holdsNoContact(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

async function* cleanedRows(v: Values) {
  let clean: ReturnType<typeof cleaner> | undefined;
  for await (const { row, fields } of csvRows(v)) {
    if (!clean) {
      clean = cleaner(
        v,
        fields.map((f) => f.trim()),
      );
      continue;
    }
    if (holdsNoContact(fields)) {
      yield { row, blank: true as const };
      continue;
    }
    yield { row, blank: false as const, ...clean(fields) };
  }
}

export async function preview(values: InputValues, ctx: ScriptContext): Promise<Preview> {
  const v = values as unknown as Values;
  const seen = new Set<string>();
  const rows: Preview['rows'] = [];
  let total = 0;
  let duplicates = 0;
  let invalidEmails = 0;
  let invalidPhones = 0;
  for await (const item of cleanedRows(v)) {
    if (item.blank) continue;
    total++;
    const key = digest(item.record);
    const duplicate = seen.has(key);
    seen.add(key);
    if (duplicate) duplicates++;
    invalidEmails += item.invalid.filter((i) => i.what === 'email').length;
    invalidPhones += item.invalid.filter((i) => i.what === 'phone').length;
    if (rows.length < ctx.previewRows) {
      const { before, after } = item;
      const note = [...item.notes, ...(duplicate ? ['duplicate: dropped'] : [])].join('; ');
      rows.push([
        item.row,
        before.name,
        after.firstName,
        after.lastName,
        before.email,
        after.email,
        before.phone,
        after.phone,
        note,
      ]);
    }
  }
  const messages: Message[] = [
    {
      status: 'INFO',
      title: 'Contacts',
      message: `${total} contact(s) read; ${total - duplicates} will be loaded after dropping ${duplicates} exact duplicate(s).`,
    },
  ];
  const rejecting = v.invalidValues === 'reject';
  if (invalidEmails)
    messages.push({
      status: rejecting ? 'ERROR' : 'WARN',
      title: 'Invalid emails',
      message: `${invalidEmails} email(s) are not valid addresses${rejecting ? ': the job will stop and list them. Fix them, or choose to leave invalid values empty.' : ' and will be left empty.'}`,
    });
  if (invalidPhones)
    messages.push({
      status: rejecting ? 'ERROR' : 'WARN',
      title: 'Invalid phone numbers',
      message: `${invalidPhones} phone number(s) are not valid for ${v.defaultCountry} or lack a country code${rejecting ? ': the job will stop and list them.' : ' and will be left empty.'}`,
    });
  return {
    columns: [
      'Row',
      'Name (before)',
      'First name',
      'Last name',
      'Email (before)',
      'Email',
      'Phone (before)',
      'Phone',
      'Note',
    ],
    rows,
    totalRows: total,
    messages,
  };
}

export async function* run(values: InputValues, ctx: ScriptContext): AsyncGenerator<ScriptRecord> {
  const v = values as unknown as Values;
  const seen = new Set<string>();
  let read = 0;
  let loaded = 0;
  let duplicates = 0;
  ctx.log(
    'INFO',
    `Cleaning ${v.file.name}: names from "${v.nameColumn}", emails from "${v.emailColumn}", phones from "${v.phoneColumn}" (default country ${v.defaultCountry}).`,
  );
  for await (const item of cleanedRows(v)) {
    if (item.blank) {
      yield [];
      continue;
    }
    read++;
    for (const bad of item.invalid) {
      if (v.invalidValues === 'reject') {
        ctx.problem({
          row: item.row,
          column: bad.column,
          value: bad.value,
          message: `Row ${item.row}: "${bad.column}" "${bad.value}" is not a valid ${bad.what === 'email' ? 'email address' : `phone number (default country ${v.defaultCountry})`}.`,
          remediation:
            bad.what === 'email'
              ? 'Correct or remove the address in the file, or choose to leave invalid values empty.'
              : 'Write the number with its country code (+…), correct it, or choose to leave invalid values empty.',
        });
      } else {
        ctx.log('WARN', `Row ${item.row}: invalid ${bad.what} "${bad.value}" left empty.`);
      }
    }
    const key = digest(item.record);
    if (seen.has(key)) {
      duplicates++;
      // A blank line keeps the loaded file's row numbers equal to the CSV's.
      yield [];
      continue;
    }
    seen.add(key);
    loaded++;
    yield item.record;
    if (read % 10_000 === 0) ctx.progress(read);
  }
  ctx.progress(read);
  const n = (count: number) => count.toLocaleString('en-US');
  ctx.log('INFO', `Read ${n(read)} contact(s); dropped ${n(duplicates)} exact duplicate(s); ${n(loaded)} to load.`);
}
