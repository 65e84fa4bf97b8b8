import { IMPORT_MODE_WORDS, IMPORT_MODES } from '@/lib/shared/import-mode';
import { plural } from '@/lib/shared/plural';

/**
 * Job log lines that name a load's mode or its errors, in the words of the wizard's summary: the
 * log is read by the person who ran the import, not only by whoever wrote the API call.
 */
export function modeWords(mode: string | null | undefined): string {
  const known = IMPORT_MODES.find((m) => m === (mode ?? 'upsert'));
  if (!known) return `mode ${mode}`;
  const { label } = IMPORT_MODE_WORDS[known];
  return `${label[0]!.toLowerCase()}${label.slice(1)}`;
}

/** "Validating every record of "a.csv" (add new records and update existing ones, stop after 100 errors)…" */
export function validatingWords(what: string, mode: string | null | undefined, errorThreshold: number): string {
  return `Validating every record${what} (${modeWords(mode)}, stop after ${plural(errorThreshold, 'error')})…`;
}

/** "4 errors", "1 error", "100+ errors" (validation stopped at the threshold). */
export function errorCountWords(count: number, stoppedAtThreshold: boolean): string {
  return stoppedAtThreshold ? `${count.toLocaleString('en-US')}+ errors` : plural(count, 'error');
}
