import { customType, foreignKey, index, integer, json, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { cycles } from "./assessments";
import { organizations } from "./org";

// HR trend figures (server/trends/; the rules: docs/anonymity.md).
//
// A cycle's groups are frozen when it opens (`cycle_group_snapshots`): who counts in the org,
// each department and each team for that cycle, and the groups' names. Its figures are
// published once, by the background worker, after it closes (`trend_snapshots` and
// `trend_group_figures`), exactly as the trends procedures return them: after the anonymity
// rules, hidden cells already hidden, so nothing stored here is more than a view would show.
// Nothing later (imports, moves, renames, deactivations, a new k) changes either. A published
// cycle is computed again only when the code's figure format changes (`inputs`), from the same
// frozen groups and the same submitted answers.

export const trendSnapshots = pgTable(
  "trend_snapshots",
  {
    cycleId: uuid()
      .primaryKey()
      .references(() => cycles.id, { onDelete: "cascade" }),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** The figure format the figures were computed with (see `inputsOf`). */
    inputs: text().notNull(),
    k: integer().notNull(),
    computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * When the cycle's figures were first published; never changed by a recomputation. Cycles
     * are checked against those published before them (the across-cycles rule), in this order.
     */
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("trend_snapshots_org_idx").on(t.orgId), unique("trend_snapshots_org_cycle_key").on(t.orgId, t.cycleId)],
);

export const trendGroupFigures = pgTable(
  "trend_group_figures",
  {
    cycleId: uuid().notNull(),
    /** The organization of the cycle, as on every row that belongs to one; always its snapshot's. */
    orgId: uuid().notNull(),
    /** "org:<id>", a department's id or "team:<manager's id>". */
    groupId: text().notNull(),
    /** The group's place in the cycle's list (org, departments by name, teams depth-first). */
    position: integer().notNull(),
    /** The group's `GroupFigures`, anonymity rules applied. `json`, not `jsonb`: only ever read whole. */
    figures: json().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.groupId] }),
    foreignKey({ columns: [t.orgId, t.cycleId], foreignColumns: [trendSnapshots.orgId, trendSnapshots.cycleId] }).onDelete("cascade"),
    index("trend_group_figures_org_idx").on(t.orgId),
  ],
);

/**
 * A cycle's groups as they stood when it opened: the org, every department that held one of its
 * pairs' reports, every team (a manager's subtree by the reporting lines of that moment), with
 * their names then. `memberships` lists, per assessment of the cycle, the positions in `groups`
 * of the groups its pair counts in. Written once: in the transaction that opens the cycle, or,
 * for a cycle opened before groups were frozen, on its first use (`freezeCycleGroups` in
 * server/trends/inputs.ts), with the reporting lines of its opening moment.
 */
export const cycleGroupSnapshots = pgTable("cycle_group_snapshots", {
  cycleId: uuid()
    .primaryKey()
    .references(() => cycles.id, { onDelete: "cascade" }),
  orgId: uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" }),
  /** `GroupDef[]` (server/trends/compute.ts), in the order the trends page lists them. */
  groups: json().notNull(),
  /** `[assessmentId, groupPositions][]`. `json`: only ever read whole, by the publication. */
  memberships: json().notNull(),
  frozenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Binary data: postgres.js reads it as a Buffer, PGlite as a Uint8Array; both take a Buffer. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

/**
 * What a later cycle's across-cycles check needs of a published cycle, kept with its figures so
 * the check does not load and read the cycle's answers again: per kind of contribution who
 * contributed, in which groups, with which traits, and where the cycle showed each figure
 * (`CycleContributors` in server/trends/compute.ts, encoded by server/trends/stored-contributors.ts).
 * Written in the transaction that stores the figures; a cycle published before it was kept has
 * none until a later publication makes it from its answers. Nothing more than the figures'
 * inputs: never read by any view.
 */
export const trendContributors = pgTable(
  "trend_contributors",
  {
    cycleId: uuid().primaryKey(),
    orgId: uuid().notNull(),
    /** The encoding (`CONTRIBUTORS_FORMAT`); another one is not read. */
    format: text().notNull(),
    data: bytea().notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.orgId, t.cycleId], foreignColumns: [trendSnapshots.orgId, trendSnapshots.cycleId] }).onDelete("cascade"),
    index("trend_contributors_org_idx").on(t.orgId),
  ],
);
