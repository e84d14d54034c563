import { describe, expect, it } from "vitest";
import {
  firstOccurrence,
  floatingRule,
  floatingRuleNear,
  lastLocalDate,
  nextOccurrences,
  occurrencesBetween,
  ruleText,
  zonedInstant,
  type SeriesRule,
} from "@/server/meetings/recurrence";
import { isOccurrenceStart } from "../support/recurrence";

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
    const got = nextOccurrences(
      weekly({ weekday: 4, startTime: "17:30", timeZone: "America/New_York", startsOn: "2026-10-22" }),
      new Date("2026-10-22T00:00:00Z"),
      3,
    );
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

// The reference: what occurrencesBetween and nextOccurrences computed before they started the
// rule near `from`, i.e. rrule walking from the series' first day on every call.
const DAY = 86_400_000;
function placed(floatingDate: Date, rule: SeriesRule): string {
  const localDate = floatingDate.toISOString().slice(0, 10);
  return zonedInstant(localDate, rule.startTime, rule.timeZone).toISOString();
}
function fullBetween(rule: SeriesRule, from: Date, to: Date): string[] {
  return floatingRule(rule)
    .between(new Date(from.getTime() - 2 * DAY), new Date(to.getTime() + 2 * DAY), true)
    .map((d) => placed(d, rule))
    .filter((s) => s >= from.toISOString() && s < to.toISOString());
}
function fullNext(rule: SeriesRule, from: Date, count: number): string[] {
  const r = floatingRule(rule);
  const out: string[] = [];
  let cursor = new Date(from.getTime() - 2 * DAY);
  for (let guard = 0; out.length < count && guard < count + 8; guard++) {
    const next = r.after(cursor, false);
    if (!next) break;
    cursor = next;
    if (placed(next, rule) >= from.toISOString()) out.push(placed(next, rule));
  }
  return out;
}

/** A small deterministic generator, so a failure names a rule that can be replayed. */
function lcg(seed: number) {
  let x = seed >>> 0;
  return (n: number) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
}

