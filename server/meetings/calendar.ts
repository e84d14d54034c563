import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from "ical-generator";
import { DateTime, IANAZone } from "luxon";
import type { Db } from "@/db/client";
import { agendaItems, meetingPreferences, meetingSeries, meetings, pairs, people } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { requireMeetingMember } from "@/server/access/meetings";
import { appUrl } from "@/server/env";
import { firstOccurrence, lastLocalDate, localParts, ruleText } from "@/server/meetings/recurrence";
import { NotFoundError } from "@/server/errors";
import { pairNames } from "./meeting";
import { hashCalendarToken } from "./preferences";
import { isLiveMeeting, ruleOf, type SeriesRow } from "./schedule";

// Calendar export of 1:1s: a private subscription feed per person (the URL carries a token, so
// anyone holding it can read it) and a one-off .ics of a single meeting, downloaded while signed
// in. The feed is the weaker channel, so it carries names and a link back only; an agenda, notes
// or anything from an assessment never goes into it.
//
// One VEVENT per series, anchored in the series' IANA zone (DTSTART;TZID=…) with its RRULE, so a
// calendar app keeps the meeting at the same local time across daylight-saving changes, exactly
// as server/meetings/recurrence.ts computes occurrences. Skipped occurrences are EXDATEs, moved
// ones are overrides: a VEVENT with the same UID whose RECURRENCE-ID is the rule's start.

/**
 * Series that ended longer ago drop out of the feed, and so out of subscribed calendars (they
 * mirror it): the feed stays small, and the history is on the pair's 1:1 page.
 */
const FEED_HISTORY_DAYS = 30;
/** Calendar apps poll subscriptions; once an hour is plenty for a weekly meeting. */
const FEED_TTL_SECONDS = 60 * 60;
/** How far ahead a VTIMEZONE built from the runtime's zone data describes transitions. */
const ZONE_YEARS_AHEAD = 10;
const CALENDAR_NAME = "Tandem 1:1s";
const PRODID = { company: "Tandem", product: "Tandem 1-1 meetings", language: "EN" };

/** UTC needs no VTIMEZONE; ical-generator writes such times with a trailing Z. */
const isUtc = (zone: string) => zone === "UTC";

export function seriesUid(seriesId: string): string {
  return `series-${seriesId}@tandem`;
}

function summaryOf(names: { managerName: string; reportName: string }): string {
  return `1:1: ${names.managerName} / ${names.reportName}`;
}

function pairPageUrl(origin: string, pairId: string): string {
  return `${origin}/pairs/${pairId}/one-on-ones`;
}

/** A local date-time as RFC 5545 writes it (basic format, no zone designator). */
function basicLocal(dt: DateTime): string {
  return dt.toFormat("yyyyLLdd'T'HHmmss");
}

/** `instant` as an EXDATE/RECURRENCE-ID value in `zone`: local with TZID, or UTC with Z. */
function zonedValue(instant: Date, zone: string): { tzParam: string; value: string } {
  if (isUtc(zone)) return { tzParam: "", value: `${basicLocal(DateTime.fromJSDate(instant, { zone: "utc" }))}Z` };
  return { tzParam: `;TZID=${zone}`, value: basicLocal(DateTime.fromJSDate(instant, { zone })) };
}

/**
 * A calendar whose VTIMEZONEs cover `zoneYears`. A subscription feed gets a name and a refresh
 * interval; a one-off download gets neither: it is imported into a calendar the person already
 * has, not kept up to date.
 */
function newCalendar(zoneYears: { from: number; to: number }, feed: boolean): ICalCalendar {
  return ical({
    prodId: PRODID,
    method: ICalCalendarMethod.PUBLISH,
    ...(feed && { name: CALENDAR_NAME, ttl: FEED_TTL_SECONDS }),
    // No calendar-wide zone (series may be in different zones): only the generator, which
    // ical-generator calls once per zone its events use.
    timezone: { name: null, generator: (zone) => vtimezoneFor(zone, zoneYears.from, zoneYears.to) },
  });
}

