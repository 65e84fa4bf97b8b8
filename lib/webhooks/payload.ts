import { getJobWithListName } from '@/db/queries/jobs/job-reads';
import { jobResource } from '@/lib/jobs/resource';

/**
 * The body of an event, Standard Webhooks style: `{type, timestamp, data}`. A job event carries the
 * job resource as GET /api/v1/jobs/{jobId} answers it; list.purged and list.restored carry the
 * list's id and name and the purge or restore job (its results name the revision put back).
 */
export async function eventPayload(eventType: string, jobId: string | null): Promise<unknown> {
  const job = jobId ? await getJobWithListName(jobId) : undefined;
  if (!job) return { type: eventType, timestamp: new Date().toISOString(), data: {} };
  const resource = await jobResource(job);
  const data =
    eventType === 'list.purged' || eventType === 'list.restored'
      ? { list: { id: job.listId, name: job.listName ?? null }, job: resource }
      : resource;
  return { type: eventType, timestamp: (job.completedAt ?? new Date()).toISOString(), data };
}

export function testPayload(endpoint: { id: string; workspaceId: string }) {
  return {
    type: 'webhook.test',
    timestamp: new Date().toISOString(),
    data: {
      endpointId: endpoint.id,
      workspaceId: endpoint.workspaceId,
      message: 'A test event from Listport: if you can read this, the endpoint works.',
    },
  };
}
