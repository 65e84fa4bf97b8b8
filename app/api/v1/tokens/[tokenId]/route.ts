import { revokeApiToken } from '@/db/queries/api-tokens';
import { ApiError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/handler';
import { isUuid } from '@/lib/ids';

export const DELETE = apiRoute<{ tokenId: string }>(async ({ principal, params }) => {
  if (!isUuid(params.tokenId) || !(await revokeApiToken(params.tokenId, principal.userId))) {
    throw ApiError.notFound('The token');
  }
  return new Response(null, { status: 204 });
});
