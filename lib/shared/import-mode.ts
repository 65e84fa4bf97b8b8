/** How an import treats the list's existing records: update by key, add only, or replace them all. */
export const IMPORT_MODES = ['upsert', 'append', 'replace'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * Each mode in the words of the person who chooses it — the one source for the import wizard, the
 * custom imports' form and the job log, none of which shows a mode's name. `detail` completes a
 * sentence ("Add new records only: a record whose key …"). `short` is the label where a phone's closed
 * select would cut it; the label is then written out under the select.
 */
export const IMPORT_MODE_WORDS: Record<ImportMode, { label: string; short: string; detail: string }> = {
  upsert: {
    label: 'Add new records and update existing ones',
    short: 'Add new, update existing',
    detail: 'a record whose key is already in the list replaces its values there',
  },
  append: {
    label: 'Add new records only',
    short: 'Add new records only',
    detail: 'a record whose key is already in the list is an error, and nothing is loaded',
  },
  replace: {
    label: 'Replace the whole list',
    short: 'Replace the whole list',
    detail: 'the list then holds exactly these records; the records not among them are removed',
  },
};

/** "A record whose key is already in the list is an error, and nothing is loaded.": a mode's detail on its own. */
export function importModeDetail(mode: ImportMode): string {
  const { detail } = IMPORT_MODE_WORDS[mode];
  return `${detail[0]!.toUpperCase()}${detail.slice(1)}.`;
}

/** "Add new records only: a record whose key is already in the list is an error, and nothing is loaded.": a mode in full. */
export function importModeSentence(mode: ImportMode): string {
  const { label, detail } = IMPORT_MODE_WORDS[mode];
  return `${label}: ${detail}.`;
}
