import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';

import { endSessions } from '@/db/queries/accounts';

import { checkCredential } from './active-account';
import { clientAddressOf } from './client-address';
import { getAuthSecret } from './secret';
import { SESSION_MAX_AGE_SECONDS } from './session';
import { checkSignIn, SignInRefused } from './sign-in';

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

/** Sign-in failures the sign-in form words for the user (next-auth passes the error's message on). */
export const SIGN_IN_ERRORS = {
  'too-many-attempts': 'TooManyAttempts',
  busy: 'Busy',
  // Said only to someone who knows the password.
  disabled: 'AccountDisabled',
} as const;

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
          const client = clientAddressOf(req?.headers as Record<string, string> | undefined);
          try {
            const user = await checkSignIn(parsed.data.email, parsed.data.password, client, 'browser');
            return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
          } catch (error) {
            if (!(error instanceof SignInRefused)) throw error;
            if (error.reason === 'wrong-password') return null;
            // next-auth passes the message on to the form, which words it.
            throw new Error(SIGN_IN_ERRORS[error.reason]);
          }
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
