/** The PostgreSQL error code of a failed query; drizzle wraps driver errors, so look at the cause too. */
export function pgErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The constraint a failed query violated (postgres.js names it constraint_name), looking at the cause too. */
export function pgConstraintName(error: unknown): string | undefined {
  const e = error as { constraint_name?: unknown; cause?: { constraint_name?: unknown } } | undefined;
  const name = e?.constraint_name ?? e?.cause?.constraint_name;
  return typeof name === 'string' ? name : undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
