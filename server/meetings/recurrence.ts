import { DateTime, IANAZone } from "luxon";
import * as rruleModule from "rrule";
import type { RRule as RRuleInstance, Weekday } from "rrule";
import type { SeriesFrequency } from "@/db/schema";

// Occurrences of a 1:1 series, from an RFC 5545 rule evaluated by the rrule library.
//
// rrule computes in "floating" time: we give it the local wall-clock start (encoded in a Date's
// UTC fields) and read its results the same way, then place each local date and time in the
// series' IANA zone with luxon. So a 10:00 Europe/Berlin meeting stays at 10:00 local across a
// daylight-saving change (its UTC instant moves by an hour), which is what people and calendar
// apps expect of a TZID-anchored recurring event.

export interface SeriesRule {
  frequency: SeriesFrequency;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Monthly: 1–4 = nth weekday, -1 = last; null otherwise. */
  weekOfMonth: number | null;
  /** Local "HH:MM". */
  startTime: string;
  timeZone: string;
  durationMinutes: number;
  /** Local dates "YYYY-MM-DD"; occurrences fall on startsOn … min(endsOn, pausedFrom − 1 day). */
  startsOn: string;
  endsOn: string | null;
  pausedFrom: string | null;
}

export interface Occurrence {
  /** The rule's start for it: the RECURRENCE-ID, the identity of the occurrence. */
  occurrenceStart: Date;
  startsAt: Date;
  endsAt: Date;
  /** Local date of the rule's start, "YYYY-MM-DD". */
  localDate: string;
}

// Bundlers (Next, Vitest) resolve rrule's ES module and see its named exports; Node's own ESM
// loader (tsx scripts such as `npm run db:seed`) gets its CommonJS build as a default export only.
const { RRule } = "RRule" in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default;

