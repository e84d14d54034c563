import { and, asc, eq, exists, gt, gte, inArray, isNotNull, isNull, lte, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { DateTime } from "luxon";
import type { Db } from "@/db/client";
import { actionItems, meetingSeries, meetings, pairs } from "@/db/schema";
import { lastLocalDate, localParts, nextOccurrences, type Occurrence, type SeriesRule } from "@/server/meetings/recurrence";

// Keeping a pair's meetings in step with its series: the next few occurrences get a `meetings`
// row (so they have an id, an agenda and notes), and open action items of meetings that have
// ended move to the pair's next meeting.
//
// Only writes and the worker do it, never a page view. The writes that change what is planned
// or where an item is (a series set up, changed, paused, resumed or ended; a meeting skipped or
// moved; an action item changed or deleted) run syncPair inside their transaction; the worker's
// sweep (sweepSchedules, every few minutes) plans for series whose meetings passed and carries
// items over. Reads (readSchedule, actionItemsShownOn, meetingCounts) answer from what is
// stored, showing the items of a meeting that ended on the next one already, where syncPair
// or the sweep will put them. Both steps are idempotent; two app servers may race.

/** How many upcoming occurrences per pair get a row ahead of time. */
export const PLANNED_AHEAD = 4;
const DAY_MS = 86_400_000;

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
  const last = lastLocalDate(series);
  const start = meeting.occurrenceStart;
  return (
    startsOnOrAfter(start, Date.parse(`${series.startsOn}T00:00:00Z`), series.timeZone) &&
    (last === null || !startsOnOrAfter(start, Date.parse(`${last}T00:00:00Z`) + DAY_MS, series.timeZone))
  );
}

const HOUR_MS = 3_600_000;

/**
 * Is the instant's local date in `zone` on or after the day starting at `midnightUtc` (that
 * date's midnight read as UTC)? Every zone's offset lies between -12 and +14 hours, so only
 * an instant within those hours of it needs the zone's rules (lists check dozens of meetings).
 */
function startsOnOrAfter(instant: Date, midnightUtc: number, zone: string): boolean {
  if (instant.getTime() >= midnightUtc + 12 * HOUR_MS) return true;
  if (instant.getTime() < midnightUtc - 14 * HOUR_MS) return false;
  return localParts(instant, zone).date >= new Date(midnightUtc).toISOString().slice(0, 10);
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
    .where(and(eq(meetings.orgId, series.orgId), eq(meetings.seriesId, series.id), eq(meetings.occurrenceStart, occurrence.occurrenceStart)));
  return row!;
}

/** The occurrences that get a row ahead of time: from a day back, so a meeting in progress (or moved later) keeps its row. */
export function plannedOccurrences(series: SeriesRow, now: Date): Occurrence[] {
  return nextOccurrences(ruleOf(series), new Date(now.getTime() - DAY_MS), PLANNED_AHEAD + 1);
}

export interface PairSchedule {
  series: SeriesRow[];
  /** Live meetings that have not ended, soonest first (skipped ones included, marked). */
  upcoming: MeetingRow[];
  /** The first upcoming meeting that is not skipped. */
  next: MeetingRow | null;
  /** Where open action items of meetings that ended belong: the next meeting, while the pair is open. */
  carryTo: MeetingRow | null;
}

const NO_SCHEDULE: PairSchedule = { series: [], upcoming: [], next: null, carryTo: null };

/** The pair's schedule from what is stored, writing nothing (a page view). */
export async function readSchedule(db: Db, orgId: string, pairId: string, now: Date): Promise<PairSchedule> {
  const [pair] = await db
    .select({ endedAt: pairs.endedAt })
    .from(pairs)
    .where(and(eq(pairs.orgId, orgId), eq(pairs.id, pairId)));
  if (!pair) return NO_SCHEDULE;
  const series = await seriesOf(db, orgId, pairId);
  const rows = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.orgId, orgId), eq(meetings.pairId, pairId), gt(meetings.endsAt, now)))
    .orderBy(asc(meetings.startsAt));
  const seriesById = new Map(series.map((s) => [s.id, s]));
  const upcoming = rows.filter((m) => isLiveMeeting(m, seriesById.get(m.seriesId)!, pair.endedAt));
  const next = upcoming.find((m) => m.status === "scheduled") ?? null;
  return { series, upcoming, next, carryTo: pair.endedAt ? null : next };
}

export interface PairNextMeeting {
  series: SeriesRow[];
  /** The first live meeting that has not ended and is not skipped (readSchedule's `next`, and its `carryTo` while the pair is open). */
  next: MeetingRow | null;
}

