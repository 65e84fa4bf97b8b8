import fc from 'fast-check';
import postgres from 'postgres';
import { beforeAll, describe, expect, inject, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace, userWithRole } from '../support/api';
import {
  allContents,
  dataTableOf,
  expectApiError,
  getBytes,
  importJob,
  occupyWorkers,
  waitUntil,
  type Collection,
  type JobBody,
  type Row,
} from '../support/list-helpers';

/**
 * Revisions over HTTP: every kind of load makes one, kept versions read back exactly, diffs and
 * restores agree with a model of the list kept in the test (fast-check), and the rules hold
 * (409s, retention, roles).
 */

const COLUMNS = [
  { name: 'id', dataType: 'integer', isKey: true },
  { name: 'label', dataType: 'string' },
];
/** LIST_REVISIONS_KEPT as the test server runs (the default). */
const KEPT = 5;

type Revision = {
  revision: number;
  kind: string;
  current: boolean;
  jobId: string | null;
  createdBy: string;
  recordCount: number;
  counts: { new: number; updated: number; unchanged: number; removed: number };
  kept: boolean;
  keptBytes: number;
  restoredRevision: number | null;
};
type DiffItem = { change: string; key: Row; before: Row | null; after: Row | null; changedColumns: string[] };
type Diff = Collection<DiffItem> & { counts: { added: number; removed: number; changed: number }; compareTo: number };

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

type Model = Map<number, string | null>;

function fileOf(rows: [number, string | null][]): string {
  return `id,label\n${rows.map(([id, label]) => `${id},${label ?? ''}`).join('\n')}\n`;
}

async function revisions(api: Api, listId: string) {
  const response = await api.get<Collection<Revision> & { currentRevision: number; keptBytes: number }>(
    `/api/v1/lists/${listId}/revisions?limit=100`,
  );
  expect(response.status, response.text).toBe(200);
  return response.body;
}

async function revisionContents(api: Api, listId: string, revision: number): Promise<Model> {
  const response = await api.get<Collection<Row>>(`/api/v1/lists/${listId}/revisions/${revision}/contents?limit=10000`);
  expect(response.status, response.text).toBe(200);
  return new Map(response.body.items.map((r) => [r.id as number, (r.label as string | null) ?? null]));
}

async function currentModel(api: Api, listId: string): Promise<Model> {
  return new Map((await allContents(api, listId)).map((r) => [r.id as number, (r.label as string | null) ?? null]));
}

async function restore(api: Api, listId: string, revision: number): Promise<JobBody> {
  const response = await api.post<JobBody>(`/api/v1/lists/${listId}/restoreJobs`, { revision });
  expect(response.status, response.text).toBe(202);
  expect(response.headers.get('location')).toBe(`/api/v1/lists/${listId}/restoreJobs/${response.body.id}`);
  return (await api.waitForJob(listId, response.body.id, 'restoreJobs')) as JobBody;
}

async function purge(api: Api, listId: string): Promise<JobBody> {
  const response = await api.post<JobBody>(`/api/v1/lists/${listId}/purgeJobs`);
  expect(response.status, response.text).toBe(202);
  return (await api.waitForJob(listId, response.body.id, 'purgeJobs')) as JobBody;
}

/** What the model says changed from `before` to `after`, in key order. */
function modelDiff(after: Model, before: Model) {
  const keys = [...new Set([...after.keys(), ...before.keys()])].sort((a, b) => a - b);
  const items: { change: string; id: number; before: string | null; after: string | null }[] = [];
  for (const id of keys) {
    if (!before.has(id)) items.push({ change: 'added', id, before: null, after: after.get(id)! });
    else if (!after.has(id)) items.push({ change: 'removed', id, before: before.get(id)!, after: null });
    else if (before.get(id) !== after.get(id))
      items.push({ change: 'changed', id, before: before.get(id)!, after: after.get(id)! });
  }
  const count = (change: string) => items.filter((i) => i.change === change).length;
  return { items, counts: { added: count('added'), removed: count('removed'), changed: count('changed') } };
}

