import { getAuthSecretFromDb } from '@/db/queries/settings';

let cached: Promise<string> | undefined;

/**
 * The key that signs sessions and API tokens. From AUTH_SECRET when set; otherwise generated once
 * and kept in the database, so every app and worker process sharing it agrees without configuration.
 */
export function getAuthSecret(): Promise<string> {
  const fromEnv = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (fromEnv) return Promise.resolve(fromEnv);
  cached ??= getAuthSecretFromDb().catch((error) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
