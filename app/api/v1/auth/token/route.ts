import { z } from 'zod';

import { getUserByEmail } from '@/db/queries/users';
import { issueApiToken } from '@/lib/auth/api-token';
import { checkSignInRate, clientAddress, recordSignInFailure } from '@/lib/auth/rate-limit';
import { env } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { publicApiRoute } from '@/lib/http/handler';
import { DUMMY_HASH, verifyPassword } from '@/lib/password';

const bodySchema = z.object({
  email: z.string().trim().min(1, 'email is required').max(320),
  password: z.string().min(1, 'password is required').max(200),
  label: z.string().trim().max(100).optional(),
});

export const POST = publicApiRoute(async ({ request }) => {
  const body = await readJson(request, bodySchema);
  const ip = clientAddress(request.headers.get('x-forwarded-for'));
  const rate = checkSignInRate(body.email, ip);
  if (!rate.allowed) throw ApiError.tooManyRequests('Too many failed attempts.', rate.retryAfterSeconds);
  const user = await getUserByEmail(body.email);
  const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    recordSignInFailure(body.email, ip);
    throw ApiError.unauthenticated('The email or password is not correct.');
  }
  // Said only to someone who knows the password.
  if (user.disabledAt) {
    throw ApiError.forbidden('This account has been disabled.', 'Ask an admin of your workspace to enable it again.');
  }
  const issued = await issueApiToken(user.id, body.label ?? 'API token', env().TOKEN_TTL_HOURS);
  return Response.json({ token: issued.token, expiresAt: issued.expiresAt.toISOString() });
});