const WEEKDAYS: readonly Weekday[] = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];
const BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The RRULE property value (without DTSTART/UNTIL), e.g. "FREQ=MONTHLY;BYDAY=-1FR". */
export function ruleText(rule: Pick<SeriesRule, "frequency" | "weekday" | "weekOfMonth">): string {
  const day = BYDAY[rule.weekday - 1];
  switch (rule.frequency) {
    case "weekly":
      return `FREQ=WEEKLY;BYDAY=${day};WKST=MO`;
    case "biweekly":
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${day};WKST=MO`;
    case "monthly":
      return `FREQ=MONTHLY;BYDAY=${rule.weekOfMonth}${day}`;
  }
}

/** The last local date the series may produce, or null when it runs on. */
export function lastLocalDate(rule: Pick<SeriesRule, "endsOn" | "pausedFrom">): string | null {
  const pausedEnd = rule.pausedFrom ? DateTime.fromISO(rule.pausedFrom).minus({ days: 1 }).toISODate() : null;
  if (rule.endsOn && pausedEnd) return rule.endsOn < pausedEnd ? rule.endsOn : pausedEnd;
  return rule.endsOn ?? pausedEnd;
}

function floating(localDate: string, time: string): Date {
  const [y, m, d] = localDate.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, hh, mm));
}

/** The rrule object in floating time (dtstart = local start on startsOn). */
export function floatingRule(rule: SeriesRule): RRuleInstance {
  const last = lastLocalDate(rule);
  const weekday = WEEKDAYS[rule.weekday - 1]!;
  return new RRule({
    freq: rule.frequency === "monthly" ? RRule.MONTHLY : RRule.WEEKLY,
    interval: rule.frequency === "biweekly" ? 2 : 1,
    byweekday: [rule.frequency === "monthly" ? weekday.nth(rule.weekOfMonth ?? 1) : weekday],
    wkst: RRule.MO,
    dtstart: floating(rule.startsOn, rule.startTime),
    until: last ? floating(last, "23:59") : null,
  });
}

/** A local date and time in `zone` as an instant; a time skipped by a DST change moves forward. */
export function zonedInstant(localDate: string, time: string, zone: string): Date {
  const [y, m, d] = localDate.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return DateTime.fromObject({ year: y, month: m, day: d, hour: hh, minute: mm }, { zone }).toJSDate();
}

function toOccurrence(floatingDate: Date, rule: SeriesRule): Occurrence {
  const localDate = floatingDate.toISOString().slice(0, 10);
  const startsAt = zonedInstant(localDate, rule.startTime, rule.timeZone);
  return { occurrenceStart: startsAt, startsAt, endsAt: new Date(startsAt.getTime() + rule.durationMinutes * 60_000), localDate };
}

const DAY_MS = 86_400_000;

/** The nth (1–4) or last (-1) ISO weekday of a month, as a floating "YYYY-MM-DD". */
function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): string {
  // Months as Date.UTC counts them (0-based, overflowing into the next year).
  const isoWeekday = (t: number) => ((new Date(t).getUTCDay() + 6) % 7) + 1;
  let time: number;
  if (nth === -1) {
    const lastDay = Date.UTC(year, month + 1, 0);
    time = lastDay - ((isoWeekday(lastDay) - weekday + 7) % 7) * DAY_MS;
  } else {
    const firstDay = Date.UTC(year, month, 1);
    time = firstDay + (((weekday - isoWeekday(firstDay) + 7) % 7) + 7 * (nth - 1)) * DAY_MS;
  }
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * The rule as `floatingRule` gives it, but with DTSTART moved forward to one of its own
 * occurrences on or after `near` minus one interval. rrule iterates from DTSTART on every
 * call, so the full rule costs time in proportion to the series' age; this one costs the
 * same for a series started years ago as for one started last week.
 *
 * Moving DTSTART to an occurrence keeps every later occurrence: a weekly rule counts its
 * weeks (and every-two-weeks parity) from DTSTART's week, a monthly one its months from
 * DTSTART's month, and DTSTART itself is one of them. UNTIL is unchanged.
 */
export function floatingRuleNear(rule: SeriesRule, near: Date): RRuleInstance {
  const full = floatingRule(rule);
  // The first occurrence is at most a few weeks (months) after DTSTART: cheap to find.
  const first = full.after(full.options.dtstart, true);
  if (!first) return full;
  let start: Date;
  if (rule.frequency === "monthly") {
    const target = new Date(near.getTime());
    target.setUTCMonth(target.getUTCMonth() - 1);
    const nth = rule.weekOfMonth ?? 1;
    const year = target.getUTCFullYear();
    const month = target.getUTCMonth();
    start = floating(nthWeekdayOfMonth(year, month, rule.weekday, nth), rule.startTime);
    if (start < target) start = floating(nthWeekdayOfMonth(year, month + 1, rule.weekday, nth), rule.startTime);
  } else {
    const step = (rule.frequency === "biweekly" ? 14 : 7) * DAY_MS;
    const target = near.getTime() - step;
    start = new Date(first.getTime() + Math.max(0, Math.ceil((target - first.getTime()) / step)) * step);
  }
  if (start <= first) return full;
  return new RRule({ ...full.origOptions, dtstart: start });
}

/** Occurrences whose start lies in [from, to). */
export function occurrencesBetween(rule: SeriesRule, from: Date, to: Date): Occurrence[] {
  // Widen the floating window by two days each side (any zone offset is < 1 day), then filter on
  // the real instants.
  const floatingFrom = new Date(from.getTime() - 2 * DAY_MS);
  const floatingTo = new Date(to.getTime() + 2 * DAY_MS);
  return floatingRuleNear(rule, floatingFrom)
    .between(floatingFrom, floatingTo, true)
    .map((d) => toOccurrence(d, rule))
    .filter((o) => o.startsAt >= from && o.startsAt < to);
}

/** The first `count` occurrences starting at or after `from`. */
export function nextOccurrences(rule: SeriesRule, from: Date, count: number): Occurrence[] {
  const out: Occurrence[] = [];
  let cursor = new Date(from.getTime() - 2 * DAY_MS);
  const floatingRule = floatingRuleNear(rule, cursor);
  // Each step asks rrule for the next floating date after the cursor; the zone filter drops the
  // ones that are before `from` in real time.
  for (let guard = 0; out.length < count && guard < count + 8; guard++) {
    const next = floatingRule.after(cursor, false);
    if (!next) break;
    cursor = next;
    const occurrence = toOccurrence(next, rule);
    if (occurrence.startsAt >= from) out.push(occurrence);
  }
  return out;
}

/** The first occurrence of the rule (the DTSTART a calendar export uses), or null if none. */
export function firstOccurrence(rule: SeriesRule): Occurrence | null {
  const first = floatingRule(rule).after(floating(rule.startsOn, "00:00"), true);
  return first ? toOccurrence(first, rule) : null;
}

/** A local "YYYY-MM-DD" and "HH:MM" of an instant in `zone`. */
export function localParts(instant: Date, zone: string): { date: string; time: string } {
  const dt = DateTime.fromJSDate(instant, { zone });
  return { date: dt.toISODate()!, time: dt.toFormat("HH:mm") };
}