// ---------------------------------------------------------------------------------------------
// Feed

/**
 * The calendar feed of the person holding `token`, or null when no active person does (the
 * route answers 404 then, the same for a wrong, revoked or replaced token).
 */
export async function calendarFeedFor(db: Db, token: string, now = new Date(), origin = appUrl()): Promise<string | null> {
  const [owner] = await db
    .select({ personId: meetingPreferences.personId, orgId: meetingPreferences.orgId })
    .from(meetingPreferences)
    .innerJoin(people, and(eq(people.orgId, meetingPreferences.orgId), eq(people.id, meetingPreferences.personId)))
    .where(and(eq(meetingPreferences.calendarTokenHash, hashCalendarToken(token)), isNull(people.deactivatedAt)));
  if (!owner) return null;

  // Open pairs only: when a pair ends its future 1:1s are cancelled, and the feed dropping the
  // series is how a subscribed calendar learns that.
  const manager = alias(people, "manager");
  const report = alias(people, "report");
  const myPairs = await db
    .select({ id: pairs.id, managerName: manager.name, reportName: report.name })
    .from(pairs)
    .innerJoin(manager, and(eq(manager.orgId, pairs.orgId), eq(manager.id, pairs.managerId)))
    .innerJoin(report, and(eq(report.orgId, pairs.orgId), eq(report.id, pairs.reportId)))
    .where(and(eq(pairs.orgId, owner.orgId), isNull(pairs.endedAt), or(eq(pairs.managerId, owner.personId), eq(pairs.reportId, owner.personId))));
  const pairById = new Map(myPairs.map((p) => [p.id, p]));

  const allSeries =
    myPairs.length === 0
      ? []
      : await db
          .select()
          .from(meetingSeries)
          .where(and(eq(meetingSeries.orgId, owner.orgId), inArray(meetingSeries.pairId, [...pairById.keys()])))
          .orderBy(asc(meetingSeries.startsOn));
  const historyStart = new Date(now.getTime() - FEED_HISTORY_DAYS * 86_400_000);
  const series = allSeries.flatMap((row) => {
    const last = lastLocalDate(row);
    if (last !== null && last < localParts(historyStart, row.timeZone).date) return [];
    const first = firstOccurrence(ruleOf(row));
    return first ? [{ row, first: first.startsAt }] : [];
  });

  // Every row that differs from its rule: skipped (EXDATE) or moved (override). Rows the series
  // no longer holds (after a pause or an end) are left out: an override of an occurrence the
  // RRULE doesn't produce would show up as a stray extra meeting in some calendar apps.
  const rows =
    series.length === 0
      ? []
      : await db
          .select({
            seriesId: meetings.seriesId,
            occurrenceStart: meetings.occurrenceStart,
            startsAt: meetings.startsAt,
            endsAt: meetings.endsAt,
            status: meetings.status,
          })
          .from(meetings)
          .where(
            and(
              eq(meetings.orgId, owner.orgId),
              inArray(
                meetings.seriesId,
                series.map((s) => s.row.id),
              ),
            ),
          )
          .orderBy(asc(meetings.occurrenceStart));

  const years = series.map((s) => DateTime.fromJSDate(s.first, { zone: s.row.timeZone }).year);
  const nowYear = now.getUTCFullYear();
  const calendar = newCalendar({ from: Math.min(nowYear - 1, ...years), to: nowYear + ZONE_YEARS_AHEAD }, true);

  for (const { row, first } of series) {
    const pair = pairById.get(row.pairId)!;
    const zone = row.timeZone;
    const common = {
      id: seriesUid(row.id),
      stamp: now,
      timezone: zone,
      summary: summaryOf(pair),
      description: pairPageUrl(origin, row.pairId),
      url: pairPageUrl(origin, row.pairId),
    };
    const own = rows.filter((m) => m.seriesId === row.id && isLiveMeeting(m, row, null));
    const skipped = own.filter((m) => m.status === "skipped");
    const moved = own.filter((m) => m.status === "scheduled" && differsFromRule(m, row));

    const start = DateTime.fromJSDate(first, { zone });
    calendar.createEvent({
      ...common,
      start,
      end: start.plus({ minutes: row.durationMinutes }),
      repeating: recurrenceLines(row, skipped),
    });
    for (const m of moved) {
      calendar.createEvent({
        ...common,
        recurrenceId: DateTime.fromJSDate(m.occurrenceStart, { zone }),
        start: DateTime.fromJSDate(m.startsAt, { zone }),
        end: DateTime.fromJSDate(m.endsAt, { zone }),
      });
    }
  }
  return calendar.toString();
}

