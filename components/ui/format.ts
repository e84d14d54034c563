const longDate = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** "2026-12-15" → "Dec 15, 2026". Dates without a time are calendar days: format them in UTC. */
export function formatDay(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T00:00:00Z`));
}
