import { recordAudit } from '@/db/queries/audit';
import { issueTokenBody } from '@/lib/api-contract/accounts';
import { issueApiToken } from '@/lib/auth/api-token';
import { clientAddressOf } from '@/lib/auth/client-address';
import { scriptTokenLabel } from '@/lib/auth/script-token-label';
import { checkSignIn, SignInRefused } from '@/lib/auth/sign-in';
import { env } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { publicApiRoute } from '@/lib/http/handler';

export const POST = publicApiRoute(async ({ request }) => {
  const body = await readJson(request, issueTokenBody);
  const client = clientAddressOf(request.headers);
  let user;
  try {
    user = await checkSignIn(body.email, body.password, client, 'api-token');
  } catch (error) {
    if (!(error instanceof SignInRefused)) throw error;
    if (error.error) throw error.error;
    if (error.reason === 'disabled') {
      throw ApiError.forbidden('This account has been disabled.', 'Ask an admin of your workspace to enable it again.');
    }
    // Not "get a new token from POST /auth/token": that is the request that was refused.
    throw ApiError.unauthenticated(
      'The email or password is not correct.',
      'Send the email and password you sign in to Listport with (an admin can reset a forgotten password). After 10 wrong attempts in 15 minutes, sign-ins are refused for a while (429).',
    );
  }
  // Unlabelled tokens say when and by what they were made: identical "API token" rows could not be told apart.
  const label = body.label || scriptTokenLabel(new Date(), request.headers.get('user-agent'));
  const issued = await issueApiToken(user.id, label, env().TOKEN_TTL_HOURS);
  await recordAudit({
    workspaceId: null,
    actorId: user.id,
    actorEmail: user.email,
    action: 'token.issue',
    targetType: 'token',
    targetId: issued.id,
    detail: { label, via: 'sign-in', client, expiresAt: issued.expiresAt.toISOString() },
  });
  return Response.json({ token: issued.token, expiresAt: issued.expiresAt.toISOString() });
});
