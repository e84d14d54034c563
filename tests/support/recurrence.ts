import { occurrencesBetween, type SeriesRule } from "@/server/meetings/recurrence";

/** Is `instant` the start of one of the rule's occurrences? The product never takes one from a client; tests ask. */
export function isOccurrenceStart(rule: SeriesRule, instant: Date): boolean {
  return occurrencesBetween(rule, instant, new Date(instant.getTime() + 60_000)).some((o) => o.startsAt.getTime() === instant.getTime());
}
