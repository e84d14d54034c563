import { lastLocalDate, zonedInstant, type Occurrence, type SeriesRule } from "@/server/meetings/recurrence";
import { DAY } from "./random";

// 1:1 occurrences by date arithmetic, fast enough for thousands of series.

const dayNumber = (localDate: string) => Math.round(Date.parse(`${localDate}T00:00:00Z`) / DAY);
const localDateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** ISO weekday (1 = Monday) of a day number; day 0, 1970-01-01, was a Thursday. */
const isoWeekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7 + 1;

/**
 * The rule's occurrences starting in [from, to), by date arithmetic: what
 * server/meetings/recurrence.ts gets from rrule (weekly or every two weeks counted from the
 * week of the first day, or the nth/last weekday of each month, never before the first day nor
 * after the last), placed in the zone the same way. rrule walks from the first day on every
 * call, which made seeding thousands of series slow; the seed checks a sample against it.
 */
export function occurrencesIn(rule: SeriesRule, from: Date, to: Date): Occurrence[] {
  const first = dayNumber(rule.startsOn);
  const lastDate = lastLocalDate(rule);
  const last = lastDate ? dayNumber(lastDate) : Number.POSITIVE_INFINITY;
  // Local dates can be a day either side of the UTC ones: widen, then filter on instants.
  const lo = Math.max(first, Math.floor(from.getTime() / DAY) - 2);
  const hi = Math.min(last, Math.ceil(to.getTime() / DAY) + 2);
  const days: number[] = [];
  if (rule.frequency === "monthly") {
    const start = new Date(lo * DAY);
    for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); ; m++) {
      const monthStart = Math.round(Date.UTC(y, m, 1) / DAY);
      if (monthStart > hi) break;
      const monthEnd = Math.round(Date.UTC(y, m + 1, 1) / DAY) - 1;
      const day =
        rule.weekOfMonth === -1
          ? monthEnd - ((isoWeekdayOf(monthEnd) - rule.weekday + 7) % 7)
          : monthStart + ((rule.weekday - isoWeekdayOf(monthStart) + 7) % 7) + 7 * ((rule.weekOfMonth ?? 1) - 1);
      days.push(day);
    }
  } else {
    const step = rule.frequency === "biweekly" ? 14 : 7;
    const firstWeekStart = first - (isoWeekdayOf(first) - 1);
    let day = firstWeekStart + (rule.weekday - 1);
    if (day < lo) day += Math.ceil((lo - day) / step) * step;
    for (; day <= hi; day += step) days.push(day);
  }
  const out: Occurrence[] = [];
  for (const day of days) {
    if (day < first || day > last) continue;
    const localDate = localDateOf(day);
    const startsAt = zonedInstant(localDate, rule.startTime, rule.timeZone);
    if (startsAt < from || startsAt >= to) continue;
    out.push({ occurrenceStart: startsAt, startsAt, endsAt: new Date(startsAt.getTime() + rule.durationMinutes * 60_000), localDate });
  }
  return out;
}

/** The first `count` occurrences at or after `from`, as nextOccurrences gives them. */
export function nextOccurrencesFast(rule: SeriesRule, from: Date, count: number): Occurrence[] {
  const span = (rule.frequency === "monthly" ? 32 : rule.frequency === "biweekly" ? 14 : 7) * (count + 2) * DAY;
  return occurrencesIn(rule, from, new Date(from.getTime() + span)).slice(0, count);
}

export function assertSameOccurrences(what: string, ours: Occurrence[], theirs: Occurrence[], rule: SeriesRule) {
  const a = ours.map((o) => o.startsAt.toISOString()).join(",");
  const b = theirs.map((o) => o.startsAt.toISOString()).join(",");
  if (a !== b) throw new Error(`synthetic ${what} occurrences differ from recurrence.ts for ${JSON.stringify(rule)}:\n ours   ${a}\n theirs ${b}`);
}
