import { apiRoute } from '@/lib/http/handler';
import { loadJobFor } from '@/lib/jobs/load-job';
import { toJobResource } from '@/lib/jobs/resource';

export const GET = apiRoute<{ jobId: string }>(async ({ principal, params }) => {
  const job = await loadJobFor(principal, params.jobId, 'viewer');
  return Response.json(toJobResource(job));
});
