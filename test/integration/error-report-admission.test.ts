import http from 'node:http';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { adminApi, createList, createWorkspace, EMPLOYEE_COLUMNS, importAndWait, userWithRole } from '../support/api';
import { csv, EMPLOYEE_HEADER, employeeRows, sleep, waitUntil, within } from '../support/list-helpers';
import { lockTable, queriesWaitingForLock } from '../support/table-lock';

/**
 * An error report parses the job's whole stored file again on the event loop: twelve at once of a
 * 58 MB file took 50 s each (fourth attacker pass). Reports are now admitted as CSV exports are
 * (ERROR_REPORTS 2 at once, 8 waiting, ERROR_REPORTS_PER_USER 2), and one whose client leaves while
 * it waits leaves the line.
 *
 * The admitted reports are held in the database: the audit log's table is locked, so each report
 * waits at recording its download (the first thing it does once its turn comes), visible in
 * pg_stat_activity.
 */
const sql = postgres(inject('databaseUrl'), { max: 2, onnotice: () => {} });
const held: http.ClientRequest[] = [];

afterAll(async () => {
  for (const request of held) request.destroy();
  await sql.end({ timeout: 5 });
});

function download(baseUrl: string, token: string, path: string) {
  let request!: http.ClientRequest;
  const head = new Promise<http.IncomingMessage>((resolve, reject) => {
    request = http.get(`${baseUrl}${path}`, { headers: { 'x-auth-jwt': token }, agent: false }, resolve);
    request.on('error', reject);
  });
  head.catch(() => {});
  held.push(request);
  return { request, head };
}

/** Reports waiting for the lock on the audit log, at recording their download. */
const auditInsertsWaiting = () => queriesWaitingForLock(sql, 'audit_events', 'insert into');

describe('error reports downloaded at once', () => {
  it('are made a few at a time, refuse a user past their share, and drop a client that left', async () => {
    const admin = await adminApi();
    const workspaceId = await createWorkspace(admin);
    const list = await createList(admin, workspaceId, EMPLOYEE_COLUMNS);
    const failed = await importAndWait(
      admin,
      list.id,
      csv([EMPLOYEE_HEADER, ...employeeRows(50), '51,Bad,not-a-number,true,2020-01-01']),
    );
    expect(failed.state).toBe('failed');
    const path = `/api/v1/lists/${list.id}/importJobs/${failed.id}/errorReport`;
    const a = await userWithRole(admin, workspaceId, 'viewer');
    const b = await userWithRole(admin, workspaceId, 'viewer');

    // Exclusive, not access exclusive: the audit log can still be read, only not written.
    const unlock = await lockTable(sql, 'audit_events', { mode: 'exclusive' });
    try {
      // Both places to make reports, taken by one viewer.
      const running = [download(a.baseUrl, a.token!, path), download(a.baseUrl, a.token!, path)];
      await waitUntil(async () => (await auditInsertsWaiting()) === 2, 20_000);

      // The viewer's third is refused at once, saying when to come back; before, it started too.
      const third = await within(5_000, a.get(path));
      expect(third === 'timed out' ? third : third.status).toBe(429);
      if (third !== 'timed out') {
        expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(third.body.remediation).toMatch(/at most 2 at a time/);
      }

      // Another viewer's report waits its turn; its client leaves meanwhile.
      const abandoned = download(b.baseUrl, b.token!, path);
      await sleep(1_000);
      expect(await within(100, abandoned.head)).toBe('timed out');
      expect(await auditInsertsWaiting()).toBe(2);
      abandoned.request.destroy();
      await sleep(500);

      await unlock();
      for (const { head } of running) {
        const response = await within(10_000, head);
        expect(response === 'timed out' ? response : response.statusCode).toBe(200);
        if (response !== 'timed out') {
          let text = '';
          response.setEncoding('utf8');
          for await (const chunk of response) text += chunk;
          expect(text).toContain('not-a-number');
        }
      }
    } finally {
      await unlock();
    }

    // The abandoned report never started: it recorded no download.
    const log = (await admin.get('/api/v1/audit?limit=100')).body as {
      items: { action: string; actorEmail: string }[];
    };
    const reportsBy = (email: string) =>
      log.items.filter((e) => e.action === 'job.error-report.download' && e.actorEmail === email).length;
    expect(reportsBy(a.email)).toBe(2);
    expect(reportsBy(b.email)).toBe(0);
    // And the line is free again.
    expect((await b.get(path)).status).toBe(200);
  });
});
