-- Import options beyond the List Data API's own columns: unescapeFormulas, encoding.
ALTER TABLE "jobs" ADD COLUMN "options" jsonb DEFAULT '{}'::jsonb NOT NULL;
