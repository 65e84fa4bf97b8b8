import { randomUUID } from 'node:crypto';

import { queueTestDelivery } from '@/db/queries/webhooks';
import { apiRoute } from '@/lib/http/handler';
import { loadWebhookFor } from '@/lib/webhooks/access';
import { testPayload } from '@/lib/webhooks/payload';
import { toDeliveryResource } from '@/lib/webhooks/resource';

type Params = { workspaceId: string; webhookId: string };

/** Queues a `webhook.test` event for the endpoint; the delivery log shows how it went. */
export const POST = apiRoute<Params>(async ({ principal, params }) => {
  const endpoint = await loadWebhookFor(principal, params.workspaceId, params.webhookId);
  const delivery = await queueTestDelivery(
    endpoint.id,
    `msg_${randomUUID().replaceAll('-', '')}`,
    testPayload(endpoint),
  );
  return Response.json(toDeliveryResource(delivery), { status: 202 });
});
