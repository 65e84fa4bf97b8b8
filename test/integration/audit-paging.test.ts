import { describe, expect, it } from 'vitest';

import { adminApi, createList, createWorkspace, userWithRole } from '../support/api';

type Page = { start: number; limit: number; count: number; items: { id: number; action: string }[]; links: any[] };

/** The audit log only grows: it is read a page at a time, newest first, never whole. */
describe('the audit log is paged', () => {
  it('answers start and limit with the total count and links to older pages', async () => {
    const root = await adminApi();
    const workspaceId = await createWorkspace(root);
    const admin = await userWithRole(root, workspaceId, 'admin');
    for (let i = 0; i < 5; i++) await createList(root, workspaceId);

    const all = (await admin.get('/api/v1/audit')).body as Page;
    // Without paging the newest 200 come, as before the log was paged.
    expect(all.start).toBe(0);
    expect(all.limit).toBe(200);
    expect(all.count).toBe(all.items.length);
    expect(all.items.filter((e) => e.action === 'list.create')).toHaveLength(5);
    const ids = all.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const first = (await admin.get('/api/v1/audit?limit=2')).body as Page;
    expect(first).toMatchObject({ start: 0, limit: 2, count: all.count });
    expect(first.items.map((e) => e.id)).toEqual(ids.slice(0, 2));
    const next = first.links.find((l) => l.rel === 'next');
    expect(next.href).toBe('/api/v1/audit?limit=2&start=2');
    expect(first.links.some((l) => l.rel === 'prev')).toBe(false);

    const second = (await admin.get(next.href)).body as Page;
    expect(second).toMatchObject({ start: 2, limit: 2, count: all.count });
    expect(second.items.map((e) => e.id)).toEqual(ids.slice(2, 4));
    expect(second.links.find((l) => l.rel === 'prev').href).toBe('/api/v1/audit?limit=2&start=0');

    const beyond = (await admin.get(`/api/v1/audit?start=${all.count}&limit=2`)).body as Page;
    expect(beyond).toMatchObject({ count: all.count, items: [] });

    expect((await admin.get('/api/v1/audit?limit=0')).status).toBe(400);
    expect((await admin.get('/api/v1/audit?limit=5000')).status).toBe(400);
  });
});
