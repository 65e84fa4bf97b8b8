import { z } from 'zod';

import { getJobErrors } from '@/db/queries/job-errors';
import type { Job } from '@/db/schema';
import { readQuery } from '@/lib/http/body';
import { collection, pagingSchema } from '@/lib/http/collection';

const querySchema = pagingSchema.extend({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/**
 * A job's errors a page at a time, in the order found: `{start, limit, count, items, links}`, count
 * being the job's totalErrors. A job stores at most its error threshold of them (10,000 at most).
 */
export async function jobErrorsResponse(job: Job, request: Request): Promise<Response> {
  const query = readQuery(request, querySchema);
  const items = await getJobErrors(job.id, query);
  return Response.json(collection(request, items, query, job.totalErrors));
}
