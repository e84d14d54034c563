CREATE TABLE "cycle_group_snapshots" (
	"cycle_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"groups" json NOT NULL,
	"memberships" json NOT NULL,
	"frozen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trend_snapshots" ADD COLUMN "published_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "cycle_group_snapshots" ADD CONSTRAINT "cycle_group_snapshots_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_group_snapshots" ADD CONSTRAINT "cycle_group_snapshots_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Figures stored before this migration were computed on every change, open cycles included, over
-- today's departments. They are dropped: the worker publishes each closed cycle again, in the
-- order the cycles closed, each checked against those before it (server/services/trends/).
DELETE FROM "trend_snapshots";
