-- Numeric columns used to be required by a rule of their own (rule 3), whatever their "required"
-- said; now "required" alone decides, and a column created without it is required. Existing numeric
-- columns keep refusing empty values: their "required" becomes what they always did.
UPDATE "lists" SET "columns" = (
  SELECT jsonb_agg(
    CASE WHEN c->>'dataType' IN ('integer', 'number') THEN jsonb_set(c, '{required}', 'true'::jsonb) ELSE c END
    ORDER BY n
  )
  FROM jsonb_array_elements("columns") WITH ORDINALITY AS t(c, n)
)
WHERE EXISTS (
  SELECT 1 FROM jsonb_array_elements("columns") AS e(c)
  WHERE c->>'dataType' IN ('integer', 'number') AND (c->>'required')::boolean IS DISTINCT FROM true
);
