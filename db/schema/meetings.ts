import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { TemplateSection } from "@/server/meetings/template-types";
import { organizations, pairs, people } from "./org";

// 1:1 meetings (PRODUCT.md §4). A series is a pair's recurring 1:1: a rule (weekly, every two
// weeks, monthly on the nth weekday) at a local time in an IANA zone. Occurrences are computed
// from the rule (server/meetings/recurrence.ts); a `meetings` row exists only for an occurrence
// that something is attached to — an agenda, notes, a skip or a move — keyed by the occurrence's
// original start (its RFC 5545 RECURRENCE-ID). "Edit from a date on" ends the series the day
// before and starts a new one, so past occurrences keep the rule they happened under.

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const seriesFrequency = pgEnum("series_frequency", ["weekly", "biweekly", "monthly"]);
export type SeriesFrequency = (typeof seriesFrequency.enumValues)[number];

export const meetingSeries = pgTable(
  "meeting_series",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    pairId: uuid().notNull(),
    frequency: seriesFrequency().notNull(),
    /** ISO weekday, 1 = Monday … 7 = Sunday. */
    weekday: smallint().notNull(),
    /** Monthly only: 1–4 for the nth weekday of the month, -1 for the last. */
    weekOfMonth: smallint(),
    /** Local wall-clock start, "HH:MM". */
    startTime: text().notNull(),
    timeZone: text().notNull(),
    durationMinutes: integer().notNull(),
    /** First day occurrences may fall on (local date). */
    startsOn: date({ mode: "string" }).notNull(),
    /** Last day occurrences may fall on (local date); null while the series runs on. */
    endsOn: date({ mode: "string" }),
    /** While set, no occurrences on or after this local date are planned. */
    pausedFrom: date({ mode: "string" }),
    /** The series this one continues after an "edit from a date on". */
    previousSeriesId: uuid(),
    createdById: uuid().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("meeting_series_org_id_key").on(t.orgId, t.id),
    index("meeting_series_pair_idx").on(t.orgId, t.pairId),
    foreignKey({ columns: [t.orgId, t.pairId], foreignColumns: [pairs.orgId, pairs.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.createdById], foreignColumns: [people.orgId, people.id] }),
    check("meeting_series_weekday", sql`${t.weekday} between 1 and 7`),
    check(
      "meeting_series_week_of_month",
      sql`(${t.frequency} = 'monthly') = (${t.weekOfMonth} is not null) and (${t.weekOfMonth} is null or ${t.weekOfMonth} in (-1, 1, 2, 3, 4))`,
    ),
    check("meeting_series_duration", sql`${t.durationMinutes} between 5 and 480`),
    check("meeting_series_ends_after_start", sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

export const meetingStatus = pgEnum("meeting_status", ["scheduled", "skipped"]);

export const meetings = pgTable(
  "meetings",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    pairId: uuid().notNull(),
    seriesId: uuid().notNull(),
    /** The start the rule gives this occurrence (RECURRENCE-ID); never changes. */
    occurrenceStart: timestamp({ withTimezone: true }).notNull(),
    /** When it actually happens: the rule's start, or where it was moved to. */
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    status: meetingStatus().notNull().default("scheduled"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("meetings_org_id_key").on(t.orgId, t.id),
    uniqueIndex("meetings_occurrence_idx").on(t.seriesId, t.occurrenceStart),
    index("meetings_pair_start_idx").on(t.orgId, t.pairId, t.startsAt),
    index("meetings_start_idx").on(t.startsAt),
    foreignKey({ columns: [t.orgId, t.pairId], foreignColumns: [pairs.orgId, pairs.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.seriesId], foreignColumns: [meetingSeries.orgId, meetingSeries.id] }).onDelete("cascade"),
    check("meetings_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const agendaSource = pgEnum("agenda_source", ["person", "template", "gap", "blind_spot", "topic"]);
export type AgendaSource = (typeof agendaSource.enumValues)[number];

export const agendaItems = pgTable(
  "agenda_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    meetingId: uuid().notNull(),
    position: integer().notNull(),
    text: text().notNull(),
    /** A prompt or detail shown under the item (a template's question, a gap's prompt). */
    detail: text(),
    source: agendaSource().notNull().default("person"),
    /** What produced it ("template:trust-reset", "gap:<assessment>:trust"), so applying twice adds nothing. */
    sourceKey: text(),
    /** The browser's id for the add, so a retried request (lost response) adds nothing twice. */
    clientKey: text(),
    createdById: uuid().notNull(),
    doneAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("agenda_items_meeting_idx").on(t.orgId, t.meetingId, t.position),
    uniqueIndex("agenda_items_client_key_idx").on(t.orgId, t.clientKey),
    foreignKey({ columns: [t.orgId, t.meetingId], foreignColumns: [meetings.orgId, meetings.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.createdById], foreignColumns: [people.orgId, people.id] }),
  ],
);

// Shared notes: one document per meeting that both people edit. `version` increases by one on
// every save; a save names the version it was based on and is refused when that is stale, so
// two people typing at once never silently overwrite each other (the client offers a merge).
export const sharedNotes = pgTable(
  "shared_notes",
  {
    meetingId: uuid().primaryKey(),
    orgId: uuid().notNull(),
    body: text().notNull(),
    version: integer().notNull(),
    updatedById: uuid().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.orgId, t.meetingId], foreignColumns: [meetings.orgId, meetings.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.updatedById], foreignColumns: [people.orgId, people.id] }),
  ],
);

// Private notes: readable by their author only, through every procedure (server/access/meetings.ts).
export const privateNotes = pgTable(
  "private_notes",
  {
    orgId: uuid().notNull(),
    meetingId: uuid().notNull(),
    authorId: uuid().notNull(),
    body: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.authorId] }),
    foreignKey({ columns: [t.orgId, t.meetingId], foreignColumns: [meetings.orgId, meetings.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.authorId], foreignColumns: [people.orgId, people.id] }),
  ],
);

