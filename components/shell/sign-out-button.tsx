'use client';

import { signOut } from 'next-auth/react';

/** Signs out everywhere: signing out ends every session of the account, on every browser. */
export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: '/login' })}>
      Sign out
    </button>
  );
}
