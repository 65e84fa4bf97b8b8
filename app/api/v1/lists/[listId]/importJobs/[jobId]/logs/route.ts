import { z } from 'zod';
import { getJobLogs } from '@/db/queries/jobs';
import { readQuery } from '@/lib/http/body';
import { apiRoute } from '@/lib/http/handler';
import { loadJobFor } from '@/lib/jobs/load-job';

type Params = { listId: string; jobId: string };
const querySchema = z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(500) });

/** Leveled logs; `after=<logId>` returns only newer lines, for tailing a running job. */
export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const job = await loadJobFor(principal, params.jobId, 'viewer', { listId: params.listId });
  const query = readQuery(request, querySchema);
  const logs = await getJobLogs(job.id, query.after, query.limit);
  return Response.json({
    jobId: job.id,
    state: job.state,
    items: logs.map((l) => ({ id: l.id, level: l.level, timeStamp: l.createdAt.toISOString(), message: l.message })),
  });
});
