CREATE TABLE "job_errors" (
	"job_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"error" jsonb NOT NULL,
	CONSTRAINT "job_errors_job_id_position_pk" PRIMARY KEY("job_id","position")
);
--> statement-breakpoint
ALTER TABLE "job_errors" ADD CONSTRAINT "job_errors_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;