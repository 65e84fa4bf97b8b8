import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';

import { getDb } from '../client';
import { appSettings } from '../schema';

/** Returns the stored value for `key`, creating it with `create()` the first time — atomically across processes. */
export async function getOrCreateSetting(key: string, create: () => string): Promise<string> {
  const db = getDb();
  await db.insert(appSettings).values({ key, value: create() }).onConflictDoNothing();
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, key));
  if (!row) throw new Error(`Setting ${key} could not be stored.`);
  return row.value;
}

export function getAuthSecretFromDb(): Promise<string> {
  return getOrCreateSetting('auth_secret', () => randomBytes(48).toString('base64url'));
}
