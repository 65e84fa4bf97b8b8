import { env } from '@/lib/env';
import { admission } from '@/lib/http/admission';

/**
 * Import previews of this process. A preview checks every record of its file while the file
 * streams into a temporary stage, holding one pooled database connection throughout: 22 previews
 * of 1M-row files at once took every connection and /api/health waited past 60 s. IMPORT_PREVIEWS
 * (default 2) run at once — the pool keeps its other connections for everyone else — four times as
 * many wait up to 60 s, and a user holds at most IMPORT_PREVIEWS_PER_USER places.
 */
export const importPreviews = admission('import-preview', () => {
  const config = env();
  return {
    what: 'import preview',
    concurrency: config.IMPORT_PREVIEWS,
    queue: 4 * config.IMPORT_PREVIEWS,
    perUser: config.IMPORT_PREVIEWS_PER_USER,
    maxWaitMs: 60_000,
  };
});
