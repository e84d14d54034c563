CREATE TABLE "people_import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"confirmed_by" uuid,
	"file_name" text NOT NULL,
	"csv" text,
	"mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"preview" jsonb,
	"expected_hash" text,
	"result" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_import_runs_status" CHECK ("people_import_runs"."status" in ('checking', 'checked', 'importing', 'imported', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "import_column_mapping" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "given_name" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "people_import_runs" ADD CONSTRAINT "people_import_runs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "people_import_runs_org_created_idx" ON "people_import_runs" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "people_org_name_idx" ON "people" USING btree ("org_id","name","id");--> statement-breakpoint
CREATE INDEX "audit_log_org_action_created_idx" ON "audit_log" USING btree ("org_id","action","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_org_subject_created_idx" ON "audit_log" USING btree ("org_id","subject_id","created_at");