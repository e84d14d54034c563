import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

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

// The job queue (server/jobs/queue.ts; docs/decisions/0003-job-queue.md): durable rows in the
// application's own database, so it works the same on PGlite and Postgres and needs no extra
// server. `key` makes enqueueing idempotent (a reminder for one meeting and person is one row,
// however many app servers schedule it); workers claim due rows with FOR UPDATE SKIP LOCKED.
export const jobs = pgTable(
  "jobs",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    key: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    runAt: timestamp({ withTimezone: true }).notNull(),
    attempts: integer().notNull().default(0),
    /** A claimed job is someone's until then; after it, another worker may retry it. */
    lockedUntil: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    /** "done", "failed" (gave up after the last attempt) or "cancelled" once finished. */
    outcome: text(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("jobs_key_idx").on(t.key),
    index("jobs_due_idx")
      .on(t.runAt)
      .where(sql`${t.finishedAt} is null`),
  ],
);

// One row per email that must go out at most once (meeting reminders, digests): written and
// committed before the message is handed to the mail server, so a retried or duplicated job
// finds it and sends nothing.
export const mailDeliveries = pgTable("mail_deliveries", {
  key: text().primaryKey(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