describe('every completed load is a revision', () => {
  it('numbers imports, row edits, purges and restores, with job, who, counts and kept contents', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const first = await importJob(
      admin,
      list.id,
      fileOf([
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ]),
    );
    expect(first.state).toBe('completed');
    expect(first.results).toMatchObject({ revision: 1, inserted: 3 });
    const second = await importJob(
      admin,
      list.id,
      fileOf([
        [2, 'B'],
        [3, 'c'],
        [4, 'd'],
      ]),
      { mode: 'replace' },
    );
    expect(second.results).toMatchObject({ revision: 2, inserted: 1, updated: 1, unchanged: 1, deleted: 1 });
    const edit = await admin.put(`/api/v1/lists/${list.id}/contents?op=upsert`, { items: [{ id: 5, label: 'e' }] });
    expect(edit.status, edit.text).toBe(200);
    expect(edit.body.revision).toBe(3);
    const purged = await purge(admin, list.id);
    expect(purged.results).toMatchObject({ revision: 4, deleted: 4 });
    const restored = await restore(admin, list.id, 2);
    expect(restored.state, JSON.stringify(restored.errors)).toBe('completed');
    expect(restored.results).toMatchObject({ revision: 5, restoredRevision: 2, inserted: 3, deleted: 0 });
    expect(await currentModel(admin, list.id)).toEqual(
      new Map([
        [2, 'B'],
        [3, 'c'],
        [4, 'd'],
      ]),
    );

    const history = await revisions(admin, list.id);
    expect(history.currentRevision).toBe(5);
    expect(history.items.map((r) => [r.revision, r.kind, r.recordCount])).toEqual([
      [5, 'restore', 3],
      [4, 'purge', 0],
      [3, 'rowEdit', 4],
      [2, 'import', 3],
      [1, 'import', 3],
      [0, 'created', 0],
    ]);
    expect(history.items[0]).toMatchObject({ current: true, kept: true, restoredRevision: 2, jobId: restored.id });
    expect(history.items[3]).toMatchObject({
      jobId: second.id,
      createdBy: expect.any(String),
      counts: { new: 1, updated: 1, unchanged: 1, removed: 1 },
    });
    expect(history.items.every((r) => r.kept)).toBe(true);
    expect(history.keptBytes).toBeGreaterThan(0);
    expect(history.keptBytes).toBe(history.items.reduce((sum, r) => sum + r.keptBytes, 0));
    const listBody = (await admin.get(`/api/v1/lists/${list.id}`)).body;
    expect(listBody).toMatchObject({ revision: 5, revisionStorage: { bytes: history.keptBytes, versions: 5 } });

    expect(await revisionContents(admin, list.id, 3)).toEqual(
      new Map([
        [2, 'B'],
        [3, 'c'],
        [4, 'd'],
        [5, 'e'],
      ]),
    );
    const csv = await getBytes(admin, `/api/v1/lists/${list.id}/revisions/1/contents.csv`);
    expect(csv.status).toBe(200);
    expect(csv.bytes.toString('utf8')).toBe('\uFEFFid,label\r\n1,a\r\n2,b\r\n3,c\r\n');
    const sorted = await admin.get<Collection<Row>>(
      `/api/v1/lists/${list.id}/revisions/1/contents?sortBy=label:descending&filter=id:ge:2`,
    );
    expect(sorted.body.items).toEqual([
      { id: 3, label: 'c' },
      { id: 2, label: 'b' },
    ]);
    const listDataStyle = await admin.get<Collection<Row>>(`/api/v1/lists/${list.id}/revisions/contents?revision=1`);
    expect(listDataStyle.body.count).toBe(3);

    const diff = await admin.get<Diff>(`/api/v1/lists/${list.id}/revisions/contents?revision=2&diffs=true`);
    expect(diff.status, diff.text).toBe(200);
    expect(Object.keys(diff.body).slice(0, 3)).toEqual(['revision', 'compareTo', 'counts']);
    expect(diff.body).toMatchObject({ compareTo: 1, counts: { added: 1, removed: 1, changed: 1 }, count: 3 });
    expect(diff.body.items).toEqual([
      { change: 'removed', key: { id: 1 }, before: { id: 1, label: 'a' }, after: null, changedColumns: [] },
      {
        change: 'changed',
        key: { id: 2 },
        before: { id: 2, label: 'b' },
        after: { id: 2, label: 'B' },
        changedColumns: ['label'],
      },
      { change: 'added', key: { id: 4 }, before: null, after: { id: 4, label: 'd' }, changedColumns: [] },
    ]);
    const onlyAdded = await admin.get<Diff>(
      `/api/v1/lists/${list.id}/revisions/contents?revision=5&diffs=true&compareTo=1&change=added`,
    );
    expect(onlyAdded.body.items.map((i) => i.key)).toEqual([{ id: 4 }]);
    expect(onlyAdded.body).toMatchObject({ count: 1, counts: { added: 1, removed: 1, changed: 1 } });

    const audit = await admin.get(`/api/v1/audit`);
    expect(JSON.stringify(audit.body)).toContain('restore.create');
  });
});

