import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { adminApi, createList, createWorkspace, EMPLOYEE_COLUMNS, type Api } from '../support/api';
import {
  allContents,
  csv,
  dataTableOf,
  EMPLOYEE_HEADER,
  importJob,
  recordCount,
  type JobBody,
} from '../support/list-helpers';

/**
 * A large upsert or append commits its checked successor and rewrites the list in a second
 * transaction, copying the untouched records on two connections (lib/jobs/load/rewrite-side-by-side.ts).
 * The suite's app takes that path at every size (REWRITE_SIDE_BY_SIDE_FROM_MB=0 in global-setup):
 * here, what only that path can get wrong — the successor committed before the list changes.
 */
const SIDE_BY_SIDE = /copying its other records on two connections/;

let admin: Api;
let workspaceId: string;
let sql: postgres.Sql;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
  sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await sql.end();
});

async function successorLeft(listId: string): Promise<boolean> {
  const [row] = await sql<
    { next: string | null }[]
  >`select to_regclass(${`${dataTableOf(listId)}_next`})::text as next`;
  return row?.next !== null;
}

async function logOf(listId: string, jobId: string): Promise<string> {
  const response = await admin.get(`/api/v1/lists/${listId}/importJobs/${jobId}/logs`);
  expect(response.status, response.text).toBe(200);
  return (response.body.items as { message: string }[]).map((i) => i.message).join('\n');
}

/** Employees from..to, each always written the same way unless `salary` says otherwise. */
function employees(from: number, to: number, salary = (id: number) => `${id}.5`): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const id = from + i;
    return `${id},Name ${id},${salary(id)},true,2020-01-0${(id % 9) + 1}`;
  });
}

/** A list of employees 1..count. */
async function listOf(count: number) {
  const list = await createList(admin, workspaceId);
  const job = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employees(1, count)]));
  expect(job.state, JSON.stringify(job.errors)).toBe('completed');
  return list;
}

