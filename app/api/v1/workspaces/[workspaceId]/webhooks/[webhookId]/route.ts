import { deleteWebhookEndpoint, updateWebhookEndpoint } from '@/db/queries/webhooks';
import { updateWebhookBody } from '@/lib/api-contract/webhooks';
import { auditAs } from '@/lib/audit/audit-as';
import { ApiError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { apiRoute } from '@/lib/http/handler';
import { acceptableWebhookUrl, loadWebhookFor } from '@/lib/webhooks/access';
import { toWebhookResource } from '@/lib/webhooks/resource';
import { newWebhookSecret } from '@/lib/webhooks/secret';

type Params = { workspaceId: string; webhookId: string };

export const GET = apiRoute<Params>(async ({ principal, params }) =>
  Response.json(toWebhookResource(await loadWebhookFor(principal, params.workspaceId, params.webhookId))),
);

export const PATCH = apiRoute<Params>(async ({ request, principal, params }) => {
  const endpoint = await loadWebhookFor(principal, params.workspaceId, params.webhookId);
  const body = await readJson(request, updateWebhookBody);
  const updated = await updateWebhookEndpoint(params.workspaceId, endpoint.id, {
    ...(body.url !== undefined && { url: await acceptableWebhookUrl(body.url) }),
    ...(body.events !== undefined && { events: body.events }),
    ...(body.description !== undefined && { description: body.description }),
    ...(body.enabled !== undefined && { enabled: body.enabled }),
    ...(body.rotateSecret && { secret: newWebhookSecret() }),
  });
  if (!updated) throw ApiError.notFound('The webhook');
  await auditAs(principal, {
    workspaceId: params.workspaceId,
    action: 'webhook.update',
    targetType: 'webhook',
    targetId: endpoint.id,
    detail: { ...body, rotateSecret: body.rotateSecret ?? false },
  });
  return Response.json(toWebhookResource(updated));
});

export const DELETE = apiRoute<Params>(async ({ principal, params }) => {
  const endpoint = await loadWebhookFor(principal, params.workspaceId, params.webhookId);
  await deleteWebhookEndpoint(params.workspaceId, endpoint.id);
  await auditAs(principal, {
    workspaceId: params.workspaceId,
    action: 'webhook.delete',
    targetType: 'webhook',
    targetId: endpoint.id,
    detail: { url: endpoint.url },
  });
  return new Response(null, { status: 204 });
});