describe('a model of the list (fast-check)', () => {
  type Op =
    | { kind: 'import'; mode: 'upsert' | 'replace'; rows: [number, string | null][] }
    | { kind: 'edit'; rows: [number, string][] }
    | { kind: 'delete'; ids: number[] }
    | { kind: 'purge' };
  const label = fc.constantFrom('a', 'b', 'c', null);
  const rowsOf = <T>(value: fc.Arbitrary<T>) =>
    fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 9 }), value), {
      minLength: 1,
      maxLength: 6,
      selector: ([id]) => id,
    });
  const op: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('import' as const),
        mode: fc.constantFrom('upsert' as const, 'replace' as const),
        rows: rowsOf(label),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('edit' as const), rows: rowsOf(fc.constantFrom('x', 'y')) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('delete' as const),
        ids: fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'purge' as const }) },
  );

  it('keeps every version, diffs them and restores them exactly as the model says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 2, maxLength: 8 }), fc.nat(), async (ops, pick) => {
        const list = await createList(admin, workspaceId, COLUMNS);
        let model: Model = new Map();
        const snapshots: Model[] = [new Map()];
        for (const step of ops) {
          const before = new Map(model);
          if (step.kind === 'import') {
            const job = await importJob(admin, list.id, fileOf(step.rows), { mode: step.mode });
            expect(job.state, JSON.stringify(job.errors)).toBe('completed');
            if (step.mode === 'replace') model = new Map();
            for (const [id, value] of step.rows) model.set(id, value);
            const d = modelDiff(model, before);
            expect(job.results).toMatchObject({
              revision: snapshots.length,
              inserted: d.counts.added,
              updated: d.counts.changed,
              unchanged: step.rows.length - d.counts.added - d.counts.changed,
              deleted: d.counts.removed,
            });
          } else if (step.kind === 'edit') {
            const items = step.rows.map(([id, value]) => ({ id, label: value }));
            const response = await admin.put(`/api/v1/lists/${list.id}/contents?op=upsert`, { items });
            expect(response.status, response.text).toBe(200);
            for (const [id, value] of step.rows) model.set(id, value);
          } else if (step.kind === 'delete') {
            const items = step.ids.map((id) => ({ id }));
            const response = await admin.put(`/api/v1/lists/${list.id}/contents?op=delete`, { items });
            expect(response.status, response.text).toBe(200);
            for (const id of step.ids) model.delete(id);
          } else {
            expect((await purge(admin, list.id)).state).toBe('completed');
            model = new Map();
          }
          snapshots.push(new Map(model));
        }
        const current = snapshots.length - 1;
        const history = await revisions(admin, list.id);
        expect(history.currentRevision).toBe(current);
        expect(history.count).toBe(current + 1);
        const keptRevisions = history.items.filter((r) => r.kept).map((r) => r.revision);
        expect(keptRevisions).toEqual(Array.from({ length: Math.min(KEPT, current) + 1 }, (_, i) => current - i));
        for (const r of history.items) expect(r.recordCount).toBe(snapshots[r.revision]!.size);

        for (const revision of keptRevisions) {
          expect(await revisionContents(admin, list.id, revision), `revision ${revision}`).toEqual(
            new Map([...snapshots[revision]!].sort(([a], [b]) => a - b)),
          );
          if (!keptRevisions.includes(revision - 1)) continue;
          const diff = await admin.get<Diff>(
            `/api/v1/lists/${list.id}/revisions/contents?revision=${revision}&diffs=true`,
          );
          expect(diff.status, diff.text).toBe(200);
          const expected = modelDiff(snapshots[revision]!, snapshots[revision - 1]!);
          expect(diff.body.counts).toEqual(expected.counts);
          expect(
            diff.body.items.map((i) => ({
              change: i.change,
              id: i.key.id,
              before: i.before?.label ?? null,
              after: i.after?.label ?? null,
            })),
          ).toEqual(expected.items);
        }

        const target = keptRevisions.filter((r) => r !== current)[pick % Math.max(1, keptRevisions.length - 1)];
        if (target === undefined) return;
        const job = await restore(admin, list.id, target);
        expect(job.state, JSON.stringify(job.errors)).toBe('completed');
        const expected = modelDiff(snapshots[target]!, snapshots[current]!);
        expect(job.results).toMatchObject({
          revision: current + 1,
          restoredRevision: target,
          inserted: expected.counts.added,
          updated: expected.counts.changed,
          deleted: expected.counts.removed,
        });
        expect(await currentModel(admin, list.id)).toEqual(new Map([...snapshots[target]!].sort(([a], [b]) => a - b)));
      }),
      { numRuns: 6 },
    );
  }, 300_000);
});

