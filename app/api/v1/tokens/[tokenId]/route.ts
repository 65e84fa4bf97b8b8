import { revokeApiToken } from '@/db/queries/api-tokens';
import { auditAs } from '@/lib/audit/audit-as';
import { ApiError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/handler';
import { isUuid } from '@/lib/shared/ids';

export const DELETE = apiRoute<{ tokenId: string }>(async ({ principal, params }) => {
  if (!isUuid(params.tokenId) || !(await revokeApiToken(params.tokenId, principal.userId))) {
    throw ApiError.notFound('The token');
  }
  await auditAs(principal, {
    workspaceId: null,
    action: 'token.revoke',
    targetType: 'token',
    targetId: params.tokenId,
  });
  return new Response(null, { status: 204 });
});
