-- Every row of an organization carries its id: a trend_group_figures row now carries its
-- cycle's, copied from its snapshot row, and the composite foreign key keeps the two equal.
ALTER TABLE "trend_snapshots" ADD CONSTRAINT "trend_snapshots_org_cycle_key" UNIQUE("org_id","cycle_id");--> statement-breakpoint
ALTER TABLE "trend_group_figures" DROP CONSTRAINT "trend_group_figures_cycle_id_trend_snapshots_cycle_id_fk";
--> statement-breakpoint
ALTER TABLE "trend_group_figures" ADD COLUMN "org_id" uuid;--> statement-breakpoint
UPDATE "trend_group_figures" SET "org_id" = "trend_snapshots"."org_id" FROM "trend_snapshots" WHERE "trend_snapshots"."cycle_id" = "trend_group_figures"."cycle_id";--> statement-breakpoint
ALTER TABLE "trend_group_figures" ALTER COLUMN "org_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "trend_group_figures" ADD CONSTRAINT "trend_group_figures_org_id_cycle_id_trend_snapshots_org_id_cycle_id_fk" FOREIGN KEY ("org_id","cycle_id") REFERENCES "public"."trend_snapshots"("org_id","cycle_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trend_group_figures_org_idx" ON "trend_group_figures" USING btree ("org_id");
