import { and, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Db } from "@/db/client";
import { actionItems, agendaItems, agendaTemplates, meetingPreferences, meetingSeries, meetings, privateNotes, sharedNotes } from "@/db/schema";

// Helpers for the 1:1 meeting tests: calendar days relative to a date, and a snapshot of every
// meeting table of some organizations that can be put back exactly as it was.

/** The local "YYYY-MM-DD" `days` after `day` (negative: before). */
export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: "utc" }).plus({ days }).toISODate()!;
}

/** The UTC calendar day of an instant, "YYYY-MM-DD". */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday (the series' `weekday`). */
export function weekdayOf(day: string): number {
  return DateTime.fromISO(day, { zone: "utc" }).weekday;
}

/** The instant of a local date and time in `zone` (what a series at that time starts at). */
export function at(day: string, time: string, zone: string): Date {
  return DateTime.fromISO(`${day}T${time}`, { zone }).toJSDate();
}

/**
 * Every row of the meeting tables (series, meetings, agenda, shared and private notes, action
 * items, templates, preferences) of the given organizations.
 */
export interface MeetingsSnapshot {
  orgIds: string[];
  series: (typeof meetingSeries.$inferSelect)[];
  meetings: (typeof meetings.$inferSelect)[];
  agenda: (typeof agendaItems.$inferSelect)[];
  sharedNotes: (typeof sharedNotes.$inferSelect)[];
  privateNotes: (typeof privateNotes.$inferSelect)[];
  actionItems: (typeof actionItems.$inferSelect)[];
  templates: (typeof agendaTemplates.$inferSelect)[];
  preferences: (typeof meetingPreferences.$inferSelect)[];
}

export async function snapshotMeetings(db: Db, orgIds: string[]): Promise<MeetingsSnapshot> {
  return {
    orgIds,
    series: await db.select().from(meetingSeries).where(inArray(meetingSeries.orgId, orgIds)).orderBy(meetingSeries.id),
    meetings: await db.select().from(meetings).where(inArray(meetings.orgId, orgIds)).orderBy(meetings.id),
    agenda: await db.select().from(agendaItems).where(inArray(agendaItems.orgId, orgIds)).orderBy(agendaItems.id),
    sharedNotes: await db.select().from(sharedNotes).where(inArray(sharedNotes.orgId, orgIds)).orderBy(sharedNotes.meetingId),
    privateNotes: await db.select().from(privateNotes).where(inArray(privateNotes.orgId, orgIds)).orderBy(privateNotes.meetingId, privateNotes.authorId),
    actionItems: await db.select().from(actionItems).where(inArray(actionItems.orgId, orgIds)).orderBy(actionItems.id),
    templates: await db.select().from(agendaTemplates).where(inArray(agendaTemplates.orgId, orgIds)).orderBy(agendaTemplates.id),
    preferences: await db.select().from(meetingPreferences).where(inArray(meetingPreferences.orgId, orgIds)).orderBy(meetingPreferences.personId),
  };
}

/**
 * Puts the meeting tables of the snapshot's organizations back exactly as they were (same ids,
 * same timestamps): whatever a test created there is gone, whatever it changed or deleted is back.
 */
export async function restoreMeetings(db: Db, snapshot: MeetingsSnapshot): Promise<void> {
  const { orgIds } = snapshot;
  await db.transaction(async (tx) => {
    // Deleting the series cascades to their meetings and everything on them.
    await tx.delete(meetingSeries).where(inArray(meetingSeries.orgId, orgIds));
    await tx.delete(agendaTemplates).where(inArray(agendaTemplates.orgId, orgIds));
    await tx.delete(meetingPreferences).where(inArray(meetingPreferences.orgId, orgIds));
    const insert = async <T>(rows: T[], write: (rows: T[]) => Promise<unknown>) => {
      if (rows.length > 0) await write(rows);
    };
    await insert(snapshot.series, (rows) => tx.insert(meetingSeries).values(rows));
    await insert(snapshot.meetings, (rows) => tx.insert(meetings).values(rows));
    await insert(snapshot.agenda, (rows) => tx.insert(agendaItems).values(rows));
    await insert(snapshot.sharedNotes, (rows) => tx.insert(sharedNotes).values(rows));
    await insert(snapshot.privateNotes, (rows) => tx.insert(privateNotes).values(rows));
    await insert(snapshot.actionItems, (rows) => tx.insert(actionItems).values(rows));
    await insert(snapshot.templates, (rows) => tx.insert(agendaTemplates).values(rows));
    await insert(snapshot.preferences, (rows) => tx.insert(meetingPreferences).values(rows));
  });
}

/** Moves a pair's series out of the way (their dates into 2000, so none runs any more); restoreMeetings puts them back. */
export async function setAsideSeriesOf(db: Db, orgId: string, pairId: string): Promise<void> {
  await db
    .update(meetingSeries)
    .set({ startsOn: "2000-01-03", endsOn: "2000-01-03", pausedFrom: null })
    .where(and(eq(meetingSeries.orgId, orgId), eq(meetingSeries.pairId, pairId)));
}
