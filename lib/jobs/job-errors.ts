import { getJobErrors } from '@/db/queries/job-errors';
import type { Job } from '@/db/schema';
import { jobErrorsQuery } from '@/lib/api-contract/jobs';
import { readQuery } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';

/**
 * A job's errors a page at a time, in the order found: `{start, limit, count, items, links}`, count
 * being the job's totalErrors. A job stores at most its error threshold of them (10,000 at most).
 */
export async function jobErrorsResponse(job: Job, request: Request): Promise<Response> {
  const query = readQuery(request, jobErrorsQuery);
  const items = await getJobErrors(job.id, query);
  return Response.json(collection(request, items, query, job.totalErrors));
}
