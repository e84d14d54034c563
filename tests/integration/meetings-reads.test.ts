import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { actionItems, meetingSeries, meetings } from "@/db/schema";
import { loadActor, type Actor } from "@/server/access/actor";
import { requireSeriesMember } from "@/server/access/meetings";
import { env } from "@/server/env";
import { scheduleReminders } from "@/server/meetings/reminders";
import { addActionItem, updateActionItem } from "@/server/meetings/meeting";
import { plannedOccurrences, syncPair } from "@/server/meetings/schedule";
import { createSeries, getPairMeetings } from "@/server/meetings/series";
import { completeAnswers } from "../support/answers";
import { fill } from "../support/assessments";
import { writesAmong, type TestDb } from "../support/db";
import { callerFor, type World } from "../support/factories";
import { openWorld } from "../support/world";
import { addDays, at, dayOf, weekdayOf } from "../support/meetings";

// A page view never writes: a query procedure only reads. The 1:1 pages read what
// writes and the worker's sweep planned, and still show what time has changed since: the next
// meeting once one passed, and the open action items of a meeting that ended on the next one,
// where the sweep (or the pair's next write) then moves them. Counted statement by statement,
// as the reminder sweep's own test counts them.

const ZONE = "Europe/Berlin";
const MONDAY = "2027-01-04";
/** The Friday before: the series are set up, their first five meetings planned. */
const BEFORE = new Date("2027-01-01T12:00:00Z");
/** Wednesday noon after the first Monday: its meeting ended two days ago, out of the day-back window. */
const LATER = at(addDays(MONDAY, 2), "12:00", ZONE);
const WEEKLY = { frequency: "weekly", weekday: 1, weekOfMonth: null, startTime: "10:00", timeZone: ZONE, durationMinutes: 30 } as const;

let t: TestDb;
let w: World;
beforeAll(async () => ({ t, w } = await openWorld()));
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

const as = (person: { id: string }) => callerFor(t.db, person.id);
const actorOf = async (person: { id: string }): Promise<Actor> => (await loadActor(t.db, person.id))!;
const pairOf = async (report: { id: string }) => (await as(report).me.get()).pairs.asReport[0]!.id;

/** What `run` sent to the database, and what it answered. */
async function counted<T>(run: () => Promise<T>): Promise<{ value: T; statements: string[] }> {
  const mark = t.statements.length;
  const value = await run();
  return { value, statements: t.statements.slice(mark) };
}

/** The request clock at `instant` (Date only: the database's timers keep running). */
function clockAt(instant: Date) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(instant);
}

/** A weekly Monday series of the pair, set up on BEFORE, and its first five meetings. */
async function mondays(actor: Actor, pairId: string) {
  await createSeries(t.db, actor, { pairId, startsOn: MONDAY, ...WEEKLY }, BEFORE);
  const { upcoming } = await getPairMeetings(t.db, actor, { pairId }, BEFORE);
  expect(upcoming.map((m) => m.startsAt)).toEqual([0, 1, 2, 3, 4].map((week) => at(addDays(MONDAY, 7 * week), "10:00", ZONE)));
  return upcoming.map((m) => m.id) as [string, string, string, string, string];
}

function actionRowsOf(pairId: string) {
  return t.db
    .select({ id: actionItems.id, meetingId: actionItems.meetingId })
    .from(actionItems)
    .where(eq(actionItems.pairId, pairId))
    .orderBy(asc(actionItems.createdAt));
}

