import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { people } from "@/db/schema";
import { loadActor, type Actor } from "@/server/access/actor";
import { calendarFeedFor, meetingIcsFor, seriesUid, vtimezoneFor } from "@/server/meetings/calendar";
import { NotFoundError } from "@/server/errors";
import { addAgendaItem, saveSharedNotes, savePrivateNote } from "@/server/meetings/meeting";
import { createSeries, getPairMeetings, moveMeeting, setMeetingSkipped, setSeriesState } from "@/server/meetings/series";
import { setManager } from "@/server/people/set-manager";
import type { TestDb } from "../support/db";
import { callerFor, createPerson, type World } from "../support/factories";
import { openWorld } from "../support/world";

// The feed is checked by an independent parser (ical.js) expanding it the way a calendar app
// does: with the file's own VTIMEZONE, its RRULE, EXDATEs and RECURRENCE-ID overrides. Services
// get a fixed `now`, so the dates (and the daylight-saving change they straddle) never drift.

// Friday 1 October 2027. Europe/Berlin leaves summer time on Sunday 31 October 2027.
const NOW = new Date("2027-10-01T09:00:00Z");

let t: TestDb;
let w: World;
let pairA1: string;
let pairA2: string;
let pairB1: string;
let seriesA1: string;
/** Pair A1's meetings by local date, as planned for NOW. */
let meetingOn: Record<string, string>;

async function actorOf(personId: string): Promise<Actor> {
  const actor = await loadActor(t.db, personId);
  if (!actor) throw new Error(`no active person ${personId}`);
  return actor;
}

const pairAsReport = async (personId: string) => (await callerFor(t.db, personId).me.get()).pairs.asReport[0]!.id;
const tokenFor = async (personId: string) => (await callerFor(t.db, personId).meetings.regenerateCalendarToken()).token;

const weekly = { frequency: "weekly", weekOfMonth: null, startTime: "10:00", durationMinutes: 30 } as const;

beforeAll(async () => {
  ({ t, w } = await openWorld());
  pairA1 = await pairAsReport(w.a.report1.id);
  pairA2 = await pairAsReport(w.a.report2.id);
  pairB1 = await pairAsReport(w.b.report1.id);

  // Pair A1: Tuesdays 10:00 in Berlin from 5 October; skip the 12th, move the 19th to Thursday 21st 14:30.
  const manager = await actorOf(w.a.manager1.id);
  ({ seriesId: seriesA1 } = await createSeries(
    t.db,
    manager,
    { ...weekly, pairId: pairA1, startsOn: "2027-10-05", weekday: 2, timeZone: "Europe/Berlin" },
    NOW,
  ));
  const planned = await getPairMeetings(t.db, manager, { pairId: pairA1 }, NOW);
  meetingOn = Object.fromEntries(planned.upcoming.map((m) => [m.startsAt.toISOString().slice(0, 10), m.id]));
  await setMeetingSkipped(t.db, manager, { meetingId: meetingOn["2027-10-12"]!, skipped: true });
  await moveMeeting(t.db, manager, { meetingId: meetingOn["2027-10-19"]!, date: "2027-10-21", time: "14:30" }, NOW);

  // What must never reach the feed: agenda, shared notes, private notes.
  const report = await actorOf(w.a.report1.id);
  await addAgendaItem(t.db, report, { meetingId: meetingOn["2027-10-26"]!, text: "AGENDA-SECRET talk about promotion" });
  await saveSharedNotes(t.db, report, { meetingId: meetingOn["2027-10-26"]!, body: "SHARED-NOTES-SECRET", baseVersion: 0 });
  await savePrivateNote(t.db, report, { meetingId: meetingOn["2027-10-26"]!, body: "PRIVATE-NOTE-SECRET" });
});
afterAll(() => t.close());

// Each feed is read with only the VTIMEZONEs it carries itself, as a calendar app would.
beforeEach(() => ICAL.TimezoneService.reset());

function parse(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtimezone);
  return root;
}

interface Expanded {
  uid: string;
  start: string;
  end: string;
  summary: string;
}

