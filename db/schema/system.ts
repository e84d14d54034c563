import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Fixed-window counters shared by every app server on the database, so a limit holds across
// instances (server/auth/rate-limit.ts).
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true }).notNull(),
  count: integer().notNull(),
});

// Demo mode without SMTP: outgoing mail is kept here and listed at /dev/outbox instead of
// being sent. Never written outside demo mode (server/mail).
export const outboxEmails = pgTable(
  "outbox_emails",
  {
    id: uuid().primaryKey().defaultRandom(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("outbox_emails_created_idx").on(t.createdAt)],
);
