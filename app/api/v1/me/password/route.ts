import { changeOwnPassword } from '@/lib/accounts/change-own-password';
import { changeMyPasswordBody } from '@/lib/api-contract/accounts';
import { clientAddressOf } from '@/lib/auth/client-address';
import { renewedSessionCookie } from '@/lib/auth/session';
import { readJson } from '@/lib/http/body';
import { apiRoute } from '@/lib/http/handler';

/** Changes the caller's own password; every other session and token of the account ends. */
export const POST = apiRoute(
  async ({ request, principal }) => {
    const body = await readJson(request, changeMyPasswordBody);
    const changed = await changeOwnPassword(principal, body, clientAddressOf(request.headers));
    const response = Response.json({
      passwordChangedAt: changed.passwordChangedAt.toISOString(),
      otherSessionsEnded: true,
      tokensRevoked: changed.tokensRevoked,
    });
    // The browser that made the change stays signed in, at the new session version.
    if (principal.session) {
      response.headers.append('set-cookie', await renewedSessionCookie(principal.session, changed.sessionVersion));
    }
    return response;
  },
  { duringPasswordChange: true },
);
