import NextAuth from 'next-auth';

import { authOptions } from '@/lib/auth/options';

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Context) {
  return NextAuth(request as never, context as never, await authOptions());
}

export { handler as GET, handler as POST };
