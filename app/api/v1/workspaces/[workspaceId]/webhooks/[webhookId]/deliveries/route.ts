import { listWebhookDeliveries } from '@/db/queries/webhooks';
import { readQuery } from '@/lib/http/body';
import { collection, pagingSchema } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { loadWebhookFor } from '@/lib/webhooks/access';
import { toDeliveryResource } from '@/lib/webhooks/resource';

type Params = { workspaceId: string; webhookId: string };

/** The endpoint's delivery log, newest first. */
export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const endpoint = await loadWebhookFor(principal, params.workspaceId, params.webhookId);
  const query = readQuery(request, pagingSchema);
  const { items, count } = await listWebhookDeliveries(endpoint.id, query);
  return Response.json(collection(request, items.map(toDeliveryResource), query, count));
});
