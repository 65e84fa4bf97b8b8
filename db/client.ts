import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

import * as schema from './schema';

/**
 * The one place a connection pool is made. The URL is resolved at start (DATABASE_URL, or the
 * embedded server's) and kept on globalThis because Next bundles route handlers and
 * instrumentation separately: module state alone would give each bundle its own pool.
 */
type Connection = { sql: postgres.Sql; db: PostgresJsDatabase<typeof schema> };
const globalKey = Symbol.for('listport.db');
type GlobalWithDb = typeof globalThis & { [globalKey]?: Connection; __listportDatabaseUrl?: string };

export function setDatabaseUrl(url: string): void {
  (globalThis as GlobalWithDb).__listportDatabaseUrl = url;
  process.env.LISTPORT_RESOLVED_DATABASE_URL = url;
}

export function databaseUrl(): string {
  const url =
    (globalThis as GlobalWithDb).__listportDatabaseUrl ||
    process.env.LISTPORT_RESOLVED_DATABASE_URL ||
    process.env.DATABASE_URL;
  if (!url) throw new Error('The database is not ready yet: the server is still starting.');
  return url;
}

export function connectionOptions(max = 10): postgres.Options<Record<string, postgres.PostgresType>> {
  return {
    max,
    onnotice: () => {},
    idle_timeout: 30,
    connect_timeout: 10,
    // Connections are replaced now and then so a restarted database is picked up cleanly.
    max_lifetime: 60 * 30,
  };
}

function connection(): Connection {
  const g = globalThis as GlobalWithDb;
  if (!g[globalKey]) {
    const sql = postgres(databaseUrl(), connectionOptions(Number(process.env.DB_POOL_SIZE ?? 20)));
    g[globalKey] = { sql, db: drizzle(sql, { schema }) };
  }
  return g[globalKey];
}

export function getDb(): PostgresJsDatabase<typeof schema> {
  return connection().db;
}

/** Raw postgres.js access, for COPY and SQL over per-list tables (identifiers are always quoted). */
export function getSql(): postgres.Sql {
  return connection().sql;
}

export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const current = g[globalKey];
  g[globalKey] = undefined;
  await current?.sql.end({ timeout: 5 });
}

export type Db = PostgresJsDatabase<typeof schema>;
