import { createWebhookEndpoint, listWebhookEndpoints } from '@/db/queries/webhooks';
import { createWebhookBody } from '@/lib/api-contract/webhooks';
import { auditAs } from '@/lib/audit/audit-as';
import { readJson } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { acceptableWebhookUrl, requireWebhookAdmin } from '@/lib/webhooks/access';
import { toWebhookResource } from '@/lib/webhooks/resource';
import { newWebhookSecret } from '@/lib/webhooks/secret';

type Params = { workspaceId: string };

export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  requireWebhookAdmin(principal, params.workspaceId);
  const items = (await listWebhookEndpoints(params.workspaceId)).map(toWebhookResource);
  return Response.json(collection(request, items, { start: 0, limit: Math.max(items.length, 1) }, items.length));
});

export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  requireWebhookAdmin(principal, params.workspaceId);
  const body = await readJson(request, createWebhookBody);
  const endpoint = await createWebhookEndpoint({
    workspaceId: params.workspaceId,
    url: await acceptableWebhookUrl(body.url),
    description: body.description,
    events: body.events,
    secret: body.secret ?? newWebhookSecret(),
    enabled: body.enabled,
    createdBy: principal.userId,
  });
  await auditAs(principal, {
    workspaceId: params.workspaceId,
    action: 'webhook.create',
    targetType: 'webhook',
    targetId: endpoint.id,
    detail: { url: endpoint.url, events: endpoint.events },
  });
  return Response.json(toWebhookResource(endpoint), {
    status: 201,
    headers: { location: `/api/v1/workspaces/${params.workspaceId}/webhooks/${endpoint.id}` },
  });
});
