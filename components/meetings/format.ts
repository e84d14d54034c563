// Meeting times are shown in the series' own time zone, with the zone named, so both people
// read the same wall-clock time whatever their device says.

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let cached = cache.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat("en", { ...options, timeZone });
    cache.set(key, cached);
  }
  return cached;
}

// Node's and the browser's ICU differ in the spaces they put around "AM" and in ranges (narrow
// no-break or thin spaces); plain spaces make server and client render the same text.
const plain = (s: string) => s.replace(/[\u00a0\u2009\u202f]/g, " ");

/** "Tue, Dec 1, 10:00 AM CET" */
export function formatMeetingStart(startsAt: Date, timeZone: string): string {
  return plain(
    formatter(timeZone, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(startsAt),
  );
}

/** "Tuesday, December 1, 2026" */
export function formatMeetingDay(startsAt: Date, timeZone: string): string {
  return plain(formatter(timeZone, { weekday: "long", month: "long", day: "numeric", year: "numeric" }).format(startsAt));
}

/** "10:00 AM – 10:30 AM CET" */
export function formatMeetingTimes(startsAt: Date, endsAt: Date, timeZone: string): string {
  const time = formatter(timeZone, { hour: "numeric", minute: "2-digit" });
  const zone =
    formatter(timeZone, { hour: "numeric", timeZoneName: "short" })
      .formatToParts(startsAt)
      .find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  return plain(`${time.format(startsAt)} – ${time.format(endsAt)} ${zone}`);
}

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const WEEKS_OF_MONTH: { value: number; label: string }[] = [
  { value: 1, label: "First" },
  { value: 2, label: "Second" },
  { value: 3, label: "Third" },
  { value: 4, label: "Fourth" },
  { value: -1, label: "Last" },
];

export interface SeriesSummary {
  frequency: "weekly" | "biweekly" | "monthly";
  weekday: number;
  weekOfMonth: number | null;
  startTime: string;
  timeZone: string;
  durationMinutes: number;
}

/** "Every other Tuesday at 10:00 (Europe/Berlin), 30 min" */
export function describeSeries(series: SeriesSummary): string {
  const day = WEEKDAYS[series.weekday - 1];
  const when =
    series.frequency === "weekly"
      ? `Every ${day}`
      : series.frequency === "biweekly"
        ? `Every other ${day}`
        : `The ${(WEEKS_OF_MONTH.find((w) => w.value === series.weekOfMonth)?.label ?? "").toLowerCase()} ${day} of each month`;
  return `${when} at ${series.startTime} (${series.timeZone.replaceAll("_", " ")}), ${series.durationMinutes} min`;
}

/** Local "YYYY-MM-DD" of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  return formatter(timeZone, { year: "numeric", month: "2-digit", day: "2-digit" })
    .format(instant)
    .replace(/(\d+)\/(\d+)\/(\d+)/, "$3-$1-$2");
}

/** Local "HH:MM" (24 h) of an instant in a zone. */
export function localTime(instant: Date, timeZone: string): string {
  return formatter(timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
}