/**
 * The next meeting of each of several pairs (readSchedule's `series` and `next`, the same
 * answer), in two statements whatever the number of pairs, writing nothing. The caller has
 * checked the pairs are the actor's (server/access/) and passes each one's end.
 */
export async function readNextMeetings(
  db: Db,
  orgId: string,
  pairList: { id: string; endedAt: Date | null }[],
  now: Date,
): Promise<Map<string, PairNextMeeting>> {
  const out = new Map<string, PairNextMeeting>(pairList.map((p) => [p.id, { series: [], next: null }]));
  if (pairList.length === 0) return out;
  const pairIds = pairList.map((p) => p.id);
  const series = await db
    .select()
    .from(meetingSeries)
    .where(and(eq(meetingSeries.orgId, orgId), inArray(meetingSeries.pairId, pairIds)))
    .orderBy(asc(meetingSeries.startsOn), asc(meetingSeries.createdAt));
  for (const s of series) out.get(s.pairId)!.series.push(s);
  // Not skipped, and not ended: the few rows planned ahead per pair, soonest first.
  const rows = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.orgId, orgId), inArray(meetings.pairId, pairIds), gt(meetings.endsAt, now), eq(meetings.status, "scheduled")))
    .orderBy(asc(meetings.startsAt));
  const seriesById = new Map(series.map((s) => [s.id, s]));
  const endedAtOf = new Map(pairList.map((p) => [p.id, p.endedAt]));
  for (const m of rows) {
    const entry = out.get(m.pairId)!;
    if (!entry.next && isLiveMeeting(m, seriesById.get(m.seriesId)!, endedAtOf.get(m.pairId) ?? null)) entry.next = m;
  }
  return out;
}

/**
 * Plans the pair's next occurrences and carries open action items over, then answers the
 * schedule. For writes and the worker only: call it inside the write's transaction, after its
 * access check (it runs in a savepoint of it, or a transaction of its own). An ended pair gets
 * nothing planned and nothing carried.
 */
export async function syncPair(db: Db, orgId: string, pairId: string, now: Date): Promise<PairSchedule> {
  return db.transaction(async (tx) => {
    const [pair] = await tx
      .select({ endedAt: pairs.endedAt })
      .from(pairs)
      .where(and(eq(pairs.orgId, orgId), eq(pairs.id, pairId)));
    if (!pair) return NO_SCHEDULE;
    if (!pair.endedAt) await planMissing(tx, orgId, pairId, await seriesOf(tx, orgId, pairId), now);
    const schedule = await readSchedule(tx, orgId, pairId, now);
    if (schedule.carryTo) await carryOver(tx, orgId, pairId, schedule.carryTo.id, now);
    return schedule;
  });
}

function seriesOf(db: Db, orgId: string, pairId: string): Promise<SeriesRow[]> {
  return db
    .select()
    .from(meetingSeries)
    .where(and(eq(meetingSeries.orgId, orgId), eq(meetingSeries.pairId, pairId)))
    .orderBy(asc(meetingSeries.startsOn), asc(meetingSeries.createdAt));
}

/** Rows for the planned occurrences of the pair's series that have none yet, in one insert (series by start, then occurrences: the sweep's order). */
async function planMissing(tx: Db, orgId: string, pairId: string, series: SeriesRow[], now: Date) {
  const planned = await tx
    .select({ seriesId: meetings.seriesId, occurrenceStart: meetings.occurrenceStart })
    .from(meetings)
    .where(and(eq(meetings.orgId, orgId), eq(meetings.pairId, pairId), gte(meetings.occurrenceStart, new Date(now.getTime() - DAY_MS))));
  const have = new Set(planned.map((m) => `${m.seriesId}/${m.occurrenceStart.getTime()}`));
  const missing = series.flatMap((s) =>
    plannedOccurrences(s, now)
      .filter((o) => !have.has(`${s.id}/${o.occurrenceStart.getTime()}`))
      .map((o) => ({ orgId, pairId, seriesId: s.id, occurrenceStart: o.occurrenceStart, startsAt: o.startsAt, endsAt: o.endsAt })),
  );
  if (missing.length > 0)
    await tx
      .insert(meetings)
      .values(missing)
      .onConflictDoNothing({ target: [meetings.seriesId, meetings.occurrenceStart] });
}

function endedMeetings(db: Db, orgId: string, pairId: string, now: Date) {
  return db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.orgId, orgId), eq(meetings.pairId, pairId), lte(meetings.endsAt, now)));
}

/** Open action items of the pair's meetings that have ended, other than `targetId`: what carries over to it. */
function openItemsToCarry(db: Db, orgId: string, pairId: string, targetId: string, now: Date) {
  return and(
    eq(actionItems.orgId, orgId),
    eq(actionItems.pairId, pairId),
    isNull(actionItems.doneAt),
    ne(actionItems.meetingId, targetId),
    inArray(actionItems.meetingId, endedMeetings(db, orgId, pairId, now)),
  );
}

