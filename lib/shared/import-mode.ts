/** How an import treats the list's existing records: update by key, add only, or replace them all. */
export const IMPORT_MODES = ['upsert', 'append', 'replace'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
