import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';

import { getUserByEmail } from '@/db/queries/users';
import { DUMMY_HASH, verifyPassword } from '@/lib/password';

import { checkSignInRate, clientAddress, recordSignInFailure } from './rate-limit';
import { getAuthSecret } from './secret';

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

export const SESSION_MAX_AGE_SECONDS = 12 * 3600;

/** next-auth options: Credentials provider, JWT sessions; built per call because the secret may come from the database. */
export async function authOptions(): Promise<NextAuthOptions> {
  return {
    secret: await getAuthSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const ip = clientAddress(req?.headers?.['x-forwarded-for'] as string | undefined);
          if (!checkSignInRate(parsed.data.email, ip).allowed) {
            throw new Error('TooManyAttempts');
          }
          const user = await getUserByEmail(parsed.data.email);
          const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
          if (!user || !ok) {
            recordSignInFailure(parsed.data.email, ip);
            return null;
          }
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