/** Starts or ends other than the rule says: moved, or given another length. */
function differsFromRule(meeting: { occurrenceStart: Date; startsAt: Date; endsAt: Date }, series: SeriesRow): boolean {
  const ruleEnd = meeting.occurrenceStart.getTime() + series.durationMinutes * 60_000;
  return meeting.startsAt.getTime() !== meeting.occurrenceStart.getTime() || meeting.endsAt.getTime() !== ruleEnd;
}

/**
 * The RRULE (and EXDATE) lines of a series. ical-generator's structured form can't express a
 * monthly "-1FR", so the rule goes in as text, the same text recurrence.ts evaluates.
 */
function recurrenceLines(series: SeriesRow, skipped: { occurrenceStart: Date }[]): string {
  let rrule = `RRULE:${ruleText(series)}`;
  const last = lastLocalDate(series);
  if (last !== null) {
    // RFC 5545 §3.3.10: with a zoned DTSTART, UNTIL must be in UTC. The end of the last local
    // day includes that day's occurrence whatever its time.
    const until = DateTime.fromISO(last, { zone: isUtc(series.timeZone) ? "utc" : series.timeZone })
      .endOf("day")
      .toUTC();
    rrule += `;UNTIL=${basicLocal(until)}Z`;
  }
  if (skipped.length === 0) return rrule;
  const values = skipped.map((m) => zonedValue(m.occurrenceStart, series.timeZone));
  return `${rrule}\nEXDATE${values[0]!.tzParam}:${values.map((v) => v.value).join(",")}`;
}

// ---------------------------------------------------------------------------------------------
// One meeting

/**
 * One occurrence as an .ics file for the person to import. They download it themselves while
 * signed in, so it may carry the agenda's item texts; never notes (private or shared).
 */
