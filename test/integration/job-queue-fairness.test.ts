import { describe, expect, it } from 'vitest';

import { adminApi, createList, createWorkspace } from '../support/api';
import { ID_COLUMNS, idFile, occupyWorkers } from '../support/list-helpers';

/**
 * Jobs used to run first in, first out: one editor's 16 imports made another workspace's one-row
 * import wait 20.6 s behind them (fourth attacker pass). A workspace with no job running or waiting
 * now goes before another's backlog (lib/jobs/queue.ts), and a workspace's own jobs keep their order.
 */
const BACKLOG = 6;

describe('the job queue between workspaces', () => {
  it("runs a quiet workspace's job before another workspace's backlog", async () => {
    const admin = await adminApi();
    const busy = await createWorkspace(admin);
    const quiet = await createWorkspace(admin);
    // Both workers run one of the busy workspace's jobs; its next ones wait in the queue.
    const workers = await occupyWorkers(admin, busy);
    const backlog: { listId: string; jobId: string }[] = [];
    for (let i = 0; i < BACKLOG; i++) {
      const list = await createList(admin, busy, ID_COLUMNS);
      const response = await admin.upload(list.id, idFile(2_000));
      expect(response.status, response.text).toBe(202);
      backlog.push({ listId: list.id, jobId: response.body.id });
    }
    const quietList = await createList(admin, quiet, ID_COLUMNS);
    const quietUpload = await admin.upload(quietList.id, idFile(1));
    expect(quietUpload.status, quietUpload.text).toBe(202);

    await workers.finished();
    const quietJob = await admin.waitForJob(quietList.id, quietUpload.body.id);
    expect(quietJob.state).toBe('completed');
    const backlogJobs = [];
    for (const { listId, jobId } of backlog) backlogJobs.push(await admin.waitForJob(listId, jobId));
    for (const job of backlogJobs) expect(job.state).toBe('completed');

    const started = (job: { startedTimeStamp: string }) => Date.parse(job.startedTimeStamp);
    // In arrival order all six would start first. Now the quiet job takes the first free worker; the
    // other worker, freed at the same moment, may start one of the backlog just before it.
    const startedBeforeQuiet = backlogJobs.filter((job) => started(job) < started(quietJob));
    expect(startedBeforeQuiet.length, JSON.stringify(backlogJobs.map((j) => j.startedTimeStamp))).toBeLessThanOrEqual(
      1,
    );
    // The busy workspace's own jobs keep their order: its last job starts after its first (two
    // workers claiming at once may start neighbours in either order, so only the ends are compared).
    expect(started(backlogJobs.at(-1)!)).toBeGreaterThan(started(backlogJobs[0]!));
  });
});
