import { index, integer, json, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { cycles } from "./assessments";
import { organizations } from "./org";

// HR trend figures, computed once when a cycle's data changes rather than on every view
// (server/services/trends/stored-figures.ts; docs/performance.md). The figures are stored
// exactly as the trends procedures return them: after the anonymity rules, hidden cells
// already hidden, so nothing stored here is more than a view would show.
//
// Freshness: database triggers (migration 0005) bump `cycles.figures_version` when a
// submitted response, an invitation or the cycle's k changes, and
// `organizations.trends_version` when people's names or departments, departments or reporting
// lines change. A snapshot is fresh while its `inputs` equals the versions it was computed
// from; a stale one is recomputed on the next view (or by the background refresh) and replaced.

export const trendSnapshots = pgTable(
  "trend_snapshots",
  {
    cycleId: uuid()
      .primaryKey()
      .references(() => cycles.id, { onDelete: "cascade" }),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** What the figures were computed from: format, org and cycle versions (see `inputsOf`). */
    inputs: text().notNull(),
    k: integer().notNull(),
    computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("trend_snapshots_org_idx").on(t.orgId)],
);

export const trendGroupFigures = pgTable(
  "trend_group_figures",
  {
    cycleId: uuid()
      .notNull()
      .references(() => trendSnapshots.cycleId, { onDelete: "cascade" }),
    /** "org:<id>", a department's id or "team:<manager's id>". */
    groupId: text().notNull(),
    /** The group's place in the cycle's list (org, departments by name, teams depth-first). */
    position: integer().notNull(),
    /** The group's `GroupFigures`, anonymity rules applied. `json`, not `jsonb`: only ever read whole. */
    figures: json().notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.groupId] })],
);
