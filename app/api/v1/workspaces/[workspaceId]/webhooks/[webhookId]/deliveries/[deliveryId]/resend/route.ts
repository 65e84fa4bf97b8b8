import { resendWebhookDelivery } from '@/db/queries/webhooks';
import { ApiError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/handler';
import { isUuid } from '@/lib/shared/ids';
import { loadWebhookFor } from '@/lib/webhooks/access';
import { toDeliveryResource } from '@/lib/webhooks/resource';

type Params = { workspaceId: string; webhookId: string; deliveryId: string };

/** "Send again": the same message (same webhook-id and body) is queued for now. */
export const POST = apiRoute<Params>(async ({ principal, params }) => {
  const endpoint = await loadWebhookFor(principal, params.workspaceId, params.webhookId);
  const delivery = isUuid(params.deliveryId) ? await resendWebhookDelivery(endpoint.id, params.deliveryId) : undefined;
  if (!delivery) throw ApiError.notFound('The delivery');
  return Response.json(toDeliveryResource(delivery), { status: 202 });
});
