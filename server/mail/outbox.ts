import { desc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEmails } from "@/db/schema";

/** The newest emails of the demo outbox. */
export function listOutbox(db: Db, limit = 50) {
  return db
    .select({ id: outboxEmails.id, to: outboxEmails.to, subject: outboxEmails.subject, text: outboxEmails.text, createdAt: outboxEmails.createdAt })
    .from(outboxEmails)
    .orderBy(desc(outboxEmails.createdAt))
    .limit(limit);
}