describe('restore rules', () => {
  it('refuses immutable lists, the current revision, unknown and no longer kept revisions', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    for (let i = 1; i <= KEPT + 2; i++) {
      expect((await importJob(admin, list.id, fileOf([[i, 'a']]))).state).toBe('completed');
    }
    const history = await revisions(admin, list.id);
    expect(history.items.filter((r) => !r.kept).map((r) => r.revision)).toEqual([1, 0]);
    expectApiError(await admin.post(`/api/v1/lists/${list.id}/restoreJobs`, { revision: 0 }), 409, 40906);
    expectApiError(await admin.get(`/api/v1/lists/${list.id}/revisions/0/contents`), 410, 41001);
    expectApiError(await admin.post(`/api/v1/lists/${list.id}/restoreJobs`, { revision: KEPT + 2 }), 409, 40900);
    expectApiError(await admin.post(`/api/v1/lists/${list.id}/restoreJobs`, { revision: 99 }), 404);
    expectApiError(await admin.post(`/api/v1/lists/${list.id}/restoreJobs`, { revision: -1 }), 400);
    expectApiError(await admin.get(`/api/v1/lists/${list.id}/revisions/99/contents`), 404);

    const immutable = (
      await admin.post('/api/v1/lists', {
        name: `Immutable ${Date.now()}`,
        workspaceId,
        columns: COLUMNS,
        isImmutable: true,
      })
    ).body as { id: string };
    expect((await importJob(admin, immutable.id, fileOf([[1, 'a']]))).state).toBe('completed');
    expectApiError(await admin.post(`/api/v1/lists/${immutable.id}/restoreJobs`, { revision: 0 }), 409, 40903);
  });

  it('lets one of two simultaneous restores through and refuses one while another job holds the list', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    await importJob(admin, list.id, fileOf([[1, 'a']]));
    await importJob(admin, list.id, fileOf([[2, 'b']]), { mode: 'replace' });
    const [a, b] = await Promise.all([
      admin.post(`/api/v1/lists/${list.id}/restoreJobs`, { revision: 1 }),
      admin.post(`/api/v1/lists/${list.id}/restoreJobs`, { revision: 0 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const accepted = a.status === 202 ? a : b;
    expectApiError(a.status === 409 ? a : b, 409, 40901);
    await admin.waitForJob(list.id, accepted.body.id, 'restoreJobs');

    const busy = await occupyWorkers(admin, workspaceId);
    try {
      const pending = await admin.upload(list.id, fileOf([[3, 'c']]));
      expect(pending.status).toBe(202);
      const refused = await admin.post(`/api/v1/lists/${list.id}/restoreJobs`, { revision: 1 });
      expectApiError(refused, 409, 40901);
      expect(refused.body.details).toContain(`activeJobId: ${pending.body.id}`);
    } finally {
      await busy.finished();
    }
  }, 120_000);

  it('fails a restore whose revision was dropped while it waited, as every runner fails a job', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    await importJob(admin, list.id, fileOf([[1, 'a']]));
    await importJob(admin, list.id, fileOf([[2, 'b']]));
    const before = await allContents(admin, list.id);
    const busy = await occupyWorkers(admin, workspaceId);
    let jobId: string;
    try {
      const accepted = await admin.post<JobBody>(`/api/v1/lists/${list.id}/restoreJobs`, { revision: 1 });
      expect(accepted.status, accepted.text).toBe(202);
      jobId = accepted.body.id;
      // What the retention sweep does to a kept version, done while the restore waits for a worker.
      const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
      try {
        const [row] = await sql<{ kept_table: string }[]>`
          select kept_table from revisions where list_id = ${list.id} and revision = 1`;
        await sql`update revisions set kept_table = null, kept_bytes = null where list_id = ${list.id} and revision = 1`;
        await sql.unsafe(`drop table list_revisions."${row!.kept_table}"`);
      } finally {
        await sql.end();
      }
    } finally {
      await busy.finished();
    }
    const job = (await admin.waitForJob(list.id, jobId, 'restoreJobs')) as JobBody & { rowsProcessed: number };
    expect(job.state).toBe('failed');
    expect(job.errors.map((e) => e.errorCode)).toEqual([40906]);
    // Like a failed import: nothing was read or loaded, whatever the list holds.
    expect(job.rowsProcessed).toBe(0);
    expect(job.results).toEqual({ recordCount: 0, rowsRead: 0 });
    expect(await allContents(admin, list.id)).toEqual(before);
  }, 120_000);

  it('restores across added columns, not across removed ones', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    await importJob(admin, list.id, fileOf([[1, 'a']]));
    await purge(admin, list.id);
    const wider = [...COLUMNS, { name: 'note', dataType: 'string' }];
    const changed = await admin.put(`/api/v1/lists/${list.id}`, { columns: wider });
    expect(changed.status, changed.text).toBe(200);
    expect((await importJob(admin, list.id, 'id,label,note\n2,b,n\n')).state).toBe('completed');
    const restored = await restore(admin, list.id, 1);
    expect(restored.state, JSON.stringify(restored.errors)).toBe('completed');
    expect(await allContents(admin, list.id)).toEqual([{ id: 1, label: 'a', note: null }]);

    await purge(admin, list.id);
    expect((await admin.put(`/api/v1/lists/${list.id}`, { columns: [COLUMNS[0], wider[2]] })).status).toBe(200);
    const refused = await admin.post(`/api/v1/lists/${list.id}/restoreJobs`, { revision: 1 });
    const body = expectApiError(refused, 409, 40907);
    expect(body.message).toContain('"label" was removed');
  });
});

