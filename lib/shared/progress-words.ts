import type { JobProgress } from './job-progress';

/**
 * The steps of a job in plain words. A leaf module (no server code): the job pages import it too.
 */
export const PHASE_WORDS = {
  waiting: 'Waiting for its turn',
  starting: 'Starting',
  checking: 'Checking the file',
  rechecking: 'Checking the file again to list every problem',
  keys: 'Looking for keys given more than once',
  building: 'Building the new version of the list',
  merging: 'Adding the records to the list',
  removing: 'Removing the records',
  script: 'Running the custom import',
} as const;
export type ProgressPhase = keyof typeof PHASE_WORDS;

/** "about 12 s left", "about 3 min left": rounded, because an estimate is never exact. */
export function timeLeftWords(seconds: number | null | undefined): string | undefined {
  if (seconds == null) return undefined;
  if (seconds < 5) return 'a few seconds left';
  if (seconds < 60) return `about ${Math.round(seconds / 5) * 5} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  const hours = Math.floor(seconds / 3600);
  return `about ${hours} h ${Math.round((seconds - hours * 3600) / 60)} min left`;
}

/** The progress of a job before it has measured anything: waiting for a worker, or just started. */
export function unmeasured(phase: 'waiting' | 'starting'): JobProgress {
  return { phase, description: PHASE_WORDS[phase], unit: null, done: 0, total: null, percent: null, secondsLeft: null };
}
