import { listApiTokens } from '@/db/queries/api-tokens';
import { createApiTokenBody } from '@/lib/api-contract/accounts';
import { auditAs } from '@/lib/audit/audit-as';
import { issueApiToken } from '@/lib/auth/api-token';
import { env } from '@/lib/env';
import { readJson } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';

/** The caller's own tokens (never their secret value after creation). */
export const GET = apiRoute(async ({ request, principal }) => {
  const tokens = (await listApiTokens(principal.userId)).map((t) => ({
    id: t.id,
    label: t.label,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
  return Response.json(collection(request, tokens, { start: 0, limit: Math.max(tokens.length, 1) }, tokens.length));
});

/** Creates a token for the signed-in user; the value is shown once. */
export const POST = apiRoute(async ({ request, principal }) => {
  const body = await readJson(request, createApiTokenBody);
  const issued = await issueApiToken(principal.userId, body.label, body.ttlHours ?? env().TOKEN_TTL_HOURS);
  await auditAs(principal, {
    workspaceId: null,
    action: 'token.issue',
    targetType: 'token',
    targetId: issued.id,
    detail: { label: body.label, via: principal.via, expiresAt: issued.expiresAt.toISOString() },
  });
  return Response.json(
    { id: issued.id, token: issued.token, expiresAt: issued.expiresAt.toISOString() },
    { status: 201 },
  );
});
