CREATE TYPE "public"."agenda_source" AS ENUM('person', 'template', 'gap', 'blind_spot', 'topic');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('scheduled', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."series_frequency" AS ENUM('weekly', 'biweekly', 'monthly');--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_deliveries" (
	"key" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"pair_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"origin_meeting_id" uuid NOT NULL,
	"text" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_on" date,
	"done_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"detail" text,
	"source" "agenda_source" DEFAULT 'person' NOT NULL,
	"source_key" text,
	"created_by_id" uuid NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agenda_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"owner_id" uuid,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"sections" jsonb NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_templates_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "meeting_preferences" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"reminder_minutes" integer DEFAULT 1440,
	"assessment_digest" text DEFAULT 'weekly' NOT NULL,
	"calendar_token_hash" text,
	"calendar_token_created_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_preferences_reminder_minutes" CHECK ("meeting_preferences"."reminder_minutes" is null or "meeting_preferences"."reminder_minutes" between 5 and 10080)
);
--> statement-breakpoint
CREATE TABLE "meeting_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"pair_id" uuid NOT NULL,
	"frequency" "series_frequency" NOT NULL,
	"weekday" smallint NOT NULL,
	"week_of_month" smallint,
	"start_time" text NOT NULL,
	"time_zone" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"paused_from" date,
	"previous_series_id" uuid,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_series_org_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "meeting_series_weekday" CHECK ("meeting_series"."weekday" between 1 and 7),
	CONSTRAINT "meeting_series_week_of_month" CHECK (("meeting_series"."frequency" = 'monthly') = ("meeting_series"."week_of_month" is not null) and ("meeting_series"."week_of_month" is null or "meeting_series"."week_of_month" in (-1, 1, 2, 3, 4))),
	CONSTRAINT "meeting_series_duration" CHECK ("meeting_series"."duration_minutes" between 5 and 480),
	CONSTRAINT "meeting_series_ends_after_start" CHECK ("meeting_series"."ends_on" is null or "meeting_series"."ends_on" >= "meeting_series"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"pair_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"occurrence_start" timestamp with time zone NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" "meeting_status" DEFAULT 'scheduled' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_org_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "meetings_ends_after_start" CHECK ("meetings"."ends_at" > "meetings"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "private_notes" (
	"org_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "private_notes_meeting_id_author_id_pk" PRIMARY KEY("meeting_id","author_id")
);
--> statement-breakpoint
CREATE TABLE "shared_notes" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"body" text NOT NULL,
	"version" integer NOT NULL,
	"updated_by_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_org_id_pair_id_pairs_org_id_id_fk" FOREIGN KEY ("org_id","pair_id") REFERENCES "public"."pairs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_org_id_meeting_id_meetings_org_id_id_fk" FOREIGN KEY ("org_id","meeting_id") REFERENCES "public"."meetings"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_org_id_origin_meeting_id_meetings_org_id_id_fk" FOREIGN KEY ("org_id","origin_meeting_id") REFERENCES "public"."meetings"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_org_id_owner_id_people_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_org_id_created_by_id_people_org_id_id_fk" FOREIGN KEY ("org_id","created_by_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_org_id_meeting_id_meetings_org_id_id_fk" FOREIGN KEY ("org_id","meeting_id") REFERENCES "public"."meetings"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_org_id_created_by_id_people_org_id_id_fk" FOREIGN KEY ("org_id","created_by_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_templates" ADD CONSTRAINT "agenda_templates_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_templates" ADD CONSTRAINT "agenda_templates_org_id_owner_id_people_org_id_id_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."people"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_templates" ADD CONSTRAINT "agenda_templates_org_id_created_by_id_people_org_id_id_fk" FOREIGN KEY ("org_id","created_by_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_preferences" ADD CONSTRAINT "meeting_preferences_org_id_person_id_people_org_id_id_fk" FOREIGN KEY ("org_id","person_id") REFERENCES "public"."people"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_series" ADD CONSTRAINT "meeting_series_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_series" ADD CONSTRAINT "meeting_series_org_id_pair_id_pairs_org_id_id_fk" FOREIGN KEY ("org_id","pair_id") REFERENCES "public"."pairs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_series" ADD CONSTRAINT "meeting_series_org_id_created_by_id_people_org_id_id_fk" FOREIGN KEY ("org_id","created_by_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_org_id_pair_id_pairs_org_id_id_fk" FOREIGN KEY ("org_id","pair_id") REFERENCES "public"."pairs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_org_id_series_id_meeting_series_org_id_id_fk" FOREIGN KEY ("org_id","series_id") REFERENCES "public"."meeting_series"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "private_notes" ADD CONSTRAINT "private_notes_org_id_meeting_id_meetings_org_id_id_fk" FOREIGN KEY ("org_id","meeting_id") REFERENCES "public"."meetings"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "private_notes" ADD CONSTRAINT "private_notes_org_id_author_id_people_org_id_id_fk" FOREIGN KEY ("org_id","author_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_notes" ADD CONSTRAINT "shared_notes_org_id_meeting_id_meetings_org_id_id_fk" FOREIGN KEY ("org_id","meeting_id") REFERENCES "public"."meetings"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_notes" ADD CONSTRAINT "shared_notes_org_id_updated_by_id_people_org_id_id_fk" FOREIGN KEY ("org_id","updated_by_id") REFERENCES "public"."people"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_key_idx" ON "jobs" USING btree ("key");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE "jobs"."finished_at" is null;--> statement-breakpoint
CREATE INDEX "action_items_meeting_idx" ON "action_items" USING btree ("org_id","meeting_id");--> statement-breakpoint
CREATE INDEX "action_items_open_pair_idx" ON "action_items" USING btree ("org_id","pair_id") WHERE "action_items"."done_at" is null;--> statement-breakpoint
CREATE INDEX "agenda_items_meeting_idx" ON "agenda_items" USING btree ("org_id","meeting_id","position");--> statement-breakpoint
CREATE INDEX "agenda_templates_org_idx" ON "agenda_templates" USING btree ("org_id","owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_preferences_calendar_token_idx" ON "meeting_preferences" USING btree ("calendar_token_hash");--> statement-breakpoint
CREATE INDEX "meeting_series_pair_idx" ON "meeting_series" USING btree ("org_id","pair_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_occurrence_idx" ON "meetings" USING btree ("series_id","occurrence_start");--> statement-breakpoint
CREATE INDEX "meetings_pair_start_idx" ON "meetings" USING btree ("org_id","pair_id","starts_at");--> statement-breakpoint
CREATE INDEX "meetings_start_idx" ON "meetings" USING btree ("starts_at");