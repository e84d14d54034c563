import { and, asc, desc, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { DateTime } from "luxon";
import type { Db } from "@/db/client";
import { meetingSeries, meetings, pairs as pairsTable, people } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { requireMeetingMember, requireSeriesMember } from "@/server/access/meetings";
import { memberOfPair, requirePairMember } from "@/server/access/pairs";
import { firstOccurrence, isValidTimeZone, localParts, nextOccurrences, zonedInstant, type SeriesRule } from "@/server/meetings/recurrence";
import { ConflictError, InvalidInputError } from "@/server/errors";
import { isLiveMeeting, meetingCounts, readNextMeetings, readSchedule, ruleOf, syncPair, type MeetingRow, type SeriesRow } from "./schedule";

/** What a person chooses of a series' rule (the dates come with the choice of when it starts). */
export type SeriesInput = Pick<SeriesRule, "frequency" | "weekday" | "weekOfMonth" | "startTime" | "timeZone" | "durationMinutes">;

function checkRule(input: SeriesInput) {
  if (!isValidTimeZone(input.timeZone)) throw new InvalidInputError(`"${input.timeZone}" is not a time zone we know. Pick one from the list.`);
  if (input.frequency === "monthly" && input.weekOfMonth === null) throw new InvalidInputError("Choose which week of the month.");
  if (input.frequency !== "monthly" && input.weekOfMonth !== null) throw new InvalidInputError("A week of the month only applies to monthly 1:1s.");
}

function today(zone: string, now: Date) {
  return localParts(now, zone).date;
}

/** Sets up the pair's recurring 1:1. A pair has one running series; edit it from a date on instead. */
export async function createSeries(db: Db, actor: Actor, input: SeriesInput & { pairId: string; startsOn: string }, now = new Date()) {
  checkRule(input);
  const pair = await requirePairMember(db, actor, input.pairId);
  if (pair.ended) throw new ConflictError("This pair has ended: its manager changed. Set up a 1:1 with the current manager instead.");
  // A day of leeway: the form's "today" may be the server's date, a day behind the person's zone.
  if (input.startsOn < DateTime.fromISO(today(input.timeZone, now)).minus({ days: 1 }).toISODate()!)
    throw new InvalidInputError("The first 1:1 can't be in the past.");
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`series:${pair.pairId}`}))`);
    const running = await runningSeries(tx, pair.orgId, pair.pairId, now);
    if (running.length > 0) throw new ConflictError("This pair already has a recurring 1:1. Change it from a date on, or end it first.");
    const { weekOfMonth, ...rest } = input;
    const [series] = await tx
      .insert(meetingSeries)
      .values({ ...rest, weekOfMonth: input.frequency === "monthly" ? weekOfMonth : null, orgId: pair.orgId, createdById: actor.personId })
      .returning();
    if (!firstOccurrence(ruleOf(series!))) throw new InvalidInputError("That rule has no dates.");
    // Its first meetings get their rows now: the 1:1s page shows them right away.
    await syncPair(tx, pair.orgId, pair.pairId, now);
    return { seriesId: series!.id };
  });
}

/** Series of the pair that still produce meetings from today on. */
async function runningSeries(db: Db, orgId: string, pairId: string, now: Date): Promise<SeriesRow[]> {
  const rows = await db
    .select()
    .from(meetingSeries)
    .where(and(eq(meetingSeries.orgId, orgId), eq(meetingSeries.pairId, pairId)));
  return rows.filter((s) => s.endsOn === null || s.endsOn >= today(s.timeZone, now));
}

/**
 * Changes the rule from a date on: the old series ends the day before and a new one starts on
 * that date. Meetings already planned on or after it move, in order, onto the new rule's dates,
 * keeping their agenda, notes and action items.
 */
export async function updateSeriesFrom(db: Db, actor: Actor, input: SeriesInput & { seriesId: string; fromDate: string }, now = new Date()) {
  checkRule(input);
  return db.transaction(async (tx) => {
    const access = await requireSeriesMember(tx, actor, input.seriesId, { lock: true });
    const old = access.series;
    if (access.ended) throw new ConflictError("This pair has ended; its 1:1s can't be changed.");
    if (old.endsOn !== null && old.endsOn < input.fromDate) throw new ConflictError("This series has already ended by then.");
    if (input.fromDate < today(old.timeZone, now)) throw new InvalidInputError("Changes can start today at the earliest.");
    const fromDate = input.fromDate < old.startsOn ? old.startsOn : input.fromDate;
    // The schedule as the person saw it (everything planned, items carried), then changed.
    await syncPair(tx, access.orgId, access.pairId, now);

    const { seriesId: _ignored, fromDate: _from, weekOfMonth, ...rule } = input;
    const [created] = await tx
      .insert(meetingSeries)
      .values({
        ...rule,
        weekOfMonth: input.frequency === "monthly" ? weekOfMonth : null,
        orgId: old.orgId,
        pairId: old.pairId,
        startsOn: fromDate,
        endsOn: old.endsOn,
        pausedFrom: old.pausedFrom,
        previousSeriesId: old.id,
        createdById: actor.personId,
      })
      .returning();

    // Meetings of the old rule from that date on that haven't started, re-keyed onto the new
    // rule's occurrences (one that already took place today stays where it happened). Targets
    // ignore a pause or an end, so every meeting gets a date; whether it shows still depends on them.
    const fromInstant = zonedInstant(fromDate, "00:00", old.timeZone);
    const moving = await tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.orgId, old.orgId), eq(meetings.seriesId, old.id), gte(meetings.occurrenceStart, fromInstant), gte(meetings.startsAt, now)))
      .orderBy(asc(meetings.occurrenceStart));
    const newFrom = zonedInstant(fromDate, "00:00", created!.timeZone);
    const targets = nextOccurrences({ ...ruleOf(created!), endsOn: null, pausedFrom: null }, newFrom > now ? newFrom : now, moving.length);
    for (const [i, meeting] of moving.entries()) {
      const target = targets[i]!;
      // A skip stays a skip; a meeting someone moved by hand keeps its time.
      const moved = meeting.startsAt.getTime() !== meeting.occurrenceStart.getTime();
      await tx
        .update(meetings)
        .set({
          seriesId: created!.id,
          occurrenceStart: target.occurrenceStart,
          startsAt: moved ? meeting.startsAt : target.startsAt,
          endsAt: moved ? meeting.endsAt : target.endsAt,
        })
        .where(and(eq(meetings.orgId, old.orgId), eq(meetings.id, meeting.id)));
    }

    const [kept] = await tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.orgId, old.orgId), eq(meetings.seriesId, old.id)))
      .limit(1);
    if (fromDate === old.startsOn && !kept) {
      // Nothing of the old rule ever happened: the new series replaces it.
      await tx
        .update(meetingSeries)
        .set({ previousSeriesId: old.previousSeriesId })
        .where(and(eq(meetingSeries.orgId, old.orgId), eq(meetingSeries.id, created!.id)));
      await tx.delete(meetingSeries).where(and(eq(meetingSeries.orgId, old.orgId), eq(meetingSeries.id, old.id)));
    } else if (fromDate === old.startsOn) {
      // Its first day is today and a meeting already took place: keep that one, plan nothing more.
      await tx
        .update(meetingSeries)
        .set({ endsOn: fromDate, pausedFrom: fromDate, updatedAt: now })
        .where(and(eq(meetingSeries.orgId, old.orgId), eq(meetingSeries.id, old.id)));
    } else {
      const dayBefore = DateTime.fromISO(fromDate).minus({ days: 1 }).toISODate()!;
      await tx
        .update(meetingSeries)
        .set({ endsOn: dayBefore, updatedAt: now })
        .where(and(eq(meetingSeries.orgId, old.orgId), eq(meetingSeries.id, old.id)));
    }
    await syncPair(tx, access.orgId, access.pairId, now);
    return { seriesId: created!.id };
  });
}

/** Pause (no meetings from `fromDate` on until resumed), resume, or end (last meeting on or before `lastDate`). */
export async function setSeriesState(
  db: Db,
  actor: Actor,
  input: { seriesId: string } & ({ action: "pause"; fromDate: string } | { action: "resume" } | { action: "end"; lastDate: string }),
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const { series, ended } = await requireSeriesMember(tx, actor, input.seriesId, { lock: true });
    if (ended) throw new ConflictError("This pair has ended; its 1:1s already stopped.");
    await syncPair(tx, series.orgId, series.pairId, now);
    const todayLocal = today(series.timeZone, now);
    const where = and(eq(meetingSeries.orgId, series.orgId), eq(meetingSeries.id, series.id));
    switch (input.action) {
      case "pause":
        if (input.fromDate < todayLocal) throw new InvalidInputError("A pause can start today at the earliest.");
        await tx.update(meetingSeries).set({ pausedFrom: input.fromDate, updatedAt: now }).where(where);
        break;
      case "resume":
        await tx.update(meetingSeries).set({ pausedFrom: null, updatedAt: now }).where(where);
        break;
      case "end": {
        const yesterday = DateTime.fromISO(todayLocal).minus({ days: 1 }).toISODate()!;
        // Yesterday is the earliest: "it ended yesterday" cancels today's meeting too.
        if (input.lastDate < yesterday) throw new InvalidInputError("The last 1:1 can be yesterday at the earliest.");
        if (input.lastDate < series.startsOn) {
          // Ended before it began: the series goes, unless something was already planned on it.
          const [planned] = await tx
            .select({ id: meetings.id })
            .from(meetings)
            .where(
              and(
                eq(meetings.orgId, series.orgId),
                eq(meetings.seriesId, series.id),
                sql`(exists (select 1 from agenda_items a where a.org_id = ${meetings.orgId} and a.meeting_id = ${meetings.id})
                  or exists (select 1 from action_items x where x.org_id = ${meetings.orgId} and x.meeting_id = ${meetings.id})
                  or exists (select 1 from shared_notes n where n.org_id = ${meetings.orgId} and n.meeting_id = ${meetings.id})
                  or exists (select 1 from private_notes p where p.org_id = ${meetings.orgId} and p.meeting_id = ${meetings.id}))`,
              ),
            )
            .limit(1);
          if (planned)
            throw new ConflictError(`The first 1:1 already has an agenda, notes or action items. End the series on ${series.startsOn} or later to keep them.`);
          await tx.delete(meetingSeries).where(where);
          await syncPair(tx, series.orgId, series.pairId, now);
          return { seriesId: series.id };
        }
        await tx.update(meetingSeries).set({ endsOn: input.lastDate, updatedAt: now }).where(where);
        break;
      }
    }
    // Resumed: the meetings after the break get their rows again; paused or ended: no carrying onto what is gone.
    await syncPair(tx, series.orgId, series.pairId, now);
    return { seriesId: series.id };
  });
}

/** The meeting's series, or a conflict when a pause or an end took the meeting off the schedule. */
async function requireLive(tx: Db, meeting: MeetingRow): Promise<SeriesRow> {
  const [series] = await tx
    .select()
    .from(meetingSeries)
    .where(and(eq(meetingSeries.orgId, meeting.orgId), eq(meetingSeries.id, meeting.seriesId)));
  if (!series || !isLiveMeeting(meeting, series, null)) throw new ConflictError("This meeting is no longer on the schedule (the series was paused or ended).");
  return series;
}

/** Skip one occurrence, or undo the skip. */
export async function setMeetingSkipped(db: Db, actor: Actor, input: { meetingId: string; skipped: boolean }, now = new Date()) {
  return db.transaction(async (tx) => {
    const { meeting, ended } = await requireMeetingMember(tx, actor, input.meetingId, { lock: "update" });
    if (ended) throw new ConflictError("This pair has ended; its 1:1s can't be changed.");
    await requireLive(tx, meeting);
    // Which meeting is next changes: items carry over as the schedule was, and then as it is.
    await syncPair(tx, meeting.orgId, meeting.pairId, now);
    await tx
      .update(meetings)
      .set({ status: input.skipped ? "skipped" : "scheduled" })
      .where(and(eq(meetings.orgId, meeting.orgId), eq(meetings.id, meeting.id)));
    await syncPair(tx, meeting.orgId, meeting.pairId, now);
    return { meetingId: meeting.id, status: input.skipped ? ("skipped" as const) : ("scheduled" as const) };
  });
}

/** Move one occurrence to another local date and time (in the series' zone); the rest stay. */
export async function moveMeeting(db: Db, actor: Actor, input: { meetingId: string; date: string; time: string; durationMinutes?: number }, now = new Date()) {
  return db.transaction(async (tx) => {
    const { meeting, ended } = await requireMeetingMember(tx, actor, input.meetingId, { lock: "update" });
    if (ended) throw new ConflictError("This pair has ended; its 1:1s can't be changed.");
    const series = await requireLive(tx, meeting);
    const startsAt = zonedInstant(input.date, input.time, series.timeZone);
    if (startsAt < new Date(now.getTime() - 60 * 60_000)) throw new InvalidInputError("A meeting can't be moved into the past.");
    const duration = input.durationMinutes ?? (meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000;
    const endsAt = new Date(startsAt.getTime() + duration * 60_000);
    await syncPair(tx, meeting.orgId, meeting.pairId, now);
    await tx
      .update(meetings)
      .set({ startsAt, endsAt, status: "scheduled" })
      .where(and(eq(meetings.orgId, meeting.orgId), eq(meetings.id, meeting.id)));
    await syncPair(tx, meeting.orgId, meeting.pairId, now);
    return { meetingId: meeting.id, startsAt, endsAt };
  });
}

/** The pair's 1:1 page: its series, the next meetings (with counts) and the past ones. */
export async function getPairMeetings(db: Db, actor: Actor, input: { pairId: string }, now = new Date()) {
  const pair = await requirePairMember(db, actor, input.pairId);
  const schedule = await readSchedule(db, pair.orgId, pair.pairId, now);
  const running = schedule.series.filter((s) => s.endsOn === null || s.endsOn >= today(s.timeZone, now));
  const current = running.at(-1) ?? null;

  const past = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.orgId, pair.orgId), eq(meetings.pairId, pair.pairId), lte(meetings.endsAt, now), eq(meetings.status, "scheduled")))
    .orderBy(desc(meetings.startsAt))
    .limit(20);
  const seriesById = new Map(schedule.series.map((s) => [s.id, s]));
  const upcoming = schedule.upcoming.slice(0, 6);
  const counts = await meetingCounts(db, pair.orgId, [...upcoming, ...past], schedule.carryTo ? [schedule.carryTo] : [], now);
  const names = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.orgId, pair.orgId), or(eq(people.id, pair.managerId), eq(people.id, pair.reportId))));
  const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? "";

  const view = (meeting: (typeof upcoming)[number]) => {
    const series = seriesById.get(meeting.seriesId)!;
    return {
      id: meeting.id,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: series.timeZone,
      status: meeting.status,
      moved: meeting.startsAt.getTime() !== meeting.occurrenceStart.getTime(),
      live: isLiveMeeting(meeting, series, null),
      ...counts.get(meeting.id)!,
    };
  };
  return {
    pair: {
      id: pair.pairId,
      ended: pair.ended,
      mySide: pair.managerId === actor.personId ? ("manager" as const) : ("employee" as const),
      manager: { id: pair.managerId, name: nameOf(pair.managerId) },
      report: { id: pair.reportId, name: nameOf(pair.reportId) },
    },
    series: current && {
      id: current.id,
      frequency: current.frequency,
      weekday: current.weekday,
      weekOfMonth: current.weekOfMonth,
      startTime: current.startTime,
      timeZone: current.timeZone,
      durationMinutes: current.durationMinutes,
      startsOn: current.startsOn,
      endsOn: current.endsOn,
      pausedFrom: current.pausedFrom,
    },
    upcoming: upcoming.map(view),
    past: past.map(view),
  };
}

/** The next 1:1 of each of the actor's open pairs, for the home page and the 1:1s list: a fixed number of statements, whatever the number of pairs. */
export async function listMyNextMeetings(db: Db, actor: Actor, now = new Date()) {
  const other = alias(people, "other");
  const myPairs = await db
    .select({ id: pairsTable.id, managerId: pairsTable.managerId, otherId: other.id, otherName: other.name })
    .from(pairsTable)
    .innerJoin(
      other,
      and(
        eq(other.orgId, pairsTable.orgId),
        eq(other.id, sql`case when ${pairsTable.managerId} = ${actor.personId} then ${pairsTable.reportId} else ${pairsTable.managerId} end`),
      ),
    )
    .where(and(memberOfPair(actor), isNull(pairsTable.endedAt)));
  const schedules = await readNextMeetings(
    db,
    actor.orgId,
    myPairs.map((p) => ({ id: p.id, endedAt: null })),
    now,
  );
  const todayIn = new Map<string, string>();
  const todayOf = (zone: string) => todayIn.get(zone) ?? todayIn.set(zone, today(zone, now)).get(zone)!;
  const out = myPairs.map((p) => {
    const { series, next } = schedules.get(p.id)!;
    return {
      pairId: p.id,
      mySide: p.managerId === actor.personId ? ("manager" as const) : ("employee" as const),
      other: { id: p.otherId, name: p.otherName },
      hasSeries: series.some((s) => s.endsOn === null || s.endsOn >= todayOf(s.timeZone)),
      next: next && { id: next.id, startsAt: next.startsAt, endsAt: next.endsAt, timeZone: series.find((s) => s.id === next.seriesId)!.timeZone },
    };
  });
  // Open pairs only: each one's next meeting is its carryTo.
  const carryTo = myPairs.flatMap((p) => schedules.get(p.id)!.next ?? []);
  const counts = await meetingCounts(db, actor.orgId, carryTo, carryTo, now);
  return (
    out
      .map((o) => ({ ...o, next: o.next && { ...o.next, ...counts.get(o.next.id)! } }))
      // Their own manager first, then their reports, each soonest first.
      .sort(
        (a, b) =>
          Number(a.mySide === "manager") - Number(b.mySide === "manager") ||
          (a.next?.startsAt.getTime() ?? Infinity) - (b.next?.startsAt.getTime() ?? Infinity) ||
          a.other.name.localeCompare(b.other.name),
      )
  );
}