// Action items belong to the meeting they are currently on; `originMeetingId` is where they were
// agreed. When a meeting has ended, its open items move to the pair's next meeting, so they show
// up where they will be discussed (`carryOver` in server/meetings/schedule.ts: run by the pair's
// next write or the worker's sweep).
export const actionItems = pgTable(
  "action_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    pairId: uuid().notNull(),
    meetingId: uuid().notNull(),
    originMeetingId: uuid().notNull(),
    text: text().notNull(),
    ownerId: uuid().notNull(),
    dueOn: date({ mode: "string" }),
    doneAt: timestamp({ withTimezone: true }),
    /** The browser's id for the add, so a retried request (lost response) adds nothing twice. */
    clientKey: text(),
    createdById: uuid().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("action_items_meeting_idx").on(t.orgId, t.meetingId),
    uniqueIndex("action_items_client_key_idx").on(t.orgId, t.clientKey),
    index("action_items_open_pair_idx")
      .on(t.orgId, t.pairId)
      .where(sql`${t.doneAt} is null`),
    foreignKey({ columns: [t.orgId, t.pairId], foreignColumns: [pairs.orgId, pairs.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.meetingId], foreignColumns: [meetings.orgId, meetings.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.originMeetingId], foreignColumns: [meetings.orgId, meetings.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [people.orgId, people.id] }),
    foreignKey({ columns: [t.orgId, t.createdById], foreignColumns: [people.orgId, people.id] }),
  ],
);

// Org templates (owner_id null, managed by HR admins) and personal templates (owner_id set,
// visible to their owner only). Built-in templates live in code (server/meetings/builtin-templates.ts).
export const agendaTemplates = pgTable(
  "agenda_templates",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    ownerId: uuid(),
    name: text().notNull(),
    purpose: text().notNull(),
    sections: jsonb().$type<TemplateSection[]>().notNull(),
    createdById: uuid().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("agenda_templates_org_id_key").on(t.orgId, t.id),
    index("agenda_templates_org_idx").on(t.orgId, t.ownerId),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [people.orgId, people.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.createdById], foreignColumns: [people.orgId, people.id] }),
  ],
);

// Per-person meeting preferences: reminder lead time (null = no reminders) and the hash of their
// private calendar feed token (the token itself is shown once and never stored).
export const meetingPreferences = pgTable(
  "meeting_preferences",
  {
    personId: uuid().primaryKey(),
    orgId: uuid().notNull(),
    reminderMinutes: integer().default(1440),
    assessmentDigest: text({ enum: ["weekly", "off"] })
      .notNull()
      .default("weekly"),
    calendarTokenHash: text(),
    calendarTokenCreatedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("meeting_preferences_calendar_token_idx").on(t.calendarTokenHash),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [people.orgId, people.id] }).onDelete("cascade"),
    check("meeting_preferences_reminder_minutes", sql`${t.reminderMinutes} is null or ${t.reminderMinutes} between 5 and 10080`),
  ],
);