describe("recurrence started near `from` matches the full walk from the first day", () => {
  // Zones with DST in either hemisphere, one without, one a half hour off; times that a DST
  // change skips (02:30 in Berlin on the last Sunday of March) or repeats (01:30 in New York in
  // November), and late evening, where the UTC date differs from the local one.
  const zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Pacific/Auckland", "Asia/Kolkata", "Asia/Tokyo", "America/Sao_Paulo"];
  const times = ["00:15", "01:30", "02:30", "09:00", "10:00", "17:30", "23:45"];
  const rules: SeriesRule[] = [];
  const pick = lcg(20261122);
  for (let i = 0; i < 90; i++) {
    const frequency = (["weekly", "biweekly", "monthly"] as const)[i % 3]!;
    const startsOn = new Date(Date.UTC(2018 + pick(9), pick(12), 1 + pick(28))).toISOString().slice(0, 10);
    const ending = pick(4) === 0 ? new Date(Date.parse(startsOn) + (200 + pick(3000)) * DAY).toISOString().slice(0, 10) : null;
    const paused = pick(6) === 0 ? new Date(Date.parse(startsOn) + (100 + pick(3000)) * DAY).toISOString().slice(0, 10) : null;
    rules.push(
      weekly({
        frequency,
        weekday: 1 + pick(7),
        weekOfMonth: frequency === "monthly" ? ([1, 2, 3, 4, -1] as const)[pick(5)]! : null,
        startTime: times[pick(times.length)]!,
        timeZone: zones[pick(zones.length)]!,
        startsOn,
        endsOn: ending,
        pausedFrom: paused,
      }),
    );
  }
  // Every Sunday and Wednesday over 2026–2027 (each DST change of every zone above falls on a
  // Sunday, or near one), at a time that moves through the day, plus the series' own edges.
  const froms: Date[] = [];
  for (let t = Date.UTC(2025, 11, 28); t < Date.UTC(2027, 11, 31); t += 3.5 * DAY) froms.push(new Date(t + (froms.length % 24) * 3_600_000 + 7 * 60_000));

  it("occurrencesBetween, for a week and for two months", () => {
    let compared = 0;
    for (const rule of rules) {
      const edges = [rule.startsOn, rule.endsOn, rule.pausedFrom].flatMap((d) =>
        d ? [new Date(Date.parse(d) - DAY), new Date(Date.parse(d) + 3_600_000)] : [],
      );
      for (const from of [...froms.filter((_, i) => i % 8 === rules.indexOf(rule) % 8), ...edges]) {
        for (const span of [7 * DAY, 62 * DAY]) {
          const to = new Date(from.getTime() + span);
          const got = occurrencesBetween(rule, from, to).map((o) => o.startsAt.toISOString());
          expect(got, `${JSON.stringify(rule)} from ${from.toISOString()}`).toEqual(fullBetween(rule, from, to));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(4_000);
    // The reference walks every series from its first day: slow by design.
  }, 120_000);

  it("nextOccurrences", () => {
    for (const rule of rules) {
      for (const from of froms.filter((_, i) => i % 8 === (rules.indexOf(rule) + 4) % 8)) {
        const got = nextOccurrences(rule, from, 5).map((o) => o.startsAt.toISOString());
        expect(got, `${JSON.stringify(rule)} from ${from.toISOString()}`).toEqual(fullNext(rule, from, 5));
      }
    }
  }, 120_000);

  it("around spring and autumn DST changes and on the last weekday of short and long months", () => {
    const cases: [SeriesRule, string][] = [
      // Berlin springs forward at 02:00 on Sunday 2027-03-28: 02:30 that day is 03:30 CEST.
      [weekly({ weekday: 7, startTime: "02:30", startsOn: "2019-01-06" }), "2027-03-20T00:00:00Z"],
      [weekly({ weekday: 7, startTime: "02:30", frequency: "biweekly", startsOn: "2019-01-13" }), "2027-03-20T00:00:00Z"],
      // New York falls back on Sunday 2026-11-01: 01:30 happens twice.
      [weekly({ weekday: 7, startTime: "01:30", timeZone: "America/New_York", startsOn: "2018-03-04" }), "2026-10-25T00:00:00Z"],
      // Last Friday of February (28 days) and of months of 30 and 31 days; last Sunday with a DST change on it.
      [weekly({ frequency: "monthly", weekday: 5, weekOfMonth: -1, startsOn: "2019-05-01" }), "2027-01-20T00:00:00Z"],
      [weekly({ frequency: "monthly", weekday: 7, weekOfMonth: -1, startTime: "02:30", startsOn: "2018-02-01" }), "2027-02-15T00:00:00Z"],
      [
        weekly({ frequency: "monthly", weekday: 1, weekOfMonth: 4, timeZone: "Pacific/Auckland", startTime: "23:45", startsOn: "2020-08-31" }),
        "2026-08-30T12:00:00Z",
      ],
    ];
    for (const [rule, fromIso] of cases) {
      const from = new Date(fromIso);
      expect(nextOccurrences(rule, from, 6).map((o) => o.startsAt.toISOString())).toEqual(fullNext(rule, from, 6));
      const to = new Date(from.getTime() + 120 * DAY);
      expect(occurrencesBetween(rule, from, to).map((o) => o.startsAt.toISOString())).toEqual(fullBetween(rule, from, to));
    }
    expect(
      nextOccurrences(weekly({ weekday: 7, startTime: "02:30", startsOn: "2019-01-06" }), new Date("2027-03-27T00:00:00Z"), 1)[0]!.startsAt.toISOString(),
    ).toBe("2027-03-28T01:30:00.000Z");
  });

  it("starts the rule near `from`, not on the series' first day", () => {
    const old = weekly({ startsOn: "2010-01-05" });
    expect(floatingRuleNear(old, new Date("2027-03-01T00:00:00Z")).options.dtstart.toISOString().slice(0, 10) >= "2027-01-01").toBe(true);
    const monthly = weekly({ frequency: "monthly", weekday: 5, weekOfMonth: -1, startsOn: "2010-01-05" });
    expect(floatingRuleNear(monthly, new Date("2027-03-01T00:00:00Z")).options.dtstart.toISOString().slice(0, 10)).toBe("2027-02-26");
    // Before the first occurrence: the rule is left as it is.
    expect(floatingRuleNear(old, new Date("2009-01-01T00:00:00Z")).options.dtstart.toISOString()).toBe("2010-01-05T10:00:00.000Z");
  });
});
