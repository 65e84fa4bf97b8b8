/**
 * A record's key is the primary key of its list's table, and a PostgreSQL index entry holds at most
 * about 2,700 bytes (a third of a page): a longer key — a whole line or a note read into a key
 * column — fails the load with 54000 "index row size … exceeds btree … maximum". That is the
 * file's or the request's doing, so it is said as such rather than as an unexpected failure (attacker
 * pass: a 3,000-character key was a 500 on a row edit and "an unexpected error" on an import).
 */
export const KEY_TOO_LONG = {
  message:
    'A key is too long to be stored: the key values of one record can hold about 2,700 bytes together. Nothing was changed.',
  remediation:
    "Shorten the long key value. A very long key is usually a whole line or a note read into a key column: check the file's quotes and which column is the key.",
};

export function isKeyTooLongToIndex(error: unknown): boolean {
  for (
    let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    current && depth < 5;
    depth++
  ) {
    if (current.code === '54000' && typeof current.message === 'string' && /^index row size/.test(current.message)) {
      return true;
    }
    current = current.cause as typeof current;
  }
  return false;
}
