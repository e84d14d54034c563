ALTER TABLE "action_items" ADD COLUMN "client_key" text;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "client_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "action_items_client_key_idx" ON "action_items" USING btree ("org_id","client_key");--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_items_client_key_idx" ON "agenda_items" USING btree ("org_id","client_key");