describe('retention', () => {
  it('drops a version replaced more than LIST_REVISIONS_MAX_DAYS ago, in the worker’s sweep', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    await importJob(admin, list.id, fileOf([[1, 'a']]));
    await importJob(admin, list.id, fileOf([[2, 'b']]));
    const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<{ kept_table: string }[]>`
        update revisions set replaced_at = now() - interval '31 days' where list_id = ${list.id} and revision = 1
        returning kept_table`;
      expect(row?.kept_table).toBeTruthy();
      await waitUntil(async () => !(await revisions(admin, list.id)).items.find((r) => r.revision === 1)!.kept, 30_000);
      const [table] =
        await sql`select 1 from pg_tables where schemaname = 'list_revisions' and tablename = ${row!.kept_table}`;
      expect(table).toBeUndefined();
    } finally {
      await sql.end();
    }
    expect((await revisions(admin, list.id)).items.find((r) => r.revision === 0)?.kept).toBe(true);
  }, 60_000);

  it('drops the kept tables with the list', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    await importJob(admin, list.id, fileOf([[1, 'a']]));
    expect((await admin.delete(`/api/v1/lists/${list.id}`)).status).toBe(204);
    const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    try {
      const tables =
        await sql`select tablename from pg_tables where schemaname = 'list_revisions' and tablename like ${`${dataTableOf(list.id)}%`}`;
      expect(tables).toEqual([]);
    } finally {
      await sql.end();
    }
  });
});

describe('roles', () => {
  it('lets viewers read history and diffs, and only editors restore', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    await importJob(admin, list.id, fileOf([[1, 'a']]));
    const viewer = await userWithRole(admin, workspaceId, 'viewer');
    expect((await revisions(viewer, list.id)).count).toBe(2);
    expect((await viewer.get(`/api/v1/lists/${list.id}/revisions/contents?revision=1&diffs=true`)).status).toBe(200);
    expectApiError(await viewer.post(`/api/v1/lists/${list.id}/restoreJobs`, { revision: 0 }), 403);
    const editor = await userWithRole(admin, workspaceId, 'editor');
    const job = await restore(editor, list.id, 0);
    expect(job.state).toBe('completed');
    expect(await allContents(admin, list.id)).toEqual([]);
  });
});