describe('a rewrite on two connections', () => {
  it('loads exactly, says so in the log, and leaves no successor behind', async () => {
    const list = await listOf(3000);
    // 1,501..3,000 listed: 1,501..2,000 changed, 2,001..3,000 as listed; 3,001..4,500 new.
    const file = csv([EMPLOYEE_HEADER, ...employees(1501, 2000, (id) => `${id}.25`), ...employees(2001, 4500)]);
    const job = await importJob(admin, list.id, file);
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(job.results).toMatchObject({ rowsRead: 3000, inserted: 1500, updated: 500, unchanged: 1000, deleted: 0 });
    expect(await logOf(list.id, job.id)).toMatch(SIDE_BY_SIDE);
    expect(await recordCount(admin, list.id)).toBe(4500);
    const contents = await allContents(admin, list.id, 'sortBy=employeeId:ascending');
    expect(contents.map((r) => r.employeeId)).toEqual(Array.from({ length: 4500 }, (_, i) => i + 1));
    expect(contents[1500]).toMatchObject({ employeeId: 1501, salary: 1501.25 });
    expect(contents[0]).toMatchObject({ employeeId: 1, salary: 1.5 });
    expect(await successorLeft(list.id)).toBe(false);
  });

  it('a key given twice: the file is read again, the job fails at the second, the list and no successor stay', async () => {
    const list = await listOf(2000);
    const file = csv([EMPLOYEE_HEADER, ...employees(1001, 2500), '1700,Again,1.5,true,2020-01-01']);
    const job: JobBody = await importJob(admin, list.id, file);
    expect(job.state).toBe('failed');
    expect(job.errors.map((e) => [e.row, e.message])).toEqual([[1502, expect.stringMatching(/more than once/)]]);
    expect(await logOf(list.id, job.id)).toMatch(/reading the file again to report every problem/);
    expect(await recordCount(admin, list.id)).toBe(2000);
    expect(await successorLeft(list.id)).toBe(false);
  });

  it('append naming listed keys fails at their rows and changes nothing', async () => {
    const list = await listOf(2000);
    const job = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employees(1999, 3498)]), {
      mode: 'append',
    });
    expect(job.state).toBe('failed');
    expect(job.errors.slice(0, 2).map((e) => e.row)).toEqual([2, 3]);
    expect(await recordCount(admin, list.id)).toBe(2000);
    expect(await successorLeft(list.id)).toBe(false);
  });

  it('readers holding the list past LIST_SWAP_WAIT_SECONDS (6 s): the copied records go, the file merges in place exactly', async () => {
    const list = await listOf(2000);
    // 1,001..1,500 changed, 1,501..2,000 as listed, 2,001..3,000 new.
    const file = csv([EMPLOYEE_HEADER, ...employees(1001, 1500, (id) => `${id}.25`), ...employees(1501, 3000)]);
    let jobId = '';
    const reader = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    try {
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const reading = reader.begin(async (tx) => {
        await tx.unsafe(`select count(*) from "${dataTableOf(list.id)}"`);
        holding();
        // Held until the load has given up waiting for the swap and merged in place.
        for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
          const state = jobId && (await admin.get<JobBody>(`/api/v1/lists/${list.id}/importJobs/${jobId}`)).body.state;
          if (state === 'completed' || state === 'failed') break;
          await new Promise((r) => setTimeout(r, 200));
        }
      });
      await held;
      const response = await admin.upload(list.id, file);
      expect(response.status, response.text).toBe(202);
      jobId = response.body.id as string;
      await reading;
    } finally {
      await reader.end();
    }
    const job = (await admin.waitForJob(list.id, jobId)) as JobBody;
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(job.results).toMatchObject({ rowsRead: 2000, inserted: 1000, updated: 500, unchanged: 500, deleted: 0 });
    const log = await logOf(list.id, jobId);
    expect(log).toMatch(/Others were reading the list \(for example an export\) for 6 s; reading the file again/);
    expect(log).not.toMatch(SIDE_BY_SIDE);
    // Exactly the upsert: none of the records the other connection had copied into the successor.
    expect(await recordCount(admin, list.id)).toBe(3000);
    const contents = await allContents(admin, list.id, 'sortBy=employeeId:ascending');
    expect(contents.map((r) => r.employeeId)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    expect(contents[1000]).toMatchObject({ employeeId: 1001, salary: 1001.25 });
    expect(await successorLeft(list.id)).toBe(false);
  });

  it('a successor left by a killed worker is dropped by the next load, and with its list', async () => {
    const list = await listOf(2000);
    const table = dataTableOf(list.id);
    // What a worker killed between the two transactions leaves: a committed successor with records.
    await sql.unsafe(`create table "${table}_next" as select * from "${table}" limit 10`);
    const job = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employees(1001, 3000)]));
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(job.results).toMatchObject({ inserted: 1000, unchanged: 1000 });
    expect(await recordCount(admin, list.id)).toBe(3000);
    expect(await successorLeft(list.id)).toBe(false);

    await sql.unsafe(`create table "${table}_next" as select * from "${table}" limit 10`);
    expect((await admin.delete(`/api/v1/lists/${list.id}`)).status).toBe(204);
    expect(await successorLeft(list.id)).toBe(false);
  });
});

/**
 * Only records within both tables' key bounds meet in the join (keep-untouched.ts); the others are
 * copied or inserted without it. Each file here has keys at, inside and beyond the list's bounds,
 * and the result is checked against the upsert worked out record by record.
 */
