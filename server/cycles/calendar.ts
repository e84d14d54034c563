import { DateTime } from "luxon";

// When a cycle's dates begin and end, as instants. A cycle's `opens_on` and `closes_on` are
// calendar days of the organization's time zone (organizations.time_zone): it opens at 00:00
// of its open date there and closes at the end of its close date (24:00, i.e. 00:00 of the next
// day). Pure functions, shared by the sweep that acts on them (./schedule.ts) and the cycles
// page that announces them, so the two never disagree.

/** The automatic reminder goes out this many days before the close date… */
export const AUTO_REMINDER_DAYS_BEFORE_CLOSE = 3;
/** …at this local hour: a morning email, not one at midnight. */
export const AUTO_REMINDER_LOCAL_HOUR = 9;

function startOfDay(day: string, timeZone: string): DateTime {
  // If a zone skips midnight on that day (a daylight-saving change at 00:00), luxon moves
  // forward to the first instant that exists: the day's real start.
  return DateTime.fromISO(day, { zone: timeZone }).startOf("day");
}

/** 00:00 of the open date in the zone. */
export function opensAt(opensOn: string, timeZone: string): Date {
  return startOfDay(opensOn, timeZone).toJSDate();
}

/** The end of the close date in the zone: 00:00 of the day after. */
export function closesAt(closesOn: string, timeZone: string): Date {
  return startOfDay(closesOn, timeZone).plus({ days: 1 }).startOf("day").toJSDate();
}

/** 09:00 local, three days before the close date. */
export function autoReminderAt(closesOn: string, timeZone: string): Date {
  return startOfDay(closesOn, timeZone).minus({ days: AUTO_REMINDER_DAYS_BEFORE_CLOSE }).set({ hour: AUTO_REMINDER_LOCAL_HOUR }).toJSDate();
}

/** Today's date in the zone, "YYYY-MM-DD". */
export function localToday(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}

export interface CycleTimes {
  timeZone: string;
  opensAt: Date;
  closesAt: Date;
  /**
   * When the automatic reminder goes (or went) out; null when there is none: the cycle is too
   * short for one (its time comes before the open date), or it was opened after that time
   * (a reminder right after the invitation would only nag).
   */
  reminderAt: Date | null;
}

/** A cycle's automatic times in its organization's zone. */
export function cycleTimes(cycle: { opensOn: string; closesOn: string; openedAt: Date | null }, timeZone: string): CycleTimes {
  const opens = opensAt(cycle.opensOn, timeZone);
  const reminder = autoReminderAt(cycle.closesOn, timeZone);
  const tooShort = reminder <= opens;
  const openedTooLate = cycle.openedAt !== null && cycle.openedAt >= reminder;
  return { timeZone, opensAt: opens, closesAt: closesAt(cycle.closesOn, timeZone), reminderAt: tooShort || openedTooLate ? null : reminder };
}