export async function meetingIcsFor(db: Db, actor: Actor, meetingId: string, now = new Date(), origin = appUrl()): Promise<{ filename: string; body: string }> {
  // Not a UUID can't be a meeting; refusing here keeps a malformed id from reaching Postgres.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(meetingId)) throw new NotFoundError();
  const access = await requireMeetingMember(db, actor, meetingId);
  const { meeting } = access;
  const [series] = await db
    .select({ timeZone: meetingSeries.timeZone })
    .from(meetingSeries)
    .where(and(eq(meetingSeries.orgId, access.orgId), eq(meetingSeries.id, meeting.seriesId)));
  if (!series) throw new NotFoundError();
  const nameOf = await pairNames(db, access);
  const agenda = await db
    .select({ text: agendaItems.text })
    .from(agendaItems)
    .where(and(eq(agendaItems.orgId, access.orgId), eq(agendaItems.meetingId, meeting.id)))
    .orderBy(asc(agendaItems.position));

  const zone = series.timeZone;
  const start = DateTime.fromJSDate(meeting.startsAt, { zone });
  const link = `${origin}/meetings/${meeting.id}`;
  const description = [...(agenda.length ? ["Agenda:", ...agenda.map((a) => `- ${a.text}`), ""] : []), link].join("\n");

  const calendar = newCalendar({ from: start.year - 1, to: start.year + 1 }, false);
  calendar.createEvent({
    // Its own UID, not the series' with a RECURRENCE-ID: imported next to a subscribed feed, it
    // must not be taken for (and overwrite) the feed's copy of the occurrence. Importing it again
    // updates the earlier import instead of adding a duplicate.
    id: `meeting-${meeting.id}@tandem`,
    stamp: now,
    timezone: zone,
    start,
    end: DateTime.fromJSDate(meeting.endsAt, { zone }),
    summary: summaryOf({ managerName: nameOf(access.managerId), reportName: nameOf(access.reportId) }),
    description,
    url: link,
    status: meeting.status === "skipped" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return { filename: `1-1-${start.toISODate()}.ics`, body: calendar.toString() };
}

// ---------------------------------------------------------------------------------------------
// VTIMEZONE
//
// @touch4it/ical-timezones ships tzurl.org's data frozen at Olson 2018g. Zones have changed
// since (Brazil dropped daylight saving in 2019, Mexico in 2022, …), while occurrences here are
// computed with the runtime's current zone data (luxon over Intl). Outlook converts TZID times
// with the VTIMEZONE in the file, so a stale one would show a meeting an hour off. So the
// library's component is used only where it gives the same offsets as the runtime over the
// years the calendar covers; otherwise (and for zones it lacks, like Europe/Kyiv) the
// component is built from the runtime's own transitions.

const MINUTE = 60_000;
const vtimezoneCache = new Map<string, string | null>();

export function vtimezoneFor(zone: string, fromYear: number, toYear: number): string | null {
  const key = `${zone}|${fromYear}|${toYear}`;
  if (!vtimezoneCache.has(key)) {
    let component: string | null = null;
    if (IANAZone.isValidZone(zone)) {
      const from = Date.UTC(fromYear, 0, 1);
      const to = Date.UTC(toYear + 1, 0, 1);
      const transitions = runtimeTransitions(zone, from, to);
      const library = getVtimezoneComponent(zone);
      component = library && libraryAgrees(library, zone, transitions, fromYear, toYear) ? library : builtVtimezone(zone, from, transitions);
    }
    vtimezoneCache.set(key, component);
  }
  return vtimezoneCache.get(key) ?? null;
}

interface Transition {
  /** First instant (ms) at the new offset. */
  at: number;
  /** Offsets from UTC in minutes. */
  before: number;
  after: number;
}

function runtimeTransitions(zone: string, from: number, to: number): Transition[] {
  const tz = IANAZone.create(zone);
  const out: Transition[] = [];
  // A day's step finds every change of offset (zones don't change twice within a day); a
  // binary search then pins it to the minute.
  for (let t = from, offset = tz.offset(from); t < to;) {
    const next = Math.min(t + 86_400_000, to);
    const nextOffset = tz.offset(next);
    if (nextOffset !== offset) {
      let lo = t;
      let hi = next;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
        if (tz.offset(mid) === offset) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, before: offset, after: nextOffset });
    }
    t = next;
    offset = nextOffset;
  }
  return out;
}

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

function parseOffset(text: string): number | null {
  const match = /^([+-])(\d{2})(\d{2})$/.exec(text);
  return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : null;
}

