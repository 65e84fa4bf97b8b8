-- Installs from before instance admins: the first account (the one the first start created) becomes
-- the instance admin, so someone can still manage every account.
UPDATE "users" SET "is_instance_admin" = true
WHERE "id" = (SELECT "id" FROM "users" ORDER BY "created_at", "id" LIMIT 1)
  AND NOT EXISTS (SELECT 1 FROM "users" WHERE "is_instance_admin");
