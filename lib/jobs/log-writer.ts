import { addJobLog } from '@/db/queries/jobs/job-logs';
import type { LogLevel } from '@/db/schema';

/**
 * A job's log, written line by line in the order the lines are given. A load reports its phases
 * without waiting for the write (logging must not slow it down), yet the lines must reach the table
 * in order: readers tail a log by line id (`…/logs?after=<id>`), so a line whose id was taken before
 * another's but which committed after it would be skipped, and shown out of order on reload.
 */
export class JobLogWriter {
  private written: Promise<void> = Promise.resolve();

  constructor(readonly jobId: string) {}

  /** Writes a line after every line given before it; resolves once it is written. */
  write(level: LogLevel, message: string): Promise<void> {
    const line = this.written.then(() => addJobLog(this.jobId, level, message));
    // A failed write (the database away for a moment) must not hold back or lose the lines after it.
    this.written = line.catch((error: unknown) => console.error(`[jobs] log line of job ${this.jobId} lost:`, error));
    return line;
  }

  /** An INFO line the caller does not wait for (it is still written in order). */
  info(message: string): void {
    void this.write('INFO', message).catch(() => {});
  }

  /** Resolves when every line given so far is written: before a line written in another transaction. */
  flushed(): Promise<void> {
    return this.written;
  }
}
