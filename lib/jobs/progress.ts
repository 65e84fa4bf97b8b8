import type { JobProgress, ProgressStore } from '@/lib/shared/job-progress';
import { PHASE_WORDS, type ProgressPhase } from '@/lib/shared/progress-words';

/** Writes are at most this often: a job of millions of rows makes a few hundred updates, never one per row. */
export const PROGRESS_WRITE_MS = 500;
/** An estimate before this much of a step has run is noise; none is shown until then. */
const ESTIMATE_AFTER_MS = 1_000;

type Step = { phase: ProgressPhase; unit: JobProgress['unit']; done: number; total: number | null; startedAt: number };

/**
 * A running job's progress: the current step, what it has done of how much, and a time-left
 * estimate from the step's own pace. The job's code reports cheaply (a number in memory); a timer
 * writes the job's `progress` every PROGRESS_WRITE_MS when it changed. While the list is built
 * the job has no counter of its own, so PostgreSQL's pg_stat_progress_create_index for the
 * load's backend is read instead.
 */
export class JobProgressTracker {
  private step: Step;
  private backendPid: number | undefined;
  private recordsHint = 0;
  private lastWritten = '';
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(
    private readonly jobId: string,
    private readonly fileSize: number | null,
    private readonly store: ProgressStore,
    private readonly now: () => number = Date.now,
  ) {
    this.step = { phase: 'checking', unit: null, done: 0, total: null, startedAt: now() };
  }

  /**
   * A new step begins; the checking steps measure the file's bytes against its known size.
   * `records`: how many records the step handles, when known (the file's, for building).
   */
  phase(phase: ProgressPhase, records?: number): void {
    if (records !== undefined) this.recordsHint = records;
    const readsFile = phase === 'checking' || phase === 'rechecking';
    this.step = {
      phase,
      unit: readsFile && this.fileSize ? 'bytes' : null,
      done: 0,
      total: readsFile && this.fileSize ? this.fileSize : null,
      startedAt: this.now(),
    };
  }

  /** The load's database backend, whose index builds PostgreSQL reports. */
  atBackend(pid: number): void {
    this.backendPid = pid;
  }

  /** Counts the file's bytes as they are read; each read of the file starts from 0. */
  async *countBytes(chunks: AsyncIterable<Uint8Array | Buffer>): AsyncGenerator<Uint8Array> {
    const step = this.step;
    step.done = 0;
    for await (const chunk of chunks) {
      step.done += chunk.length;
      yield chunk;
    }
  }

  snapshot(): JobProgress {
    const { phase, unit, done, total, startedAt } = this.step;
    const percent = total ? Math.min(100, Math.floor((done / total) * 100)) : null;
    return {
      phase,
      description: PHASE_WORDS[phase],
      unit,
      done,
      total,
      percent,
      secondsLeft: this.secondsLeft(done, total, this.now() - startedAt),
    };
  }

  private secondsLeft(done: number, total: number | null, elapsedMs: number): number | null {
    if (!total || done <= 0 || elapsedMs < ESTIMATE_AFTER_MS) return null;
    return Math.max(0, Math.round(((total - done) * elapsedMs) / done / 1000));
  }

  /** One tick: reads PostgreSQL's progress while the list is built, writes when anything changed. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      if (this.step.phase === 'building' && this.backendPid !== undefined) await this.measureIndexBuild();
      const progress = this.snapshot();
      const key = JSON.stringify(progress);
      if (key === this.lastWritten) return;
      this.lastWritten = key;
      await this.store.write(this.jobId, progress);
    } finally {
      this.ticking = false;
    }
  }

  /**
   * The key index is built in two halves PostgreSQL counts separately: scanning the table (blocks),
   * then loading the sorted records into the index (tuples). Reported as one step in records, so
   * the bar only moves forward.
   */
  private async measureIndexBuild(): Promise<void> {
    const build = await this.store.readIndexBuild(this.backendPid!);
    if (!build) return;
    const step = this.step;
    const scanning = build.phase.includes('scanning table');
    const loading = build.phase.includes('loading tuples');
    const total = Math.max(build.tuplesTotal, this.recordsHint) || build.blocksTotal;
    if (!total) return;
    if (step.total === null) {
      // The step's pace starts with the index build: what came before it was not measured.
      step.unit = Math.max(build.tuplesTotal, this.recordsHint) ? 'records' : null;
      step.startedAt = this.now();
    }
    const half = total / 2;
    const fraction = scanning
      ? build.blocksTotal
        ? build.blocksDone / build.blocksTotal
        : 0
      : loading && build.tuplesTotal
        ? 1 + build.tuplesDone / build.tuplesTotal
        : 1;
    step.total = Math.max(step.total ?? 0, total);
    step.done = Math.min(step.total, Math.max(step.done, Math.round(half * fraction)));
  }

  start(): void {
    this.timer = setInterval(() => {
      this.tick().catch((error) => console.error(`[jobs] progress of ${this.jobId} not written:`, error));
    }, PROGRESS_WRITE_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
