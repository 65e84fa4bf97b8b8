import { describe, expect, it } from 'vitest';

import { auditSentence } from './audit-sentence';

const base = { actorEmail: 'ana@example.com', targetType: 'job', targetId: 'x' };

describe('auditSentence', () => {
  it('tells an import with the list, the file and what it loaded', () => {
    expect(
      auditSentence({
        ...base,
        action: 'import.create',
        detail: { listId: 'l', fileName: 'customers.csv', mode: 'replace' },
        about: {
          listName: 'Customers',
          job: { kind: 'import', state: 'completed', results: { recordCount: 2000, inserted: 2000, updated: 0 } },
        },
      }),
    ).toBe('ana@example.com replaced “Customers” with customers.csv: 2,000 new');
    expect(
      auditSentence({
        ...base,
        action: 'import.create',
        detail: { fileName: 'c.csv', mode: 'upsert' },
        about: { listName: 'Customers', job: { kind: 'import', state: 'failed', results: null } },
      }),
    ).toBe('ana@example.com updated “Customers” with c.csv: it failed and loaded nothing');
  });

  it('names a custom import by its title, by its id for events from before titles were kept', () => {
    const event = { ...base, action: 'custom-import.create', about: { listName: 'Products' } };
    expect(
      auditSentence({
        ...event,
        detail: { customImportId: '0.0.1-excel-sheet', customImportTitle: 'Excel sheet → list' },
      }),
    ).toBe('ana@example.com ran the custom import “Excel sheet → list” into “Products”');
    expect(auditSentence({ ...event, detail: { customImportId: '0.0.1-excel-sheet' } })).toBe(
      'ana@example.com ran the custom import 0.0.1-excel-sheet into “Products”',
    );
  });

  it('never shows raw JSON, even for an action it does not know', () => {
    expect(
      auditSentence({
        ...base,
        action: 'member.role',
        detail: { email: 'bo@x.org', role: 'editor', previousRole: 'viewer' },
      }),
    ).toBe('ana@example.com made bo@x.org editor (was viewer)');
    expect(auditSentence({ ...base, action: 'future.thing', detail: { a: 1 } })).toBe(
      'ana@example.com: future thing (job)',
    );
  });
});