function builtVtimezone(zone: string, from: number, transitions: Transition[]): string {
  const tz = IANAZone.create(zone);
  const kind = (at: number) => (DateTime.fromMillis(at, { zone }).isInDST ? "DAYLIGHT" : "STANDARD");
  // DTSTART of an observance is local time in the offset in effect before it (RFC 5545 §3.6.5).
  const observance = (at: number, before: number, after: number) =>
    [
      `BEGIN:${kind(at)}`,
      `DTSTART:${basicLocal(DateTime.fromMillis(at + before * MINUTE, { zone: "utc" }))}`,
      `TZOFFSETFROM:${formatOffset(before)}`,
      `TZOFFSETTO:${formatOffset(after)}`,
      `END:${kind(at)}`,
    ].join("\r\n");
  const initial = tz.offset(from);
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${zone}`,
    `X-LIC-LOCATION:${zone}`,
    observance(from, initial, initial),
    ...transitions.map((t) => observance(t.at, t.before, t.after)),
    "END:VTIMEZONE",
  ].join("\r\n");
}

const WEEKDAY_NUMBER: Record<string, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };

/**
 * Does the library's VTIMEZONE give the runtime's offset at every instant of the years covered?
 * Both are step functions, so comparing at every step of either is enough. Any shape this
 * doesn't read (the data only uses yearly BYMONTH/BYDAY rules) counts as "no".
 */
function libraryAgrees(component: string, zone: string, transitions: Transition[], fromYear: number, toYear: number): boolean {
  const observances: { firstOnset: number; offsetFrom: number; onsets: { at: number; offset: number }[] }[] = [];
  for (const block of component.split(/BEGIN:(?:STANDARD|DAYLIGHT)\r?\n/).slice(1)) {
    const prop = (name: string) => new RegExp(`^${name}:(.*)$`, "m").exec(block)?.[1]?.trim();
    const offsetFrom = parseOffset(prop("TZOFFSETFROM") ?? "");
    const offsetTo = parseOffset(prop("TZOFFSETTO") ?? "");
    const start = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(prop("DTSTART") ?? "");
    if (offsetFrom === null || offsetTo === null || !start || /^RDATE/m.test(block)) return false;
    const [y, mo, d, h, mi, s] = start.slice(1).map(Number) as [number, number, number, number, number, number];
    const firstOnset = Date.UTC(y, mo - 1, d, h, mi, s) - offsetFrom * MINUTE;
    const onsets = [{ at: firstOnset, offset: offsetTo }];
    const rule = prop("RRULE");
    if (rule !== undefined) {
      const parts = /^FREQ=YEARLY;BYMONTH=(\d{1,2});BYDAY=(-?[1-5])(MO|TU|WE|TH|FR|SA|SU)$/.exec(rule);
      if (!parts) return false;
      const [month, nth, weekday] = [Number(parts[1]), Number(parts[2]), WEEKDAY_NUMBER[parts[3]!]!];
      for (let year = Math.max(y + 1, fromYear - 1); year <= toYear; year++) {
        const day = nthWeekday(year, month, nth, weekday);
        if (day !== null) onsets.push({ at: Date.UTC(year, month - 1, day, h, mi, s) - offsetFrom * MINUTE, offset: offsetTo });
      }
    }
    observances.push({ firstOnset, offsetFrom, onsets });
  }
  if (observances.length === 0) return false;
  // Before its first observance begins, a zone is at that observance's TZOFFSETFROM.
  const earliest = observances.reduce((a, b) => (b.firstOnset < a.firstOnset ? b : a));
  const onsets = observances.flatMap((o) => o.onsets).sort((a, b) => a.at - b.at);
  const libraryOffset = (at: number) => onsets.findLast((o) => o.at <= at)?.offset ?? earliest.offsetFrom;

  const tz = IANAZone.create(zone);
  const from = Date.UTC(fromYear, 0, 1);
  const to = Date.UTC(toYear + 1, 0, 1);
  const checkpoints = [from, ...transitions.map((t) => t.at), ...onsets.map((o) => o.at).filter((at) => at > from && at < to)];
  return checkpoints.every((at) => libraryOffset(at) === tz.offset(at));
}

/** Day of month of the nth (or, negative, nth-from-last) ISO weekday, or null if there is none. */
function nthWeekday(year: number, month: number, nth: number, weekday: number): number | null {
  const first = DateTime.utc(year, month, 1);
  const daysInMonth = first.daysInMonth!;
  if (nth > 0) {
    const day = 1 + ((weekday - first.weekday + 7) % 7) + (nth - 1) * 7;
    return day <= daysInMonth ? day : null;
  }
  const last = DateTime.utc(year, month, daysInMonth);
  const day = daysInMonth - ((last.weekday - weekday + 7) % 7) + (nth + 1) * 7;
  return day >= 1 ? day : null;
}