/** Open action items on meetings of the pair that have ended move to `targetId` (once: they are then on it). */
async function carryOver(db: Db, orgId: string, pairId: string, targetId: string, now: Date): Promise<number> {
  const moved = await db
    .update(actionItems)
    .set({ meetingId: targetId, updatedAt: now })
    .where(openItemsToCarry(db, orgId, pairId, targetId, now))
    .returning({ id: actionItems.id });
  return moved.length;
}

/**
 * The action items a reader sees on `meeting`: its own, except open ones when it has ended and
 * the pair has a next meeting (`carryTo`, from readSchedule), which show there instead, with
 * the open items of every other meeting of the pair that has ended. Exactly where carryOver
 * puts them, so a page shows the same before and after syncPair or the sweep ran.
 */
export function actionItemsShownOn(
  db: Db,
  orgId: string,
  pairId: string,
  meeting: Pick<MeetingRow, "id" | "endsAt">,
  carryTo: Pick<MeetingRow, "id"> | null,
  now: Date,
) {
  const own = and(eq(actionItems.orgId, orgId), eq(actionItems.meetingId, meeting.id));
  if (!carryTo) return own;
  if (carryTo.id === meeting.id) return or(own, openItemsToCarry(db, orgId, pairId, meeting.id, now));
  if (meeting.endsAt <= now) return and(own, isNotNull(actionItems.doneAt));
  return own;
}

/**
 * Counts shown next to meetings in lists (home, schedule): agenda items, and open action items
 * where readers see them (actionItemsShownOn). `carryTo`: the carryTo of each listed meeting's
 * pair that has one (readSchedule).
 */
