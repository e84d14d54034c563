import { and, asc, eq, gt, gte, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { actionItems, agendaItems, meetingSeries, meetings, pairs } from "@/db/schema";
import { lastLocalDate, localParts, nextOccurrences, type Occurrence, type SeriesRule } from "@/server/meetings/recurrence";

// Keeping a pair's meetings in step with its series: the next few occurrences get a `meetings`
// row (so they have an id, an agenda and notes), and open action items of meetings that have
// ended move to the pair's next meeting. Both steps are idempotent, so every reader may run
// them (the meeting page, the home page, the reminder sweep) and two app servers may race.

/** How many upcoming occurrences per pair get a row ahead of time. */
export const PLANNED_AHEAD = 4;

export type SeriesRow = typeof meetingSeries.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

export function ruleOf(series: SeriesRow): SeriesRule {
  return {
    frequency: series.frequency,
    weekday: series.weekday,
    weekOfMonth: series.weekOfMonth,
    startTime: series.startTime,
    timeZone: series.timeZone,
    durationMinutes: series.durationMinutes,
    startsOn: series.startsOn,
    endsOn: series.endsOn,
    pausedFrom: series.pausedFrom,
  };
}

/** Does the series (as it is now: ended, paused) still hold this meeting? */
export function isLiveMeeting(meeting: Pick<MeetingRow, "occurrenceStart">, series: SeriesRow, pairEndedAt: Date | null): boolean {
  if (pairEndedAt && meeting.occurrenceStart >= pairEndedAt) return false;
  const local = localParts(meeting.occurrenceStart, series.timeZone).date;
  const last = lastLocalDate(series);
  return local >= series.startsOn && (last === null || local <= last);
}

/** A row for an occurrence (idempotent): the existing one, with any move or skip it carries. */
export async function ensureMeeting(db: Db, series: SeriesRow, occurrence: Occurrence): Promise<MeetingRow> {
  await db
    .insert(meetings)
    .values({
      orgId: series.orgId,
      pairId: series.pairId,
      seriesId: series.id,
      occurrenceStart: occurrence.occurrenceStart,
      startsAt: occurrence.startsAt,
      endsAt: occurrence.endsAt,
    })
    .onConflictDoNothing({ target: [meetings.seriesId, meetings.occurrenceStart] });
  const [row] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.seriesId, series.id), eq(meetings.occurrenceStart, occurrence.occurrenceStart)));
  return row!;
}

export interface PairSchedule {
  series: SeriesRow[];
  /** Live meetings that have not ended, soonest first (skipped ones included, marked). */
  upcoming: MeetingRow[];
  /** The first upcoming meeting that is not skipped. */
  next: MeetingRow | null;
}

/**
 * Plans the pair's next occurrences, carries open action items over, and answers the schedule.
 * Reads first: when everything is already planned and nothing needs carrying over (the usual
 * case on a page view), it answers without writing. Otherwise the writes run in their own
 * transaction (or a savepoint of the caller's).
 */
export async function syncPair(db: Db, orgId: string, pairId: string, now: Date): Promise<PairSchedule> {
  const read = await readPairSchedule(db, orgId, pairId, now);
  if (read) return read;
  return db.transaction(async (tx) => {
    const [pair] = await tx.select({ endedAt: pairs.endedAt }).from(pairs).where(and(eq(pairs.orgId, orgId), eq(pairs.id, pairId)));
    if (!pair) return { series: [], upcoming: [], next: null };
    const series = await seriesOf(tx, orgId, pairId);

    if (!pair.endedAt) {
      for (const s of series) {
        for (const occurrence of plannedOccurrences(s, now)) await ensureMeeting(tx, s, occurrence);
      }
    }

    const rows = await tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.orgId, orgId), eq(meetings.pairId, pairId), gt(meetings.endsAt, now)))
      .orderBy(asc(meetings.startsAt));
    const seriesById = new Map(series.map((s) => [s.id, s]));
    const upcoming = rows.filter((m) => isLiveMeeting(m, seriesById.get(m.seriesId)!, pair.endedAt));
    const next = upcoming.find((m) => m.status === "scheduled") ?? null;

    if (next) await carryOver(tx, orgId, pairId, next, now);
    return { series, upcoming, next };
  });
}

function seriesOf(db: Db, orgId: string, pairId: string): Promise<SeriesRow[]> {
  return db
    .select()
    .from(meetingSeries)
    .where(and(eq(meetingSeries.orgId, orgId), eq(meetingSeries.pairId, pairId)))
    .orderBy(asc(meetingSeries.startsOn), asc(meetingSeries.createdAt));
}

