ALTER TABLE "jobs" ADD COLUMN "original_file_name" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "original_file_path" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "original_file_size" bigint;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "original_sha256_sum" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "browser_fixes" jsonb;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "progress" jsonb;