ALTER TABLE "organizations" ADD COLUMN "import_column_mapping" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "given_name" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
CREATE INDEX "people_org_name_idx" ON "people" USING btree ("org_id","name","id");--> statement-breakpoint
CREATE INDEX "audit_log_org_action_created_idx" ON "audit_log" USING btree ("org_id","action","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_org_subject_created_idx" ON "audit_log" USING btree ("org_id","subject_id","created_at");