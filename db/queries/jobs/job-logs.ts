import { and, asc, eq, gt } from 'drizzle-orm';

import { getDb } from '../../client';
import { jobLogs, type LogLevel } from '../../schema';

/** A log line is kept up to this length (a script may log a whole record, or a stack trace). */
export const MAX_LOG_LINE_CHARS = 4_000;

export async function addJobLog(jobId: string, level: LogLevel, message: string): Promise<void> {
  const line = message.length > MAX_LOG_LINE_CHARS ? `${message.slice(0, MAX_LOG_LINE_CHARS)}…` : message;
  await getDb().insert(jobLogs).values({ jobId, level, message: line });
}

export async function getJobLogs(jobId: string, afterId: number, limit = 500) {
  return getDb()
    .select()
    .from(jobLogs)
    .where(and(eq(jobLogs.jobId, jobId), gt(jobLogs.id, afterId)))
    .orderBy(asc(jobLogs.id))
    .limit(limit);
}