describe("the 1:1 pages", () => {
  it("write nothing after a meeting passed, show the next one and its carried-over items, and show the same once the sweep moved them", async () => {
    const { report1: report, manager1: manager } = w.a;
    const pairId = await pairOf(report);
    const { assessmentId } = await as(report).assessments.startCheckIn({ pairId });
    await fill(as(report), assessmentId, completeAnswers(1, { topics: "Hybrid days" }, 2));
    await fill(as(manager), assessmentId, completeAnswers(1, {}, 4));
    await as(report).assessments.submit({ assessmentId, shareChooseAgain: true });
    await as(manager).assessments.submit({ assessmentId, shareChooseAgain: true });
    const [first, second, third, fourth, fifth] = await mondays(await actorOf(report), pairId);
    const open = await addActionItem(t.db, await actorOf(manager), { meetingId: first, text: "Send the draft", ownerId: report.id, dueOn: null });
    const done = await addActionItem(t.db, await actorOf(report), { meetingId: first, text: "Book the room", ownerId: manager.id, dueOn: null });
    await updateActionItem(t.db, await actorOf(report), { itemId: done.id, done: true });

    clockAt(LATER);
    const pages = () =>
      counted(async () => ({
        home: await as(report).meetings.mine(),
        schedule: await as(manager).meetings.forPair({ pairId }),
        next: await as(report).meetings.get({ meetingId: second }),
        last: await as(manager).meetings.get({ meetingId: first }),
        plan: await as(report).meetings.planPreview({ pairId, assessmentId }),
      }));
    const before = await pages();
    expect(writesAmong(before.statements)).toEqual([]);
    const shown = before.value;
    expect(shown.home.find((m) => m.pairId === pairId)?.next).toMatchObject({ id: second, openActions: 1 });
    expect(shown.schedule.upcoming.map((m) => [m.id, m.openActions])).toEqual([
      [second, 1],
      [third, 0],
      [fourth, 0],
      [fifth, 0],
    ]);
    expect(shown.schedule.past.map((m) => [m.id, m.openActions])).toEqual([[first, 0]]);
    expect(shown.next.actionItems).toEqual([
      expect.objectContaining({ id: open.id, done: false, carriedFrom: { meetingId: first, startsAt: at(MONDAY, "10:00", ZONE) } }),
    ]);
    expect(shown.last.actionItems).toEqual([expect.objectContaining({ id: done.id, done: true, carriedFrom: null })]);
    expect(shown.plan.meeting.id).toBe(second);
    // Stored as it was: the item is still on the first meeting.
    expect(await actionRowsOf(pairId)).toEqual([
      { id: open.id, meetingId: first },
      { id: done.id, meetingId: first },
    ]);

    // The worker's sweep moves the item and plans the week the window now reaches.
    expect(await scheduleReminders(t.db, LATER)).toMatchObject({ toppedUp: 1, carriedOver: 1 });
    expect(await actionRowsOf(pairId)).toEqual([
      { id: open.id, meetingId: second },
      { id: done.id, meetingId: first },
    ]);
    const after = await pages();
    expect(writesAmong(after.statements)).toEqual([]);
    const { schedule, ...rest } = after.value;
    const { schedule: scheduleBefore, ...restBefore } = shown;
    expect(rest).toEqual(restBefore);
    expect(schedule.past).toEqual(scheduleBefore.past);
    expect(schedule.upcoming.slice(0, 4)).toEqual(scheduleBefore.upcoming);
    expect(schedule.upcoming[4]).toMatchObject({ startsAt: at(addDays(MONDAY, 35), "10:00", ZONE), openActions: 0 });

    // Once in step, the sweep writes nothing either.
    const again = await counted(() => scheduleReminders(t.db, LATER));
    expect(again.value).toMatchObject({ toppedUp: 0, carriedOver: 0 });
    expect(writesAmong(again.statements)).toEqual([]);
  });

  it("a carried-over item ticked done stays on the next meeting: the write brings the pair in step first", async () => {
    const { report2: report, manager2: manager } = w.a;
    const pairId = await pairOf(report);
    const [first, second] = await mondays(await actorOf(report), pairId);
    const item = await addActionItem(t.db, await actorOf(manager), { meetingId: first, text: "Share the roadmap", ownerId: manager.id, dueOn: null });

    clockAt(LATER);
    await as(manager).meetings.updateActionItem({ itemId: item.id, done: true });
    expect(await actionRowsOf(pairId)).toEqual([{ id: item.id, meetingId: second }]);
    expect((await as(report).meetings.get({ meetingId: second })).actionItems).toEqual([
      expect.objectContaining({ id: item.id, done: true, carriedFrom: expect.objectContaining({ meetingId: first }) }),
    ]);
    expect((await as(report).meetings.get({ meetingId: first })).actionItems).toEqual([]);
  });

  it("a new series shows its meetings at once, before any sweep, and the page that shows them writes nothing", async () => {
    const { report1: report } = w.b;
    const pairId = await pairOf(report);
    const startsOn = addDays(dayOf(new Date()), 7);
    await as(report).meetings.createSeries({ pairId, startsOn, ...WEEKLY, weekday: weekdayOf(startsOn) });
    const page = await counted(() => as(report).meetings.forPair({ pairId }));
    expect(writesAmong(page.statements)).toEqual([]);
    expect(page.value.upcoming.map((m) => m.startsAt)).toEqual([0, 1, 2, 3, 4].map((week) => at(addDays(startsOn, 7 * week), "10:00", ZONE)));
    const home = await counted(() => as(report).meetings.mine());
    expect(writesAmong(home.statements)).toEqual([]);
    expect(home.value[0]?.next?.id).toBe(page.value.upcoming[0]!.id);
  });

  it.skipIf(!env().TEST_DATABASE_URL)(
    "on Postgres, a write holding its series' lock does not hold up the sweep's rows for it, nor they the write",
    async () => {
      const { report2: report } = w.b;
      const pairId = await pairOf(report);
      const actor = await actorOf(report);
      const { seriesId } = await createSeries(t.db, actor, { pairId, startsOn: MONDAY, ...WEEKLY }, BEFORE);
      // Nine days on, the series needs rows the sweep inserts while a change of it is in flight.
      const nineDaysOn = at(addDays(MONDAY, 9), "12:00", ZONE);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const holding = new Promise<void>((resolve) => (locked = resolve));
      const write = t.db.transaction(async (tx) => {
        await requireSeriesMember(tx, actor, seriesId, { lock: true });
        locked();
        await released;
        await syncPair(tx, w.b.org.id, pairId, nineDaysOn);
      });
      await holding;
      const sweep = await Promise.race([
        scheduleReminders(t.connectAgain(), nineDaysOn),
        new Promise((resolve) => setTimeout(() => resolve("waited"), 20_000)),
      ]);
      release();
      await write;
      expect(sweep).toMatchObject({ toppedUp: expect.any(Number) });
      const [series] = await t.db.select().from(meetingSeries).where(eq(meetingSeries.id, seriesId));
      const rows = await t.db
        .select({ occurrenceStart: meetings.occurrenceStart })
        .from(meetings)
        .where(eq(meetings.seriesId, seriesId))
        .orderBy(asc(meetings.occurrenceStart));
      const planned = plannedOccurrences(series!, nineDaysOn).map((o) => o.occurrenceStart);
      expect(rows.map((r) => r.occurrenceStart).filter((d) => d >= planned[0]!)).toEqual(planned);
    },
  );
});
