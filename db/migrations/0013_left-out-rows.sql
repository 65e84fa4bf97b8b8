ALTER TABLE "jobs" ADD COLUMN "left_out_file_name" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "left_out_file_path" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "left_out_file_size" bigint;