/** The occurrences that get a row ahead of time: from a day back, so a meeting in progress (or moved later) keeps its row. */
export function plannedOccurrences(series: SeriesRow, now: Date): Occurrence[] {
  return nextOccurrences(ruleOf(series), new Date(now.getTime() - 86_400_000), PLANNED_AHEAD + 1);
}

/**
 * The schedule syncPair would answer, from reads alone, or null when syncPair has something to
 * write: an occurrence it plans has no row yet, or an open action item waits on a meeting that
 * has ended.
 */
async function readPairSchedule(db: Db, orgId: string, pairId: string, now: Date): Promise<PairSchedule | null> {
  const [pair] = await db.select({ endedAt: pairs.endedAt }).from(pairs).where(and(eq(pairs.orgId, orgId), eq(pairs.id, pairId)));
  if (!pair) return { series: [], upcoming: [], next: null };
  const series = await seriesOf(db, orgId, pairId);
  const dayBack = new Date(now.getTime() - 86_400_000);
  // Upcoming meetings, and the rows of occurrences planned from a day back (moved or not).
  const rows = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.orgId, orgId), eq(meetings.pairId, pairId), or(gt(meetings.endsAt, now), gte(meetings.occurrenceStart, dayBack))))
    .orderBy(asc(meetings.startsAt));
  if (!pair.endedAt) {
    const planned = new Set(rows.map((m) => `${m.seriesId}/${m.occurrenceStart.getTime()}`));
    for (const s of series) {
      if (plannedOccurrences(s, now).some((o) => !planned.has(`${s.id}/${o.occurrenceStart.getTime()}`))) return null;
    }
  }
  const seriesById = new Map(series.map((s) => [s.id, s]));
  const upcoming = rows.filter((m) => m.endsAt > now && isLiveMeeting(m, seriesById.get(m.seriesId)!, pair.endedAt));
  const next = upcoming.find((m) => m.status === "scheduled") ?? null;
  if (next) {
    const [waiting] = await db
      .select({ id: actionItems.id })
      .from(actionItems)
      .where(and(openItemsToCarry(orgId, pairId, next), inArray(actionItems.meetingId, endedMeetings(db, orgId, pairId, now))))
      .limit(1);
    if (waiting) return null;
  }
  return { series, upcoming, next };
}

function endedMeetings(db: Db, orgId: string, pairId: string, now: Date) {
  return db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.orgId, orgId), eq(meetings.pairId, pairId), lte(meetings.endsAt, now)));
}

function openItemsToCarry(orgId: string, pairId: string, next: MeetingRow) {
  return and(eq(actionItems.orgId, orgId), eq(actionItems.pairId, pairId), isNull(actionItems.doneAt), ne(actionItems.meetingId, next.id));
}

/** Open action items on meetings of the pair that have ended move to `next` (once: they are then on it). */
async function carryOver(tx: Db, orgId: string, pairId: string, next: MeetingRow, now: Date) {
  await tx
    .update(actionItems)
    .set({ meetingId: next.id, updatedAt: now })
    .where(and(openItemsToCarry(orgId, pairId, next), inArray(actionItems.meetingId, endedMeetings(tx, orgId, pairId, now))));
}

/** Counts shown next to a meeting in lists (home, schedule). */
export async function meetingCounts(db: Db, orgId: string, meetingIds: string[]) {
  const counts = new Map<string, { agenda: number; openActions: number }>();
  if (meetingIds.length === 0) return counts;
  for (const id of meetingIds) counts.set(id, { agenda: 0, openActions: 0 });
  const agenda = await db
    .select({ meetingId: agendaItems.meetingId, n: sql<number>`count(*)::int` })
    .from(agendaItems)
    .where(and(eq(agendaItems.orgId, orgId), inArray(agendaItems.meetingId, meetingIds)))
    .groupBy(agendaItems.meetingId);
  for (const row of agenda) counts.get(row.meetingId)!.agenda = row.n;
  const open = await db
    .select({ meetingId: actionItems.meetingId, n: sql<number>`count(*)::int` })
    .from(actionItems)
    .where(and(eq(actionItems.orgId, orgId), inArray(actionItems.meetingId, meetingIds), isNull(actionItems.doneAt)))
    .groupBy(actionItems.meetingId);
  for (const row of open) counts.get(row.meetingId)!.openActions = row.n;
  return counts;
}
