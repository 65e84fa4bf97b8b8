import { getJobLogs } from '@/db/queries/jobs/job-logs';
import type { Job } from '@/db/schema';
import { jobLogsQuery } from '@/lib/api-contract/jobs';
import { readQuery } from '@/lib/http/body';

/** Leveled log lines of a job; `after=<logId>` returns only newer lines, for tailing a running job. */
export async function jobLogsResponse(job: Job, request: Request): Promise<Response> {
  const query = readQuery(request, jobLogsQuery);
  const logs = await getJobLogs(job.id, query.after, query.limit);
  return Response.json({
    jobId: job.id,
    state: job.state,
    items: logs.map((l) => ({ id: l.id, level: l.level, timeStamp: l.createdAt.toISOString(), message: l.message })),
  });
}
