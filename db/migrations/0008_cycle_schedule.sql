ALTER TABLE "organizations" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "auto_reminded_at" timestamp with time zone;