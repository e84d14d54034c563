import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./org";

/** One field an admin changed on a person: what it was and what it became. */
export interface AuditFieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

export type AuditDetails = Record<string, string | number | boolean | null | AuditFieldChange[]>;

// Admin actions (imports, cycle changes, setting changes, exports), readable by owners.
// `details` never holds an answer or anything from a pair: only what the admin did.
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** Who acted; kept as a name too, so the log still reads after a person is removed. */
    actorId: uuid(),
    actorName: text().notNull(),
    action: text().notNull(),
    /** The person the action was about (an edit, a deactivation, a role), for filtering by person. */
    subjectId: uuid(),
    details: jsonb().$type<AuditDetails>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_org_created_idx").on(t.orgId, t.createdAt),
    index("audit_log_org_action_created_idx").on(t.orgId, t.action, t.createdAt),
    index("audit_log_org_subject_created_idx").on(t.orgId, t.subjectId, t.createdAt),
  ],
);
