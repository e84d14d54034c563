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

// Tenancy: every row that belongs to an organization carries `org_id`, and every query filters
// by the org taken from the session (PRODUCT.md §1). Composite foreign keys on (org_id, id)
// make it impossible to link rows across organizations even by mistake.

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable(
  "organizations",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    slug: text().notNull().unique(),
    // Anonymity threshold k for HR trends (PRODUCT.md §5); owners may set 3–10.
    minGroupSize: integer().notNull().default(5),
    /**
     * IANA zone name (e.g. "Europe/Berlin") in which cycle dates are read: a cycle opens at
     * 00:00 of its open date and closes at the end of its close date here (server/cycles/schedule.ts).
     */
    timeZone: text().notNull().default("UTC"),
    isDemo: boolean().notNull().default(false),
    /** Bumped by triggers when anything every cycle's trend figures depend on changes (db/schema/trends.ts). */
    trendsVersion: bigint({ mode: "number" }).notNull().default(0),
    /**
     * How HR mapped the columns of its last people file: normalized header → Tandem field (or
     * "ignore"), applied to the next file's matching headers (server/people-import/columns.ts).
     */
    importColumnMapping: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [check("organizations_min_group_size_range", sql`${t.minGroupSize} between 3 and 10`)],
);

export const departments = pgTable(
  "departments",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("departments_org_name_idx").on(t.orgId, sql`lower(${t.name})`), unique("departments_org_id_key").on(t.orgId, t.id)],
);

export const people = pgTable(
  "people",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    // Stored lower-cased; the sign-in identity is matched on it.
    email: text().notNull(),
    name: text().notNull(),
    /**
     * What emails and greetings call them ("Hi Léa,"), as HR or the import gave it. Never
     * guessed from `name` ("Martin, Léa" has no safe first word): without it, the full name.
     */
    givenName: text(),
    title: text(),
    departmentId: uuid(),
    managerId: uuid(),
    startDate: date({ mode: "string" }),
    // People who left keep their history (closed pairs, past assessments) but cannot sign in.
    deactivatedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("people_org_email_idx").on(t.orgId, t.email),
    unique("people_org_id_key").on(t.orgId, t.id),
    index("people_email_idx").on(t.email),
    // The people page and the directory list by name: keyset pages walk this index.
    index("people_org_name_idx").on(t.orgId, t.name, t.id),
    index("people_manager_idx").on(t.orgId, t.managerId),
    index("people_department_idx").on(t.orgId, t.departmentId),
    foreignKey({ columns: [t.orgId, t.departmentId], foreignColumns: [departments.orgId, departments.id] }),
    foreignKey({ columns: [t.orgId, t.managerId], foreignColumns: [t.orgId, t.id] }),
    check("people_email_lowercase", sql`${t.email} = lower(${t.email})`),
    check("people_not_own_manager", sql`${t.managerId} is null or ${t.managerId} <> ${t.id}`),
  ],
);

export const orgRole = pgEnum("org_role", ["member", "hr_admin", "owner"]);
export type OrgRole = (typeof orgRole.enumValues)[number];

// Everyone in an org is a `member`; rows here grant the extra roles. "Manager" is a
// relationship (pairs), not a role.
export const orgRoles = pgTable(
  "org_roles",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    personId: uuid().notNull(),
    role: orgRole().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.personId, t.role] }),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [people.orgId, people.id] }).onDelete("cascade"),
  ],
);

// A manager–report relationship. `people.manager_id` says who manages whom now; a pair row is
// the relationship over time: when a report's manager changes, the open pair is closed
// (ended_at set) and a new one starts, so assessments, meetings and their history stay attached
// to the two people who were in them.
export const pairs = pgTable(
  "pairs",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    managerId: uuid().notNull(),
    reportId: uuid().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // At most one open pair per report.
    uniqueIndex("pairs_open_report_idx")
      .on(t.orgId, t.reportId)
      .where(sql`${t.endedAt} is null`),
    unique("pairs_org_id_key").on(t.orgId, t.id),
    index("pairs_manager_idx").on(t.orgId, t.managerId),
    index("pairs_report_idx").on(t.orgId, t.reportId),
    foreignKey({ columns: [t.orgId, t.managerId], foreignColumns: [people.orgId, people.id] }),
    foreignKey({ columns: [t.orgId, t.reportId], foreignColumns: [people.orgId, people.id] }),
    check("pairs_distinct_people", sql`${t.managerId} <> ${t.reportId}`),
    check("pairs_ended_after_start", sql`${t.endedAt} is null or ${t.endedAt} >= ${t.startedAt}`),
  ],
);
