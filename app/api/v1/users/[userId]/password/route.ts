import { z } from 'zod';

import { resetPassword } from '@/lib/accounts/reset-password';
import { readJson } from '@/lib/http/body';
import { apiRoute } from '@/lib/http/handler';
import { isAcceptablePassword, PASSWORD_RULE } from '@/lib/password-rule';

type Params = { userId: string };

const bodySchema = z.object({ password: z.string().refine(isAcceptablePassword, PASSWORD_RULE).optional() });

/**
 * An admin resets an account's password: to `password`, or to a generated one shown once in the
 * answer. The user must choose their own at the next sign-in; their sessions and tokens end at once.
 */
export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  const body = await readJson(request, bodySchema);
  const result = await resetPassword(principal, params.userId, body.password);
  return Response.json({ mustChangePassword: true, ...result });
});