/** Every occurrence whose (possibly moved) start lies in [from, to), sorted, in UTC. */
function expand(ics: string, from: string, to: string): Expanded[] {
  const root = parse(ics);
  const vevents = root.getAllSubcomponents("vevent");
  const [fromMs, toMs] = [Date.parse(from), Date.parse(to)];
  const out: Expanded[] = [];
  for (const master of vevents.filter((v) => !v.hasProperty("recurrence-id"))) {
    const uid = String(master.getFirstPropertyValue("uid"));
    const exceptions = vevents.filter((v) => v.hasProperty("recurrence-id") && v.getFirstPropertyValue("uid") === uid);
    const event = new ICAL.Event(master, { strictExceptions: true, exceptions });
    const iterator = event.iterator();
    // Overrides may move an occurrence by days, so look a month past the window.
    for (let next = iterator.next(); next && next.toJSDate().getTime() < toMs + 31 * 86_400_000; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      const start = details.startDate.toJSDate();
      if (start.getTime() < fromMs || start.getTime() >= toMs) continue;
      out.push({ uid, start: start.toISOString(), end: details.endDate.toJSDate().toISOString(), summary: details.item.summary });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

const veventCount = (ics: string) => parse(ics).getAllSubcomponents("vevent").length;

describe("calendar feed", () => {
  it("expands to the series at 10:00 Berlin time across the end of summer time, without the skipped one and with the moved one moved", async () => {
    const feed = await calendarFeedFor(t.db, await tokenFor(w.a.report1.id), NOW);
    expect(feed).not.toBeNull();
    const occurrences = expand(feed!, "2027-10-01T00:00:00Z", "2027-11-20T00:00:00Z");
    expect(occurrences.map((o) => [o.start, o.end])).toEqual([
      ["2027-10-05T08:00:00.000Z", "2027-10-05T08:30:00.000Z"],
      // 12 October skipped; 19 October moved to Thursday 21st 14:30 (CEST).
      ["2027-10-21T12:30:00.000Z", "2027-10-21T13:00:00.000Z"],
      ["2027-10-26T08:00:00.000Z", "2027-10-26T08:30:00.000Z"],
      // Winter time from 31 October: still 10:00 local, an hour later in UTC.
      ["2027-11-02T09:00:00.000Z", "2027-11-02T09:30:00.000Z"],
      ["2027-11-09T09:00:00.000Z", "2027-11-09T09:30:00.000Z"],
      ["2027-11-16T09:00:00.000Z", "2027-11-16T09:30:00.000Z"],
    ]);
    expect(new Set(occurrences.map((o) => o.uid))).toEqual(new Set([seriesUid(seriesA1)]));
    expect(occurrences.every((o) => o.summary === "1:1: Manager A1 / Report A1")).toBe(true);
  });

  it("writes RFC 5545 a calendar app accepts: zoned DTSTART, RRULE, EXDATE, RECURRENCE-ID, VTIMEZONE, refresh interval", async () => {
    const feed = (await calendarFeedFor(t.db, await tokenFor(w.a.manager1.id), NOW))!;
    const unfolded = feed.replace(/\r\n[ \t]/g, "");
    const lines = unfolded.split("\r\n");
    expect(lines).toContain("DTSTART;TZID=Europe/Berlin:20271005T100000");
    expect(lines).toContain("DTEND;TZID=Europe/Berlin:20271005T103000");
    expect(lines).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU;WKST=MO");
    expect(lines).toContain("EXDATE;TZID=Europe/Berlin:20271012T100000");
    expect(lines).toContain("RECURRENCE-ID;TZID=Europe/Berlin:20271019T100000");
    expect(lines).toContain("DTSTART;TZID=Europe/Berlin:20271021T143000");
    expect(lines).toContain("X-WR-CALNAME:Tandem 1:1s");
    expect(lines).toContain("X-PUBLISHED-TTL:PT1H");
    expect(lines).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    expect(lines.filter((l) => l === "BEGIN:VTIMEZONE")).toHaveLength(1);
    // Berlin's rules haven't changed since the library's data: its own component is used.
    expect(unfolded).toContain(getVtimezoneComponent("Europe/Berlin")!.replace(/\r?\n/g, "\r\n").trim());
    expect(lines.filter((l) => l === `UID:${seriesUid(seriesA1)}`)).toHaveLength(2);
    expect(lines.find((l) => l.startsWith("PRODID:"))).toMatch(/Tandem/);
  });

  it("carries names and a link to the pair's 1:1 page only: no agenda, no notes", async () => {
    const feed = (await calendarFeedFor(t.db, await tokenFor(w.a.report1.id), NOW))!;
    for (const secret of ["AGENDA-SECRET", "SHARED-NOTES-SECRET", "PRIVATE-NOTE-SECRET", "promotion"]) expect(feed).not.toContain(secret);
    const master = parse(feed)
      .getAllSubcomponents("vevent")
      .find((v) => !v.hasProperty("recurrence-id"))!;
    expect(master.getFirstPropertyValue("description")).toMatch(new RegExp(`^https?://[^ ]+/pairs/${pairA1}/one-on-ones$`));
    expect(master.getFirstPropertyValue("url")).toBe(master.getFirstPropertyValue("description"));
  });

  it("holds only the person's own open pairs: not another pair's, not another org's", async () => {
    // Org B's pair meets in São Paulo; Org A's people must not see it, nor B's people A's.
    const managerB = await actorOf(w.b.manager1.id);
    await createSeries(t.db, managerB, { ...weekly, pairId: pairB1, startsOn: "2027-10-07", weekday: 4, timeZone: "America/Sao_Paulo" }, NOW);
    const uidsOf = async (personId: string) =>
      parse((await calendarFeedFor(t.db, await tokenFor(personId), NOW))!)
        .getAllSubcomponents("vevent")
        .map((v) => String(v.getFirstPropertyValue("uid")));

    expect(new Set(await uidsOf(w.a.manager1.id))).toEqual(new Set([seriesUid(seriesA1)]));
    const bFeed = (await calendarFeedFor(t.db, await tokenFor(w.b.report1.id), NOW))!;
    expect(bFeed).not.toContain(seriesUid(seriesA1));
    expect(bFeed).not.toContain("Manager A1");
    // Same org, not in the pair (including the manager's own manager and HR): an empty calendar.
    for (const person of [w.a.manager2, w.a.report2, w.a.grand, w.a.hr, w.a.owner, w.a.bystander, w.b.manager2]) {
      expect(await uidsOf(person.id), person.name).toEqual([]);
    }
  });

  it("uses the runtime's zone data where the library's is stale: São Paulo has had no summer time since 2019", async () => {
    const feed = (await calendarFeedFor(t.db, await tokenFor(w.b.manager1.id), NOW))!;
    // The library still describes Brazil's old summer time (from November); its component must not be used.
    expect(feed.replace(/\r\n[ \t]/g, "")).not.toContain("TZURL:http://tzurl.org/zoneinfo-outlook/America/Sao_Paulo");
    const starts = expand(feed, "2027-10-01T00:00:00Z", "2028-01-01T00:00:00Z").map((o) => o.start);
    expect(starts).toHaveLength(13);
    // Thursdays 10:00 at UTC−3 all year round.
    expect(starts.every((s) => s.endsWith("T13:00:00.000Z"))).toBe(true);
    expect(starts[0]).toBe("2027-10-07T13:00:00.000Z");
  });

  it("ends the rule with UNTIL (in UTC) when the series ends, the last day included", async () => {
    const managerB = await actorOf(w.b.manager1.id);
    const { series } = await getPairMeetings(t.db, managerB, { pairId: pairB1 }, NOW);
    await setSeriesState(t.db, managerB, { seriesId: series!.id, action: "end", lastDate: "2027-11-18" }, NOW);
    const feed = (await calendarFeedFor(t.db, await tokenFor(w.b.manager1.id), NOW))!;
    const vevent = feed.slice(feed.indexOf("BEGIN:VEVENT"));
    const rrule = vevent.split("\r\n").find((l) => l.startsWith("RRULE:"))!;
    // The end of 18 November in São Paulo (UTC−3) is 02:59:59 UTC the next day.
    expect(rrule).toBe("RRULE:FREQ=WEEKLY;BYDAY=TH;WKST=MO;UNTIL=20271119T025959Z");
    const starts = expand(feed, "2027-10-01T00:00:00Z", "2028-01-01T00:00:00Z").map((o) => o.start);
    expect(starts.at(-1)).toBe("2027-11-18T13:00:00.000Z");
    expect(starts).toHaveLength(7);
    // Over a month after its end, the series drops out of the feed.
    expect(veventCount((await calendarFeedFor(t.db, await tokenFor(w.b.manager1.id), new Date("2027-12-20T12:00:00Z")))!)).toBe(0);
  });

  it("expands a monthly 'last Friday' rule in another zone", async () => {
    const pairB2 = await pairAsReport(w.b.report2.id);
    const managerB2 = await actorOf(w.b.manager2.id);
    await createSeries(
      t.db,
      managerB2,
      {
        ...weekly,
        frequency: "monthly",
        weekOfMonth: -1,
        weekday: 5,
        pairId: pairB2,
        startsOn: "2027-10-01",
        timeZone: "America/New_York",
        startTime: "16:00",
      },
      NOW,
    );
    const feed = (await calendarFeedFor(t.db, await tokenFor(w.b.report2.id), NOW))!;
    expect(feed).toContain("RRULE:FREQ=MONTHLY;BYDAY=-1FR");
    // New York leaves summer time on 7 November 2027: 16:00 is 20:00Z before, 21:00Z after.
    expect(expand(feed, "2027-10-01T00:00:00Z", "2028-01-01T00:00:00Z").map((o) => o.start)).toEqual([
      "2027-10-29T20:00:00.000Z",
      "2027-11-26T21:00:00.000Z",
      "2027-12-31T21:00:00.000Z",
    ]);
  });

  it("writes a UTC series in UTC (no TZID, no VTIMEZONE), skip and move included", async () => {
    const report = await createPerson(t.db, w.b.org.id, { name: "Report UTC", managerId: w.b.hr.id });
    const pairId = await pairAsReport(report.id);
    const manager = await actorOf(w.b.hr.id);
    await createSeries(t.db, manager, { ...weekly, pairId, startsOn: "2027-10-04", weekday: 1, timeZone: "UTC" }, NOW);
    const planned = (await getPairMeetings(t.db, manager, { pairId }, NOW)).upcoming;
    await setMeetingSkipped(t.db, manager, { meetingId: planned[1]!.id, skipped: true });
    await moveMeeting(t.db, manager, { meetingId: planned[2]!.id, date: "2027-10-19", time: "07:15" }, NOW);
    const feed = (await calendarFeedFor(t.db, await tokenFor(report.id), NOW))!;
    const lines = feed.replace(/\r\n[ \t]/g, "").split("\r\n");
    expect(lines).toEqual(
      expect.arrayContaining(["DTSTART:20271004T100000Z", "EXDATE:20271011T100000Z", "RECURRENCE-ID:20271018T100000Z", "DTSTART:20271019T071500Z"]),
    );
    expect(feed).not.toMatch(/TZID|BEGIN:VTIMEZONE/);
    expect(expand(feed, "2027-10-01T00:00:00Z", "2027-11-01T00:00:00Z").map((o) => o.start)).toEqual([
      "2027-10-04T10:00:00.000Z",
      "2027-10-19T07:15:00.000Z",
      "2027-10-25T10:00:00.000Z",
    ]);
  });

  it("answers null for an unknown, replaced or revoked token, and for a deactivated person", async () => {
    expect(await calendarFeedFor(t.db, "A".repeat(43), NOW)).toBeNull();
    const old = await tokenFor(w.a.report1.id);
    expect(await calendarFeedFor(t.db, old, NOW)).not.toBeNull();
    const replacement = await tokenFor(w.a.report1.id);
    expect(await calendarFeedFor(t.db, old, NOW)).toBeNull();
    expect(await calendarFeedFor(t.db, replacement, NOW)).toContain(seriesUid(seriesA1));
    await callerFor(t.db, w.a.report1.id).meetings.revokeCalendarToken();
    expect(await calendarFeedFor(t.db, replacement, NOW)).toBeNull();

    const bystander = await tokenFor(w.a.bystander.id);
    expect(await calendarFeedFor(t.db, bystander, NOW)).not.toBeNull();
    await t.db.update(people).set({ deactivatedAt: NOW }).where(eq(people.id, w.a.bystander.id));
    expect(await calendarFeedFor(t.db, bystander, NOW)).toBeNull();
  });

  it("drops a series once its pair has ended", async () => {
    const managerA2 = await actorOf(w.a.manager2.id);
    const { seriesId } = await createSeries(t.db, managerA2, { ...weekly, pairId: pairA2, startsOn: "2027-10-04", weekday: 1, timeZone: "Europe/Berlin" }, NOW);
    const token = await tokenFor(w.a.manager2.id);
    expect(await calendarFeedFor(t.db, token, NOW)).toContain(seriesUid(seriesId));
    // Report A2 moves to manager A1: pair A2 ends.
    await t.db.transaction((tx) => setManager(tx, { orgId: w.a.org.id, personId: w.a.report2.id, managerId: w.a.manager1.id }));
    expect(veventCount((await calendarFeedFor(t.db, token, NOW))!)).toBe(0);
  });
});

describe("one meeting as .ics", () => {
  it("gives the pair's two people the occurrence at its time, with the agenda texts and no notes", async () => {
    for (const personId of [w.a.report1.id, w.a.manager1.id]) {
      const { filename, body } = await meetingIcsFor(t.db, await actorOf(personId), meetingOn["2027-10-26"]!, NOW);
      expect(filename).toBe("1-1-2027-10-26.ics");
      expect(body).not.toContain("SHARED-NOTES-SECRET");
      expect(body).not.toContain("PRIVATE-NOTE-SECRET");
      const [only, ...rest] = expand(body, "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
      expect(rest).toEqual([]);
      expect(only).toMatchObject({ start: "2027-10-26T08:00:00.000Z", end: "2027-10-26T08:30:00.000Z", summary: "1:1: Manager A1 / Report A1" });
      const vevent = parse(body).getFirstSubcomponent("vevent")!;
      expect(vevent.getFirstPropertyValue("description")).toContain("AGENDA-SECRET talk about promotion");
      expect(body.split("\r\n")).toContain("DTSTART;TZID=Europe/Berlin:20271026T100000");
      // A one-off import, not a subscription: no calendar name for an app to create, no refresh.
      expect(body).not.toMatch(/X-WR-CALNAME|X-PUBLISHED-TTL|REFRESH-INTERVAL/);
    }
  });

  it("gives a moved meeting its new time, and marks a skipped one cancelled", async () => {
    const report = await actorOf(w.a.report1.id);
    const moved = await meetingIcsFor(t.db, report, meetingOn["2027-10-19"]!, NOW);
    expect(moved.filename).toBe("1-1-2027-10-21.ics");
    expect(expand(moved.body, "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z").map((o) => o.start)).toEqual(["2027-10-21T12:30:00.000Z"]);
    const skipped = await meetingIcsFor(t.db, report, meetingOn["2027-10-12"]!, NOW);
    expect(skipped.body.split("\r\n")).toContain("STATUS:CANCELLED");
  });

  it("is not found for anyone outside the pair, and for an id that isn't one", async () => {
    const meetingId = meetingOn["2027-10-26"]!;
    for (const person of [w.a.grand, w.a.manager2, w.a.hr, w.a.owner, w.b.manager1, w.b.report1, w.b.owner]) {
      await expect(meetingIcsFor(t.db, await actorOf(person.id), meetingId, NOW), person.name).rejects.toBeInstanceOf(NotFoundError);
    }
    const report = await actorOf(w.a.report1.id);
    await expect(meetingIcsFor(t.db, report, "not-a-uuid", NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(meetingIcsFor(t.db, report, "00000000-0000-4000-8000-000000000000", NOW)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("VTIMEZONE", () => {
  it("is built from the runtime's data for zones the library lacks", () => {
    const kyiv = vtimezoneFor("Europe/Kyiv", 2027, 2028)!;
    expect(getVtimezoneComponent("Europe/Kyiv")).toBeNull();
    expect(kyiv).toContain("TZID:Europe/Kyiv");
    // Ukraine leaves summer time on the last Sunday of October at 04:00 local (01:00 UTC).
    expect(kyiv).toContain("BEGIN:STANDARD\r\nDTSTART:20271031T040000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\nEND:STANDARD");
    expect(vtimezoneFor("Not/A_Zone", 2027, 2028)).toBeNull();
  });
});
