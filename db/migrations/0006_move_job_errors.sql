-- Jobs kept their errors in one jsonb array (up to 10,000 per job), which every collection of jobs
-- read whole. Each error becomes a row of job_errors, in order, with the strings bounded as new
-- jobs store them (db/queries/job-errors.ts: value 1,000 characters, message and remediation 2,000).
INSERT INTO "job_errors" ("job_id", "position", "error")
SELECT j."id", e.ordinality - 1,
  e.value
    || CASE WHEN length(e.value->>'value') > 1000
         THEN jsonb_build_object('value', left(e.value->>'value', 1000) || '…') ELSE '{}'::jsonb END
    || CASE WHEN length(e.value->>'message') > 2000
         THEN jsonb_build_object('message', left(e.value->>'message', 2000) || '…') ELSE '{}'::jsonb END
    || CASE WHEN length(e.value->>'remediation') > 2000
         THEN jsonb_build_object('remediation', left(e.value->>'remediation', 2000) || '…') ELSE '{}'::jsonb END
FROM "jobs" j, jsonb_array_elements(j."errors") WITH ORDINALITY AS e(value, ordinality)
WHERE jsonb_typeof(j."errors") = 'array';
--> statement-breakpoint
UPDATE "jobs" SET "total_errors" = jsonb_array_length("errors")
WHERE jsonb_typeof("errors") = 'array' AND "total_errors" <> jsonb_array_length("errors");
