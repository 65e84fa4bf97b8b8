import type postgres from 'postgres';

/** A custom job's file is produced by its script while it runs: its size and sha256 are recorded with the load. */
export async function recordGeneratedFile(
  tx: postgres.TransactionSql,
  jobId: string,
  fileSize: number,
  sha256Sum: string,
): Promise<void> {
  await tx.unsafe(`update jobs set file_size = $2, sha256_sum = $3 where id = $1`, [jobId, fileSize, sha256Sum]);
}
