import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./org";

// A people file uploaded for a background import (server/people-import/import-runs.ts):
// large files are checked and written by the worker, and the page follows the run's status.
// The file is kept only while the run needs it; `preview` is what the check found (every
// problem, what importing would change) and `result` what the import wrote.
export const peopleImportRuns = pgTable(
  "people_import_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** Who uploaded it, and who confirmed the import (the worker acts as them). */
    createdBy: uuid().notNull(),
    confirmedBy: uuid(),
    fileName: text().notNull(),
    /** The file's text; cleared once the run is imported. */
    csv: text(),
    /** Column choices made for this file (header as written → field or "ignore"). */
    mapping: jsonb().$type<Record<string, string>>().notNull().default({}),
    status: text({ enum: ["checking", "checked", "importing", "imported", "failed"] }).notNull(),
    /** Bumped by every new check, so each check is its own job and a stale one writes nothing. */
    revision: integer().notNull().default(1),
    /** Rows read so far by the check in progress. */
    processed: integer().notNull().default(0),
    preview: jsonb().$type<Record<string, unknown>>(),
    expectedHash: text(),
    result: jsonb().$type<Record<string, unknown>>(),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("people_import_runs_org_created_idx").on(t.orgId, t.createdAt),
    check("people_import_runs_status", sql`${t.status} in ('checking', 'checked', 'importing', 'imported', 'failed')`),
  ],
);
