import { describe, expect, it } from 'vitest';

import { adminApi, createList, createWorkspace, userWithRole } from '../support/api';

type Page = {
  start: number;
  limit: number;
  count: number;
  items: { id: number; action: string; workspaceId: string | null }[];
  links: any[];
  nextBefore?: number;
};

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
    // The next page is named by the id of this page's oldest entry, not by a count from the newest.
    expect(first.nextBefore).toBe(ids[1]);
    const next = first.links.find((l) => l.rel === 'next');
    expect(next.href).toBe(`/api/v1/audit?limit=2&before=${ids[1]}`);
    expect(first.links.some((l) => l.rel === 'prev')).toBe(false);

    const second = (await admin.get(next.href)).body as Page;
    expect(second).toMatchObject({ start: 0, limit: 2, count: all.count - 2, nextBefore: ids[3] });
    expect(second.items.map((e) => e.id)).toEqual(ids.slice(2, 4));

    // `start` still works for the scripts that send it.
    const byStart = (await admin.get('/api/v1/audit?start=2&limit=2')).body as Page;
    expect(byStart).toMatchObject({ start: 2, limit: 2, count: all.count });
    expect(byStart.items.map((e) => e.id)).toEqual(ids.slice(2, 4));
    expect(byStart.links.find((l) => l.rel === 'prev').href).toBe('/api/v1/audit?start=0&limit=2');

    const last = (await admin.get(`/api/v1/audit?before=${ids.at(-1)}&limit=2`)).body as Page;
    expect(last).toMatchObject({ count: 0, items: [] });
    expect(last.nextBefore).toBeUndefined();
    expect(last.links.some((l) => l.rel === 'next')).toBe(false);

    const beyond = (await admin.get(`/api/v1/audit?start=${all.count}&limit=2`)).body as Page;
    expect(beyond).toMatchObject({ count: all.count, items: [] });

    expect((await admin.get('/api/v1/audit?limit=0')).status).toBe(400);
    expect((await admin.get('/api/v1/audit?limit=5000')).status).toBe(400);
    expect((await admin.get('/api/v1/audit?before=0')).status).toBe(400);
    expect((await admin.get('/api/v1/audit?before=latest')).status).toBe(400);
  });

  it('neither repeats nor skips an entry when events are recorded between two pages read by `before`', async () => {
    const root = await adminApi();
    const workspaceId = await createWorkspace(root);
    const admin = await userWithRole(root, workspaceId, 'admin');
    for (let i = 0; i < 7; i++) await createList(root, workspaceId);

    const read: number[] = [];
    let page = (await admin.get('/api/v1/audit?limit=3')).body as Page;
    const newestRead = page.items[0]!.id;
    read.push(...page.items.map((e) => e.id));
    // By `start`, as before: the page after the first, read once an event is recorded, begins with
    // the first page's last entry again.
    await createList(root, workspaceId);
    const byStart = (await admin.get('/api/v1/audit?start=3&limit=3')).body as Page;
    expect(byStart.items[0]!.id).toBe(read.at(-1));

    while (page.nextBefore !== undefined) {
      // Others keep working while the script pages.
      await createList(root, workspaceId);
      const next = page.links.find((l) => l.rel === 'next');
      expect(next.href).toBe(`/api/v1/audit?limit=3&before=${page.nextBefore}`);
      page = (await admin.get(next.href)).body as Page;
      read.push(...page.items.map((e) => e.id));
    }
    expect(page.links.some((l) => l.rel === 'next')).toBe(false);

    // Every entry there was when the first page was read, once each, newest first.
    const now = (await admin.get('/api/v1/audit?limit=1000')).body as Page;
    const thereWhenPagingStarted = now.items.map((e) => e.id).filter((id) => id <= newestRead);
    expect(read).toEqual(thereWhenPagingStarted);
    expect(new Set(read).size).toBe(read.length);
    expect(read.length).toBeGreaterThan(7);
  });

  it('reads nothing of another workspace through its ids as `before`', async () => {
    const root = await adminApi();
    const ours = await createWorkspace(root);
    const theirs = await createWorkspace(root);
    const admin = await userWithRole(root, ours, 'admin');
    for (let i = 0; i < 3; i++) {
      await createList(root, ours);
      await createList(root, theirs);
    }
    const everything = (await root.get('/api/v1/audit?limit=1000')).body as Page;
    const theirIds = everything.items.filter((e) => e.workspaceId === theirs).map((e) => e.id);
    const ourIds = everything.items.filter((e) => e.workspaceId === ours).map((e) => e.id);
    expect(theirIds.length).toBeGreaterThanOrEqual(3);

    for (const cursor of [theirIds[0]!, theirIds[1]!, theirIds.at(-1)!]) {
      const page = (await admin.get(`/api/v1/audit?before=${cursor}&limit=1000`)).body as Page;
      // Only our own older events, counted as such: their event is neither shown nor counted.
      expect(page.items.every((e) => e.workspaceId === ours)).toBe(true);
      expect(page.items.map((e) => e.id)).toEqual(ourIds.filter((id) => id < cursor));
      expect(page.count).toBe(ourIds.filter((id) => id < cursor).length);
    }
    // Their admin, paging by our ids, sees only theirs.
    const theirAdmin = await userWithRole(root, theirs, 'admin');
    const page = (await theirAdmin.get(`/api/v1/audit?before=${ourIds[0]! + 1}&limit=1000`)).body as Page;
    expect(page.items.map((e) => e.id)).toEqual(theirIds.filter((id) => id <= ourIds[0]!));
  });
});
