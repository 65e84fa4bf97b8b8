import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/**
 * Test databases live on TEST_DATABASE_URL's server when set, else on the embedded test server
 * started by the global setup; each suite gets a database of its own, dropped afterwards.
 */
export async function createDatabase(
  serverUrl: string,
  prefix = 'listport_test',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
      await sql.end();
    },
  };
}
