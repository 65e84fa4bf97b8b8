import PgBoss from 'pg-boss';

import { databaseUrl, getSql } from '@/db/client';
import { workspaceJobsBeside } from '@/db/queries/jobs/job-reads';

/**
 * The job queue is pg-boss on the same PostgreSQL: any number of app and worker processes share
 * it, and SKIP LOCKED fetching hands each message to one of them. The job's own row (claimed
 * pending → running) is what guarantees a job runs once even if a message were delivered twice.
 */
export const JOB_QUEUE = 'listport-jobs';
/**
 * Workers poll the queue every second; a job sent is announced on this channel too (NOTIFY), so the
 * worker processes (the app's own and any `npm run worker`) fetch it at once instead of on their
 * next poll — on a 1M-row load that wait was up to a second of its time.
 */
const JOB_SENT_CHANNEL = 'listport_job_sent';

type QueueState = { boss?: Promise<PgBoss>; workerIds: string[] };
const stateKey = Symbol.for('listport.queue');
function state(): QueueState {
  const g = globalThis as typeof globalThis & { [stateKey]?: QueueState };
  g[stateKey] ??= { workerIds: [] };
  return g[stateKey];
}

export function getBoss(): Promise<PgBoss> {
  const s = state();
  s.boss ??= (async () => {
    const boss = new PgBoss({ connectionString: databaseUrl(), max: 4, application_name: 'listport-queue' });
    boss.on('error', (error) => console.error('[queue] error:', error));
    await boss.start();
    await createJobQueue(boss);
    return boss;
  })().catch((error) => {
    s.boss = undefined;
    throw error;
  });
  return s.boss;
}

/**
 * The app process and its worker process start pg-boss at the same moment; two concurrent
 * createQueue calls can deadlock in PostgreSQL (each creates the queue's partition), which made the
 * first import after a start answer 500. The loser of that race tries again and finds the queue.
 */
async function createJobQueue(boss: PgBoss): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(JOB_QUEUE)) return;
    try {
      await boss.createQueue(JOB_QUEUE, { name: JOB_QUEUE, retryLimit: 0, expireInSeconds: 12 * 3600 });
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      const raced = code === '40P01' || code === '23505';
      if (!raced || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}

/** Sends a job's message; the message id is the job id, so sending twice is harmless. */
export async function enqueueJob(jobId: string): Promise<void> {
  const boss = await getBoss();
  const priority = await fairPriority(boss, jobId);
  await boss.send(JOB_QUEUE, { jobId }, { id: jobId, priority, retryLimit: 0, expireInSeconds: 12 * 3600 });
  await getSql()
    .notify(JOB_SENT_CHANNEL, jobId)
    .catch((error) => console.error('[queue] could not announce a job (workers find it on their next poll):', error));
  for (const workerId of state().workerIds) boss.notifyWorker(workerId);
}

/**
 * Workers take the message of highest priority first, then the oldest. In arrival order alone, one
 * editor's 16 imports made another workspace's one-row import wait 20.6 s behind them (fourth
 * attacker pass). So a job's priority is lower by the number of its workspace's jobs already waiting
 * or running: a workspace with none goes before every backlog but its first job. It is never higher
 * than its workspace's newest job's, so a workspace's jobs still run in the order sent and an old
 * one is not overtaken for ever by its own workspace's later ones.
 */
async function fairPriority(boss: PgBoss, jobId: string): Promise<number> {
  const beside = await workspaceJobsBeside(jobId);
  if (beside.count === 0) return 0;
  const newest = beside.newestId ? await boss.getJobById(JOB_QUEUE, beside.newestId) : null;
  return Math.min(-beside.count, newest?.priority ?? 0);
}

export async function startQueueWorkers(concurrency: number, handle: (jobId: string) => Promise<void>): Promise<void> {
  const boss = await getBoss();
  for (let i = 0; i < concurrency; i++) {
    const workerId = await boss.work<{ jobId: string }>(
      JOB_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: 1 },
      async ([message]) => {
        if (message) await handle(message.data.jobId);
      },
    );
    state().workerIds.push(workerId);
  }
  await getSql().listen(JOB_SENT_CHANNEL, () => {
    for (const workerId of state().workerIds) boss.notifyWorker(workerId);
  });
}

export async function stopQueue(): Promise<void> {
  const s = state();
  const boss = await s.boss?.catch(() => undefined);
  s.boss = undefined;
  s.workerIds = [];
  await boss?.stop({ graceful: false, wait: false, close: true }).catch(() => {});
}
