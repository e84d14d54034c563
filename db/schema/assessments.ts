import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { departments, organizations, pairs, people } from "./org";

// Assessments (PRODUCT.md §2). A cycle is an HR-run round; opening it creates one assessment per
// pair in scope. A check-in is an assessment a pair starts on its own, outside cycles. Each
// assessment has exactly two responses, one per side, created with it.

export const cycleStatus = pgEnum("cycle_status", ["draft", "open", "closed"]);
export type CycleStatus = (typeof cycleStatus.enumValues)[number];

export const cycles = pgTable(
  "cycles",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    opensOn: date({ mode: "string" }).notNull(),
    closesOn: date({ mode: "string" }).notNull(),
    status: cycleStatus().notNull().default("draft"),
    /** All pairs, or only pairs whose report is in one of cycle_departments. */
    allDepartments: boolean().notNull().default(true),
    /** Item bank version, pinned when the cycle is created. */
    bankVersion: integer().notNull(),
    /** Anonymity threshold k, copied from the organization when the cycle opens and fixed after. */
    minGroupSize: integer(),
    createdById: uuid(),
    openedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /** When the automatic pre-close reminder went out (server/cycles/schedule.ts); null: not (yet). */
    autoRemindedAt: timestamp({ withTimezone: true }),
    /** Bumped by triggers when this cycle's trend figures change (db/schema/trends.ts). */
    figuresVersion: bigint({ mode: "number" }).notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("cycles_org_id_key").on(t.orgId, t.id),
    index("cycles_org_idx").on(t.orgId, t.createdAt),
    foreignKey({ columns: [t.orgId, t.createdById], foreignColumns: [people.orgId, people.id] }),
    check("cycles_dates_ordered", sql`${t.closesOn} >= ${t.opensOn}`),
  ],
);

export const cycleDepartments = pgTable(
  "cycle_departments",
  {
    orgId: uuid().notNull(),
    cycleId: uuid().notNull(),
    departmentId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.departmentId] }),
    foreignKey({ columns: [t.orgId, t.cycleId], foreignColumns: [cycles.orgId, cycles.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.departmentId], foreignColumns: [departments.orgId, departments.id] }).onDelete("cascade"),
  ],
);

export const assessmentKind = pgEnum("assessment_kind", ["cycle", "check_in"]);

export const assessments = pgTable(
  "assessments",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    pairId: uuid().notNull(),
    kind: assessmentKind().notNull(),
    cycleId: uuid(),
    bankVersion: integer().notNull(),
    /** Last day to answer; the cycle's close date, or none for a check-in. */
    dueOn: date({ mode: "string" }),
    startedById: uuid(),
    /** Set once, in the same transaction as the second submission. */
    revealedAt: timestamp({ withTimezone: true }),
    /** Set when the cycle closes without both sides: nothing is revealed, ever. */
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("assessments_org_id_key").on(t.orgId, t.id),
    foreignKey({ columns: [t.orgId, t.pairId], foreignColumns: [pairs.orgId, pairs.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.cycleId], foreignColumns: [cycles.orgId, cycles.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.startedById], foreignColumns: [people.orgId, people.id] }),
    uniqueIndex("assessments_cycle_pair_idx")
      .on(t.cycleId, t.pairId)
      .where(sql`${t.cycleId} is not null`),
    // At most one check-in in progress per pair.
    uniqueIndex("assessments_open_check_in_idx")
      .on(t.pairId)
      .where(sql`${t.kind} = 'check_in' and ${t.revealedAt} is null and ${t.closedAt} is null`),
    index("assessments_pair_idx").on(t.orgId, t.pairId, t.createdAt),
    check("assessments_cycle_matches_kind", sql`(${t.kind} = 'cycle') = (${t.cycleId} is not null)`),
    check("assessments_revealed_or_closed", sql`${t.revealedAt} is null or ${t.closedAt} is null`),
  ],
);

export const side = pgEnum("side", ["employee", "manager"]);

/**
 * One side's answers. `answers` maps a question key of the pinned item bank to its value
 * (1–5, "cant_say", a choice value, or text); it is the draft until `submitted_at` is set,
 * then final. Nobody but the respondent reads it before the assessment is revealed
 * (server/access/assessments.ts).
 */
export const responses = pgTable(
  "responses",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().notNull(),
    assessmentId: uuid().notNull(),
    side: side().notNull(),
    respondentId: uuid().notNull(),
    answers: jsonb().$type<Record<string, number | string>>().notNull().default({}),
    /** Whether the other side may see this side's "would you choose them again?" answer. */
    shareChooseAgain: boolean().notNull().default(false),
    /** Incremented by every saved change: lets a client tell whether it has the latest draft. */
    revision: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique("responses_assessment_side_key").on(t.assessmentId, t.side),
    foreignKey({ columns: [t.orgId, t.assessmentId], foreignColumns: [assessments.orgId, assessments.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.respondentId], foreignColumns: [people.orgId, people.id] }),
    index("responses_respondent_idx").on(t.orgId, t.respondentId),
  ],
);
