import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';

import { endSessions } from '@/db/queries/accounts';
import { getUserByEmail } from '@/db/queries/users';
import { DUMMY_HASH, verifyPassword } from '@/lib/password';

import { checkCredential } from './active-account';
import { checkSignInRate, clientAddress, recordSignInFailure } from './rate-limit';
import { getAuthSecret } from './secret';
import { SESSION_MAX_AGE_SECONDS } from './session';

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

/** Sign-in failures the sign-in form words for the user (next-auth passes the error's message on). */
export const SIGN_IN_ERRORS = { tooManyAttempts: 'TooManyAttempts', accountDisabled: 'AccountDisabled' } as const;

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
            throw new Error(SIGN_IN_ERRORS.tooManyAttempts);
          }
          const user = await getUserByEmail(parsed.data.email);
          const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
          if (!user || !ok) {
            recordSignInFailure(parsed.data.email, ip);
            return null;
          }
          // Said only to someone who knows the password.
          if (user.disabledAt) throw new Error(SIGN_IN_ERRORS.accountDisabled);
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion;
          return token;
        }
        // Every later read of the session (next-auth's own /api/auth/session included) checks it is
        // still current; throwing makes next-auth clear the cookie.
        const { refusal } = await checkCredential({
          via: 'session',
          userId: String(token.sub),
          sessionVersion: typeof token.sv === 'number' ? token.sv : undefined,
        });
        if (refusal) throw new Error(refusal);
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    events: {
      // Signing out ends every session of the account, not only this cookie: a copied cookie would
      // otherwise stay valid until it expires.
      async signOut({ token }) {
        if (typeof token?.sub === 'string' && typeof token.sv === 'number') await endSessions(token.sub, token.sv);
      },
    },
  };
}
