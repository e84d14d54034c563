-- A published cycle's contributor sets (server/trends/stored-contributors.ts), kept beside its figures so a
-- later cycle's across-cycles check need not read its answers again. Cycles published before
-- this have none: the next publication makes theirs from their answers and keeps it.
CREATE TABLE "trend_contributors" (
	"cycle_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"format" text NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trend_contributors" ADD CONSTRAINT "trend_contributors_org_id_cycle_id_trend_snapshots_org_id_cycle_id_fk" FOREIGN KEY ("org_id","cycle_id") REFERENCES "public"."trend_snapshots"("org_id","cycle_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trend_contributors_org_idx" ON "trend_contributors" USING btree ("org_id");