import { env } from '@/lib/env';

import { admission } from './admission';

/**
 * The error reports of this process. A report parses the job's whole stored file again on the event
 * loop: twelve at once of a 58 MB file took 50 s each and slowed every other request (fourth attacker
 * pass). So, like CSV exports, ERROR_REPORTS are made at once, 4× as many wait up to 60 s, and a user
 * holds at most ERROR_REPORTS_PER_USER places; past that 429/503 with Retry-After.
 */
export const errorReports = admission('error-report', () => {
  const config = env();
  return {
    what: 'error report',
    concurrency: config.ERROR_REPORTS,
    queue: 4 * config.ERROR_REPORTS,
    perUser: config.ERROR_REPORTS_PER_USER,
    maxWaitMs: 60_000,
  };
});
