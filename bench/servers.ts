import path from 'node:path';
import postgres from 'postgres';

import { startEmbeddedPostgres } from '../db/embedded';

/** The machine's own PostgreSQL, used as the standard server when BENCH_DATABASE_URL is not set and it answers. */
export const MACHINE_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export type ServerKind = 'embedded' | 'standard';

/** What decides how a load writes: a server with replicas logs every page of a new table (wal_level replica or logical). */
export type ServerSettings = {
  version: string;
  walLevel: string;
  synchronousCommit: string;
  sharedBuffers: string;
  maxWalSize: string;
  fullPageWrites: string;
  dataChecksums: string;
};

export type BenchServer = {
  kind: ServerKind;
  /** Where it is, without its password: for the report. */
  where: string;
  url: string;
  settings: ServerSettings;
  stop: () => Promise<void>;
};

/**
 * The servers a run measures, in order: the embedded one (the app's default, wal_level=minimal) and a
 * standard one (BENCH_DATABASE_URL, or the machine's PostgreSQL when it answers; the kind of server
 * production runs, with replicas and point-in-time backups: wal_level=replica). `wanted` picks.
 */
export async function benchServers(wanted: readonly ServerKind[]): Promise<BenchServer[]> {
  const servers: BenchServer[] = [];
  if (wanted.includes('embedded')) {
    const embedded = await startEmbeddedPostgres(path.join(process.cwd(), '.data', 'bench'), () => {});
    servers.push({
      kind: 'embedded',
      where: 'embedded (.data/bench)',
      url: embedded.url,
      settings: await serverSettings(embedded.url),
      stop: embedded.stop,
    });
  }
  if (wanted.includes('standard')) {
    const given = process.env.BENCH_DATABASE_URL;
    const url = given || MACHINE_POSTGRES_URL;
    const settings = await serverSettings(url).catch((error: unknown) => {
      // A server that was asked for must answer; the machine's default is only used when it does.
      if (given) throw new Error(`BENCH_DATABASE_URL does not answer: ${String(error)}`);
      console.warn(`No standard server measured: ${MACHINE_POSTGRES_URL} does not answer (set BENCH_DATABASE_URL).`);
      return undefined;
    });
    if (settings) servers.push({ kind: 'standard', where: redact(url), url, settings, stop: async () => {} });
  }
  return servers;
}

async function serverSettings(url: string): Promise<ServerSettings> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const [row] = await sql<Record<keyof ServerSettings, string>[]>`
      select current_setting('server_version') as "version", current_setting('wal_level') as "walLevel",
             current_setting('synchronous_commit') as "synchronousCommit",
             current_setting('shared_buffers') as "sharedBuffers", current_setting('max_wal_size') as "maxWalSize",
             current_setting('full_page_writes') as "fullPageWrites", current_setting('data_checksums') as "dataChecksums"`;
    return row!;
  } finally {
    await sql.end();
  }
}

export function describeServer(server: BenchServer): string {
  const s = server.settings;
  return (
    `${server.kind} server, ${server.where}: PostgreSQL ${s.version}, wal_level=${s.walLevel}, ` +
    `synchronous_commit=${s.synchronousCommit}, shared_buffers=${s.sharedBuffers}, max_wal_size=${s.maxWalSize}, ` +
    `full_page_writes=${s.fullPageWrites}, data_checksums=${s.dataChecksums}`
  );
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
