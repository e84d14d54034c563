import { desc, eq, exists, and } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, outboxEmails, people } from "@/db/schema";

/**
 * The newest emails of the demo outbox, to people of demo organizations only: whatever else
 * might have been kept there is never shown to the strangers a demo serves.
 */
export function listOutbox(db: Db, limit = 50) {
  const toDemoPerson = db
    .select({ id: people.id })
    .from(people)
    .innerJoin(organizations, eq(organizations.id, people.orgId))
    .where(and(eq(people.email, outboxEmails.to), eq(organizations.isDemo, true)));
  return db
    .select({ id: outboxEmails.id, to: outboxEmails.to, subject: outboxEmails.subject, text: outboxEmails.text, createdAt: outboxEmails.createdAt })
    .from(outboxEmails)
    .where(exists(toDemoPerson))
    .orderBy(desc(outboxEmails.createdAt))
    .limit(limit);
}