export async function meetingCounts(
  db: Db,
  orgId: string,
  listed: Pick<MeetingRow, "id" | "pairId" | "endsAt">[],
  carryTo: Pick<MeetingRow, "id" | "pairId">[],
  now: Date,
) {
  const counts = new Map<string, { agenda: number; openActions: number }>();
  if (listed.length === 0) return counts;
  const meetingIds = listed.map((m) => m.id);
  for (const id of meetingIds) counts.set(id, { agenda: 0, openActions: 0 });
  // Both counts of each listed meeting in one statement (index lookups per meeting).
  const rows = await db
    .select({
      id: meetings.id,
      // Written out: in a select list Drizzle leaves columns unqualified, which inside these subqueries would name their own table's.
      agenda: sql<number>`(select count(*)::int from agenda_items a where a.org_id = meetings.org_id and a.meeting_id = meetings.id)`,
      openActions: sql<number>`(select count(*)::int from action_items x where x.org_id = meetings.org_id and x.meeting_id = meetings.id and x.done_at is null)`,
    })
    .from(meetings)
    .where(and(eq(meetings.orgId, orgId), inArray(meetings.id, meetingIds)));
  for (const row of rows) counts.set(row.id, { agenda: row.agenda, openActions: row.openActions });
  if (carryTo.length === 0) return counts;

  // Open items of meetings that ended count on their pair's next meeting, and no longer on theirs.
  const target = new Map(carryTo.map((m) => [m.pairId, m.id]));
  const carried = await db
    .select({ pairId: actionItems.pairId, n: sql<number>`count(*)::int` })
    .from(actionItems)
    .innerJoin(meetings, and(eq(meetings.orgId, actionItems.orgId), eq(meetings.id, actionItems.meetingId)))
    .where(and(eq(actionItems.orgId, orgId), inArray(actionItems.pairId, [...target.keys()]), isNull(actionItems.doneAt), lte(meetings.endsAt, now)))
    .groupBy(actionItems.pairId);
  const carriedOf = new Map(carried.map((row) => [row.pairId, row.n]));
  for (const m of listed) {
    const to = target.get(m.pairId);
    if (to === m.id) counts.get(m.id)!.openActions += carriedOf.get(m.pairId) ?? 0;
    else if (to && m.endsAt <= now) counts.get(m.id)!.openActions = 0;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// The worker's sweep. It acts for every organization, so its queries are not scoped to one org;
// every join is on (org_id, id) instead, as the composite foreign keys are, and each pair is
// then read and written within its own org.

export interface ScheduleSweepResult {
  /** Series whose schedules needed new meeting rows. */
  toppedUp: number;
  /** Action items moved onto their pair's next meeting. */
  carriedOver: number;
}

/**
 * What time passing asks of every open pair, done by the worker (server/meetings/reminders.ts runs
 * it before planning reminders): rows for the occurrences syncPair would plan now, and open
 * action items of meetings that ended moved to their pair's next meeting. Idempotent; when
 * nothing is due it only reads (two statements, whatever the number of pairs).
 */
export async function sweepSchedules(db: Db, now: Date): Promise<ScheduleSweepResult> {
  const toppedUp = await topUpSchedules(db, now);
  return { toppedUp, carriedOver: await carryOverEverywhere(db, now) };
}

/**
 * Gives meetings rows to the occurrences syncPair plans (the next PLANNED_AHEAD + 1 from a day
 * back), for the series that need it: fewer rows than that from a day back (a meeting left the
 * window, or the series is new or resumed) and an occurrence still to plan. On a normal sweep
 * that is the few whose meeting passed a day ago. Rows go in by the batch (insert … on conflict
 * do nothing), not pair by pair. Returns how many series.
 */
async function topUpSchedules(db: Db, now: Date): Promise<number> {
  const recent = DateTime.fromJSDate(now, { zone: "utc" }).minus({ days: 2 }).toISODate()!;
  const dayBack = new Date(now.getTime() - DAY_MS);
  const candidates = await db
    .select({
      series: meetingSeries,
      lastPlanned: sql<Date | null>`max(${meetings.occurrenceStart})`.mapWith(meetings.occurrenceStart),
    })
    .from(meetingSeries)
    .innerJoin(pairs, and(eq(pairs.orgId, meetingSeries.orgId), eq(pairs.id, meetingSeries.pairId)))
    .leftJoin(meetings, and(eq(meetings.orgId, meetingSeries.orgId), eq(meetings.seriesId, meetingSeries.id), gte(meetings.occurrenceStart, dayBack)))
    .where(and(isNull(pairs.endedAt), or(isNull(meetingSeries.endsOn), gte(meetingSeries.endsOn, recent))))
    .groupBy(meetingSeries.id)
    .having(sql`count(${meetings.id}) < ${PLANNED_AHEAD + 1}`);

  // In the order syncPair inserts (a pair's series by start, then occurrences), so a write
  // planning the same pair at the same moment waits on us, or we on it, but never both. (Writes
  // lock a series or meeting row "no key update", which these inserts' key-share checks pass.)
  candidates.sort(
    (a, b) =>
      a.series.pairId.localeCompare(b.series.pairId) ||
      a.series.startsOn.localeCompare(b.series.startsOn) ||
      a.series.createdAt.getTime() - b.series.createdAt.getTime(),
  );
  let toppedUp = 0;
  const rows: (typeof meetings.$inferInsert)[] = [];
  for (const { series, lastPlanned } of candidates) {
    // A series that ends or pauses before its next occurrence has nothing left to plan.
    const after = lastPlanned ? new Date(Math.max(lastPlanned.getTime() + 1, dayBack.getTime())) : dayBack;
    if (nextOccurrences(ruleOf(series), after, 1).length === 0) continue;
    toppedUp++;
    for (const o of plannedOccurrences(series, now)) {
      rows.push({
        orgId: series.orgId,
        pairId: series.pairId,
        seriesId: series.id,
        occurrenceStart: o.occurrenceStart,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(meetings)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing({ target: [meetings.seriesId, meetings.occurrenceStart] });
  }
  return toppedUp;
}

const later = alias(meetings, "later");

/**
 * Carries action items over in every open pair that has an open one on a meeting that ended and
 * a meeting still to come, one pair at a time (each pair's next meeting is read as readSchedule
 * reads it). Pairs whose coming meetings are all off the schedule (paused) are looked at on
 * every sweep and left as they are. Returns how many items moved.
 */
async function carryOverEverywhere(db: Db, now: Date): Promise<number> {
  const waiting = await db
    .selectDistinct({ orgId: actionItems.orgId, pairId: actionItems.pairId })
    .from(actionItems)
    .innerJoin(meetings, and(eq(meetings.orgId, actionItems.orgId), eq(meetings.id, actionItems.meetingId)))
    .innerJoin(pairs, and(eq(pairs.orgId, actionItems.orgId), eq(pairs.id, actionItems.pairId)))
    .where(
      and(
        isNull(actionItems.doneAt),
        lte(meetings.endsAt, now),
        isNull(pairs.endedAt),
        exists(
          db
            .select({ id: later.id })
            .from(later)
            .where(and(eq(later.orgId, actionItems.orgId), eq(later.pairId, actionItems.pairId), gt(later.endsAt, now), eq(later.status, "scheduled"))),
        ),
      ),
    );
  let moved = 0;
  for (const { orgId, pairId } of waiting) {
    const { carryTo } = await readSchedule(db, orgId, pairId, now);
    if (carryTo) moved += await carryOver(db, orgId, pairId, carryTo.id, now);
  }
  return moved;
}
