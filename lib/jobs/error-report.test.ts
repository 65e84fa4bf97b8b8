import { describe, expect, it } from 'vitest';

import type { JobError } from '@/db/schema';
import { columnsInputSchema, normalizeColumns } from '@/lib/lists/columns';

import { errorReportCsv } from './error-report';

const columns = normalizeColumns(
  columnsInputSchema.parse([
    { name: 'id', dataType: 'integer', isKey: true },
    { name: 'phone', dataType: 'string' },
    { name: 'amount', dataType: 'number', format: { decimalSeparator: ',' } },
  ]),
);

async function report(text: string, errors: Partial<JobError>[], unescapeFormulas = true) {
  async function* source() {
    yield new TextEncoder().encode(text);
  }
  let out = '';
  for await (const part of errorReportCsv(source(), {
    delimiter: ';',
    errors: errors.map((e) => ({ message: 'm', remediation: 'r', ...e }) as JobError),
    columns,
    unescapeFormulas,
  }))
    out += part;
  return out;
}

describe('errorReportCsv', () => {
  it('keeps numbers and plain values as they are, neutralises formulas, and adds each row’s problems', async () => {
    const out = await report('id;phone;amount\n-5;+4930123;-1,5\nx;=cmd;=1+1\n', [
      { row: 3, message: 'Row 3: "id" "x" is not a whole number.', remediation: 'Use digits.' },
    ]);
    expect(out).toBe(
      [
        'id,phone,amount,Import errors',
        '-5,+4930123,"-1,5",',
        'x,\'=cmd,\'=1+1,"Row 3: ""id"" ""x"" is not a whole number. Use digits."',
        '',
      ].join('\r\n'),
    );
  });

  it('writes values as the import read them: an export’s apostrophe is taken away, then put back where needed', async () => {
    expect(await report("id;phone;amount\n1;'=cmd;2\n2;'-5;3\n", [])).toBe(
      ['id,phone,amount,Import errors', "1,'=cmd,2,", '2,-5,3,', ''].join('\r\n'),
    );
    // Without unescaping, the apostrophe was part of the value: it is kept, neutralised once more.
    expect(await report("id;phone;amount\n1;'=cmd;2\n", [], false)).toBe(
      ['id,phone,amount,Import errors', "1,''=cmd,2,", ''].join('\r\n'),
    );
  });
});