describe('a rewrite that joins only the keys within both tables’ bounds', () => {
  type Rec = { key: string; line: string; value: string };

  async function upsertExactly(
    columns: unknown[],
    header: string,
    listed: Rec[],
    file: Rec[],
    keyOf: (row: Record<string, unknown>) => string,
    valueOf: (row: Record<string, unknown>) => string,
  ) {
    const list = await createList(admin, workspaceId, columns);
    const first = await importJob(admin, list.id, csv([header, ...listed.map((r) => r.line)]));
    expect(first.state, JSON.stringify(first.errors)).toBe('completed');
    const job = await importJob(admin, list.id, csv([header, ...file.map((r) => r.line)]));
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    // Not read again through the stage, which would hide a record the join copied twice.
    expect(await logOf(list.id, job.id)).toMatch(SIDE_BY_SIDE);

    const before = new Map(listed.map((r) => [r.key, r.value]));
    const named = file.filter((r) => before.has(r.key));
    const changed = named.filter((r) => before.get(r.key) !== r.value);
    expect(job.results).toMatchObject({
      rowsRead: file.length,
      inserted: file.length - named.length,
      updated: changed.length,
      unchanged: named.length - changed.length,
      deleted: 0,
    });
    const after = new Map([...before, ...file.map((r) => [r.key, r.value] as const)]);
    const contents = await allContents(admin, list.id);
    expect(new Map(contents.map((row) => [keyOf(row), valueOf(row)]))).toEqual(after);
    expect(contents).toHaveLength(after.size);
  }

  const upsertEmployeesExactly = (listed: Rec[], file: Rec[]) =>
    upsertExactly(
      EMPLOYEE_COLUMNS,
      EMPLOYEE_HEADER,
      listed,
      file,
      (row) => String(row.employeeId),
      (row) => String(row.salary),
    );
  const employee = (id: number, salary = `${id}.5`): Rec => ({
    key: String(id),
    line: `${id},Name ${id},${salary},true,2020-01-01`,
    value: salary,
  });
  const evens = (from: number, to: number) => Array.from({ length: (to - from) / 2 + 1 }, (_, i) => from + 2 * i);

  it('integer keys: a file within the list’s bounds, new keys between listed ones, its ends on listed keys', async () => {
    const listed = evens(1000, 4998).map((id) => employee(id));
    // 1,500..3,000: every even id listed (one in three changed), every odd one new.
    const file = Array.from({ length: 1501 }, (_, i) => 1500 + i).map((id) =>
      employee(id, id % 2 === 0 && id % 3 === 0 ? `${id}.25` : `${id}.5`),
    );
    await upsertEmployeesExactly(listed, file);
  });

  it('integer keys: a file reaching beyond both ends of the list', async () => {
    const listed = evens(1000, 4998).map((id) => employee(id));
    const file = [
      ...Array.from({ length: 999 }, (_, i) => employee(i + 1)),
      ...evens(4000, 4998).map((id) => employee(id, id % 4 === 0 ? `${id}.25` : `${id}.5`)),
      ...Array.from({ length: 1000 }, (_, i) => employee(5000 + i)),
    ];
    await upsertEmployeesExactly(listed, file);
  });

  it('a key of two columns, text first: bounds read as rows, in the database’s order', async () => {
    const columns = [
      { name: 'region', dataType: 'string', isKey: true },
      { name: 'code', dataType: 'integer', isKey: true },
      { name: 'note', dataType: 'string' },
    ];
    const place = (region: string, code: number, note = `note ${code}`): Rec => ({
      key: `${region}/${code}`,
      line: `${region},${code},${note}`,
      value: note,
    });
    const codes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const listed = ['Ålesund', 'Bergen', 'bergen', 'Oslo', 'Zürich'].flatMap((region) =>
      codes(1, 300).map((code) => place(region, code)),
    );
    const file = [
      place('Aarhus', 1),
      ...codes(150, 450).map((code) => place('Bergen', code, code % 2 ? `changed ${code}` : `note ${code}`)),
      ...codes(1, 10).map((code) => place('Oslo', code)),
    ];
    await upsertExactly(
      columns,
      'region,code,note',
      listed,
      file,
      (row) => `${row.region as string}/${row.code as number}`,
      (row) => String(row.note),
    );
  });
});
