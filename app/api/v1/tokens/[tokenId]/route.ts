import { revokeApiToken } from '@/db/queries/api-tokens';
import { recordAudit } from '@/db/queries/audit';
import { ApiError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/handler';
import { isUuid } from '@/lib/shared/ids';

export const DELETE = apiRoute<{ tokenId: string }>(async ({ principal, params }) => {
  if (!isUuid(params.tokenId) || !(await revokeApiToken(params.tokenId, principal.userId))) {
    throw ApiError.notFound('The token');
  }
  await recordAudit({
    workspaceId: null,
    actorId: principal.userId,
    actorEmail: principal.email,
    action: 'token.revoke',
    targetType: 'token',
    targetId: params.tokenId,
  });
  return new Response(null, { status: 204 });
});
