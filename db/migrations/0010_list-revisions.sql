CREATE SCHEMA "list_revisions";
--> statement-breakpoint
CREATE TABLE "revisions" (
	"list_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"kind" text NOT NULL,
	"job_id" uuid,
	"restored_revision" integer,
	"file_name" text,
	"created_by" uuid,
	"created_by_email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"record_count" bigint NOT NULL,
	"counts" jsonb NOT NULL,
	"columns" jsonb NOT NULL,
	"kept_table" text,
	"kept_bytes" bigint,
	"replaced_at" timestamp with time zone,
	CONSTRAINT "revisions_list_id_revision_pk" PRIMARY KEY("list_id","revision")
);
--> statement-breakpoint
ALTER TABLE "lists" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_list_id_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "revisions_kept_idx" ON "revisions" USING btree ("replaced_at") WHERE "revisions"."kept_table" is not null;