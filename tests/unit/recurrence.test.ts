import { describe, expect, it } from "vitest";
import { firstOccurrence, isOccurrenceStart, lastLocalDate, nextOccurrences, occurrencesBetween, ruleText, type SeriesRule } from "@/server/meetings/recurrence";

// Expected instants are worked out by hand from the zones' published DST dates: Europe/Berlin
// leaves summer time on 2026-10-25 (UTC+2 → UTC+1) and enters it on 2027-03-28; America/New_York
// leaves it on 2026-11-01 (UTC−4 → UTC−5).

const weekly = (over: Partial<SeriesRule> = {}): SeriesRule => ({
  frequency: "weekly",
  weekday: 2,
  weekOfMonth: null,
  startTime: "10:00",
  timeZone: "Europe/Berlin",
  durationMinutes: 30,
  startsOn: "2026-10-13",
  endsOn: null,
  pausedFrom: null,
  ...over,
});

const iso = (d: Date) => d.toISOString();

describe("recurrence", () => {
  it("weekly across the autumn DST change keeps 10:00 local time", () => {
    const got = nextOccurrences(weekly(), new Date("2026-10-01T00:00:00Z"), 3);
    expect(got.map((o) => iso(o.startsAt))).toEqual(["2026-10-13T08:00:00.000Z", "2026-10-20T08:00:00.000Z", "2026-10-27T09:00:00.000Z"]);
    expect(got.map((o) => o.localDate)).toEqual(["2026-10-13", "2026-10-20", "2026-10-27"]);
    expect(iso(got[2]!.endsAt)).toBe("2026-10-27T09:30:00.000Z");
  });

  it("weekly across the spring DST change keeps local time too", () => {
    const got = occurrencesBetween(weekly({ startsOn: "2027-03-16" }), new Date("2027-03-20T00:00:00Z"), new Date("2027-04-04T00:00:00Z"));
    expect(got.map((o) => iso(o.startsAt))).toEqual(["2027-03-23T09:00:00.000Z", "2027-03-30T08:00:00.000Z"]);
  });

  it("in New York an evening meeting stays at 17:30 local", () => {
    const got = nextOccurrences(weekly({ weekday: 4, startTime: "17:30", timeZone: "America/New_York", startsOn: "2026-10-22" }), new Date("2026-10-22T00:00:00Z"), 3);
    expect(got.map((o) => iso(o.startsAt))).toEqual(["2026-10-22T21:30:00.000Z", "2026-10-29T21:30:00.000Z", "2026-11-05T22:30:00.000Z"]);
  });

  it("every two weeks counts from the first week", () => {
    const got = nextOccurrences(weekly({ frequency: "biweekly", startsOn: "2026-12-01" }), new Date("2026-11-25T00:00:00Z"), 3);
    expect(got.map((o) => o.localDate)).toEqual(["2026-12-01", "2026-12-15", "2026-12-29"]);
  });

  it("monthly on the nth and the last weekday", () => {
    const second = nextOccurrences(weekly({ frequency: "monthly", weekOfMonth: 2, startsOn: "2026-12-01" }), new Date("2026-12-01T00:00:00Z"), 3);
    expect(second.map((o) => o.localDate)).toEqual(["2026-12-08", "2027-01-12", "2027-02-09"]);
    const last = nextOccurrences(weekly({ frequency: "monthly", weekday: 5, weekOfMonth: -1, startsOn: "2026-12-01" }), new Date("2026-12-01T00:00:00Z"), 3);
    expect(last.map((o) => o.localDate)).toEqual(["2026-12-25", "2027-01-29", "2027-02-26"]);
  });

  it("starts on or after startsOn and stops at endsOn and at a pause", () => {
    expect(firstOccurrence(weekly({ startsOn: "2026-10-14" }))?.localDate).toBe("2026-10-20");
    const ended = nextOccurrences(weekly({ endsOn: "2026-10-20" }), new Date("2026-10-01T00:00:00Z"), 5);
    expect(ended.map((o) => o.localDate)).toEqual(["2026-10-13", "2026-10-20"]);
    const paused = nextOccurrences(weekly({ pausedFrom: "2026-10-20" }), new Date("2026-10-01T00:00:00Z"), 5);
    expect(paused.map((o) => o.localDate)).toEqual(["2026-10-13"]);
    expect(lastLocalDate({ endsOn: "2026-12-31", pausedFrom: "2026-11-10" })).toBe("2026-11-09");
  });

  it("knows its own occurrence starts", () => {
    expect(isOccurrenceStart(weekly(), new Date("2026-10-27T09:00:00Z"))).toBe(true);
    expect(isOccurrenceStart(weekly(), new Date("2026-10-27T08:00:00Z"))).toBe(false);
  });

  it("writes RFC 5545 rules", () => {
    expect(ruleText({ frequency: "weekly", weekday: 2, weekOfMonth: null })).toBe("FREQ=WEEKLY;BYDAY=TU;WKST=MO");
    expect(ruleText({ frequency: "biweekly", weekday: 7, weekOfMonth: null })).toBe("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;WKST=MO");
    expect(ruleText({ frequency: "monthly", weekday: 5, weekOfMonth: -1 })).toBe("FREQ=MONTHLY;BYDAY=-1FR");
  });
});
