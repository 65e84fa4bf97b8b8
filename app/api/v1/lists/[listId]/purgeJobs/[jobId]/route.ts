import { apiRoute } from '@/lib/http/handler';
import { loadJobFor } from '@/lib/jobs/load-job';
import { jobResource } from '@/lib/jobs/resource';

type Params = { listId: string; jobId: string };

export const GET = apiRoute<Params>(async ({ principal, params }) => {
  const job = await loadJobFor(principal, params.jobId, 'viewer', { listId: params.listId, kinds: ['purge'] });
  return Response.json(await jobResource(job));
});
