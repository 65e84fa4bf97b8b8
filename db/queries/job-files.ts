import { sql, type SQL } from 'drizzle-orm';

import { getDb, type Db } from '../client';

type Executor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Forgets the stored files of the jobs matching `where` — an import's upload (`file_path`), the
 * file the person chose it from (`original_file_path`) and the rows they left out in the wizard
 * (`left_out_file_path`), a custom import's CSV and its input files (`inputs.files.*.path`) — and
 * returns their paths for the caller to remove once the transaction has committed. The jobs
 * themselves (their history) stay.
 */
async function detachFiles(db: Executor, where: SQL): Promise<string[]> {
  const rows = await db.execute<{
    file_path: string | null;
    original_file_path: string | null;
    left_out_file_path: string | null;
    input_paths: string[] | null;
  }>(sql`
    with target as (
      select id, file_path, original_file_path, left_out_file_path, inputs from jobs
      where (${where})
        and (file_path is not null or original_file_path is not null or left_out_file_path is not null
             or coalesce(inputs->'files', '{}'::jsonb) <> '{}'::jsonb)
      for update
    )
    update jobs j
       set file_path = null,
           original_file_path = null,
           left_out_file_path = null,
           inputs = case when j.inputs ? 'files' then jsonb_set(j.inputs, '{files}', '{}'::jsonb) else j.inputs end
      from target
     where j.id = target.id
    returning target.file_path, target.original_file_path, target.left_out_file_path,
              jsonb_path_query_array(target.inputs, '$.files.*.path') as input_paths`);
  return rows.flatMap((r) => [
    ...(r.file_path ? [r.file_path] : []),
    ...(r.original_file_path ? [r.original_file_path] : []),
    ...(r.left_out_file_path ? [r.left_out_file_path] : []),
    ...(r.input_paths ?? []),
  ]);
}

/** The files of a list's jobs, detached in the transaction that deletes the list. */
export function detachListFiles(db: Executor, listId: string): Promise<string[]> {
  return detachFiles(db, sql`list_id = ${listId}`);
}

/** The files of jobs that ended before `cutoff` (UPLOAD_RETENTION_DAYS). */
export function detachFilesEndedBefore(cutoff: Date): Promise<string[]> {
  return detachFiles(
    getDb(),
    sql`state in ('completed', 'failed', 'cancelled') and completed_at < ${cutoff.toISOString()}::timestamptz`,
  );
}

/** Every stored file some job still refers to: any other file in the upload directory is an orphan. */
export async function referencedFiles(): Promise<Set<string>> {
  const rows = await getDb().execute<{ path: string }>(sql`
    select file_path as path from jobs where file_path is not null
    union
    select original_file_path from jobs where original_file_path is not null
    union
    select left_out_file_path from jobs where left_out_file_path is not null
    union
    select jsonb_path_query(inputs, '$.files.*.path') #>> '{}' from jobs where inputs ? 'files'`);
  return new Set(rows.map((r) => r.path));
}
