import fs from 'node:fs/promises';
import path from 'node:path';

import { detachFilesEndedBefore, referencedFiles } from '@/db/queries/job-files';
import { env } from '@/lib/env';

/** An unreferenced file not written to for this long belongs to no upload in progress anywhere. */
const ORPHAN_AGE_MS = 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Removes stored files, only ever inside the upload directory (a path from the database is not
 * trusted to point elsewhere). Missing files are fine: another process may have removed them.
 */
export async function removeUploads(paths: readonly string[]): Promise<void> {
  const dir = env().uploadDir + path.sep;
  await Promise.all(
    paths
      .filter((p) => path.resolve(p).startsWith(dir))
      .map((p) => fs.rm(p, { force: true }).catch((error) => console.error(`[uploads] cannot remove ${p}:`, error))),
  );
}

/**
 * Files in the upload directory that no job refers to and nobody has written to for an hour: the
 * partial file of an upload cut off by a crash or a full disk, a preview's file left by a killed
 * process. Returns how many were removed.
 */
export async function sweepOrphanUploads(now = Date.now()): Promise<number> {
  const dir = env().uploadDir;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  if (names.length === 0) return 0;
  const referenced = await referencedFiles();
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    if (referenced.has(file)) continue;
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile() || now - stat.mtimeMs < ORPHAN_AGE_MS) continue;
    await fs.rm(file, { force: true });
    removed++;
  }
  return removed;
}

/** UPLOAD_RETENTION_DAYS: the stored files of jobs that ended longer ago are removed (the jobs stay). */
export async function expireUploads(now = Date.now()): Promise<number> {
  const days = env().UPLOAD_RETENTION_DAYS;
  if (days === undefined) return 0;
  const files = await detachFilesEndedBefore(new Date(now - days * 24 * 3600 * 1000));
  await removeUploads(files);
  return files.length;
}

/** At start and then hourly: orphans and expired files go. Failures are logged, never fatal. */
export function startUploadHousekeeping(): void {
  const sweep = async () => {
    try {
      const orphans = await sweepOrphanUploads();
      const expired = await expireUploads();
      if (orphans + expired > 0)
        console.log(`[uploads] removed ${orphans} orphaned and ${expired} expired upload file(s).`);
    } catch (error) {
      console.error('[uploads] housekeeping failed:', error);
    }
  };
  void sweep();
  setInterval(() => void sweep(), SWEEP_EVERY_MS).unref();
}
