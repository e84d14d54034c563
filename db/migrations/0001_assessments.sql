CREATE TYPE "public"."assessment_kind" AS ENUM('cycle', 'check_in');--> statement-breakpoint
CREATE TYPE "public"."cycle_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."side" AS ENUM('employee', 'manager');--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"pair_id" uuid NOT NULL,
	"kind" "assessment_kind" NOT NULL,
	"cycle_id" uuid,
	"bank_version" integer NOT NULL,
	"due_on" date,
	"started_by_id" uuid,
	"revealed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_org_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "assessments_cycle_matches_kind" CHECK (("assessments"."kind" = 'cycle') = ("assessments"."cycle_id" is not null)),
	CONSTRAINT "assessments_revealed_or_closed" CHECK ("assessments"."revealed_at" is null or "assessments"."closed_at" is null)
);
--> statement-breakpoint
CREATE TABLE "cycle_departments" (
	"org_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	CONSTRAINT "cycle_departments_cycle_id_department_id_pk" PRIMARY KEY("cycle_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"status" "cycle_status" DEFAULT 'draft' NOT NULL,
	"all_departments" boolean DEFAULT true NOT NULL,
	"bank_version" integer NOT NULL,
	"min_group_size" integer,
	"created_by_id" uuid,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cycles_org_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "cycles_dates_ordered" CHECK ("cycles"."closes_on" >= "cycles"."opens_on")
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"side" "side" NOT NULL,
	"respondent_id" uuid NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"share_choose_again" boolean DEFAULT false NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "responses_assessment_side_key" UNIQUE("assessment_id","side")
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_org_id_pair_id_pairs_org_id_id_fk" FOREIGN KEY ("org_id","pair_id") REFERENCES "public"."pairs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_org_id_cycle_id_cycles_org_id_id_fk" FOREIGN KEY ("org_id","cycle_id") REFERENCES "public"."cycles"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_org_id_started_by_id_people_org_id_id_fk" FOREIGN KEY ("org_id","started_by_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_departments" ADD CONSTRAINT "cycle_departments_org_id_cycle_id_cycles_org_id_id_fk" FOREIGN KEY ("org_id","cycle_id") REFERENCES "public"."cycles"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_departments" ADD CONSTRAINT "cycle_departments_org_id_department_id_departments_org_id_id_fk" FOREIGN KEY ("org_id","department_id") REFERENCES "public"."departments"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_org_id_created_by_id_people_org_id_id_fk" FOREIGN KEY ("org_id","created_by_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_org_id_assessment_id_assessments_org_id_id_fk" FOREIGN KEY ("org_id","assessment_id") REFERENCES "public"."assessments"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_org_id_respondent_id_people_org_id_id_fk" FOREIGN KEY ("org_id","respondent_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_cycle_pair_idx" ON "assessments" USING btree ("cycle_id","pair_id") WHERE "assessments"."cycle_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_open_check_in_idx" ON "assessments" USING btree ("pair_id") WHERE "assessments"."kind" = 'check_in' and "assessments"."revealed_at" is null and "assessments"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "assessments_pair_idx" ON "assessments" USING btree ("org_id","pair_id","created_at");--> statement-breakpoint
CREATE INDEX "cycles_org_idx" ON "cycles" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "responses_respondent_idx" ON "responses" USING btree ("org_id","respondent_id");