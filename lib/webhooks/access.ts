import { getWebhookEndpoint } from '@/db/queries/webhooks';
import type { WebhookEndpoint } from '@/db/schema';
import { requireRole, type Principal } from '@/lib/auth/principal';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { isUuid } from '@/lib/shared/ids';

import { checkWebhookUrl, DestinationRefused } from './destination';
import { webhookSettings } from './settings';

/** Webhooks are a workspace admin's: they send the workspace's job results to another system. */
export function requireWebhookAdmin(principal: Principal, workspaceId: string): void {
  requireRole(principal, workspaceId, 'admin', 'The workspace');
}

export async function loadWebhookFor(principal: Principal, workspaceId: string, id: string): Promise<WebhookEndpoint> {
  requireWebhookAdmin(principal, workspaceId);
  const endpoint = isUuid(id) ? await getWebhookEndpoint(workspaceId, id) : undefined;
  if (!endpoint) throw ApiError.notFound('The webhook');
  return endpoint;
}

/** The URL as it will be called, or 400 saying why it is refused. */
export async function acceptableWebhookUrl(url: string): Promise<string> {
  try {
    return (await checkWebhookUrl(url, webhookSettings().allowPrivate)).toString();
  } catch (error) {
    if (!(error instanceof DestinationRefused)) throw error;
    throw new ApiError(
      400,
      ERROR_CODES.webhookDestinationRefused,
      error.message,
      'Use an https:// URL of a server reachable from the internet.',
    );
  }
}
