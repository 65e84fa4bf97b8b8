import { resetPassword } from '@/lib/accounts/reset-password';
import { resetUserPasswordBody } from '@/lib/api-contract/accounts';
import { readJson } from '@/lib/http/body';
import { apiRoute } from '@/lib/http/handler';

type Params = { userId: string };

/**
 * An admin resets an account's password: to `password`, or to a generated one shown once in the
 * answer. The user must choose their own at the next sign-in; their sessions and tokens end at once.
 */
export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  const body = await readJson(request, resetUserPasswordBody);
  const result = await resetPassword(principal, params.userId, body.password);
  return Response.json({ mustChangePassword: true, ...result });
});
