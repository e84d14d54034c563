CREATE TABLE "trend_group_figures" (
	"cycle_id" uuid NOT NULL,
	"group_id" text NOT NULL,
	"position" integer NOT NULL,
	"figures" json NOT NULL,
	CONSTRAINT "trend_group_figures_cycle_id_group_id_pk" PRIMARY KEY("cycle_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "trend_snapshots" (
	"cycle_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"inputs" text NOT NULL,
	"k" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "trends_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "figures_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "trend_group_figures" ADD CONSTRAINT "trend_group_figures_cycle_id_trend_snapshots_cycle_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."trend_snapshots"("cycle_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trend_snapshots" ADD CONSTRAINT "trend_snapshots_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trend_snapshots" ADD CONSTRAINT "trend_snapshots_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trend_snapshots_org_idx" ON "trend_snapshots" USING btree ("org_id");