import { TRPCError } from "@trpc/server";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionItems, agendaItems, meetingSeries, sharedNotes } from "@/db/schema";
import { loadActor, type Actor } from "@/server/access/actor";
import { predictionKey } from "@/server/assessments/item-bank";
import { findBuiltinTemplate } from "@/server/meetings/builtin-templates";
import { ConflictError } from "@/server/errors";
import { addActionItem, addAgendaItem, getMeeting, NotesConflictError, saveSharedNotes, savePrivateNote, updateActionItem } from "@/server/meetings/meeting";
import { planFromAssessment } from "@/server/meetings/plan-from-gaps";
import { syncPair } from "@/server/meetings/schedule";
import { createSeries, getPairMeetings, listMyNextMeetings, moveMeeting, setMeetingSkipped, setSeriesState, updateSeriesFrom } from "@/server/meetings/series";
import { applyTemplate, listTemplates } from "@/server/meetings/templates";
import { setManager } from "@/server/people/set-manager";
import { completeAnswers } from "../support/answers";
import { everyone, everyoneBut, fill, outcomeOf, type Person } from "../support/assessments";
import type { TestDb } from "../support/db";
import { overHttp } from "../support/http";
import { callerFor, createPerson, databaseFingerprint, type World } from "../support/factories";
import { openWorld } from "../support/world";
import { addDays, at, dayOf, snapshotMeetings, weekdayOf } from "../support/meetings";

// 1:1 meetings (PRODUCT.md §4) as their two people use them: private notes that stay private,
// action items that follow the pair to its next meeting, shared notes that never silently
// overwrite each other, schedule changes, templates, planning from an assessment, refusals
// that explain themselves, and what remains of an ended pair. Services are called with a fixed
// `now` where time matters (a calendar in January 2027); procedures through createCaller where
// the answer a person gets (code, message) is the point.

const DAY = 86_400_000;
const ZONE = "Europe/Berlin";
/** A Monday: the series below meet on Mondays at 10:00 Berlin time (09:00 UTC in winter). */
const MONDAY = "2027-01-04";
/** The Friday before: "now" when a series is set up and its first meetings are planned. */
const BEFORE = new Date("2027-01-01T12:00:00Z");
const WEEKLY = { frequency: "weekly", weekday: 1, weekOfMonth: null, startTime: "10:00", timeZone: ZONE, durationMinutes: 30 } as const;
/** Noon (Berlin) on the day `weeks` weeks after MONDAY: that week's meeting has ended. */
const noonOfWeek = (weeks: number) => at(addDays(MONDAY, 7 * weeks), "12:00", ZONE);

let t: TestDb;
let w: World;
let pairs: { a1: string; a2: string; b1: string };
/** Pair A2's and pair B1's 1:1s, with content: what must stay as it is whatever pair A1 does. */
let neighbours: Record<"a2" | "b1", { pairId: string; seriesId: string; meetingId: string; agendaItemId: string; actionItemId: string }>;

const actorOf = async (person: { id: string }): Promise<Actor> => (await loadActor(t.db, person.id))!;
const as = (person: { id: string } | null) => callerFor(t.db, person?.id ?? null);

beforeAll(async () => {
  ({ t, w } = await openWorld());
  const pairOf = async (report: { id: string }) => (await as(report).me.get()).pairs.asReport[0]!.id;
  pairs = { a1: await pairOf(w.a.report1), a2: await pairOf(w.a.report2), b1: await pairOf(w.b.report1) };

  async function neighbour(report: { id: string }, manager: { id: string }, pairId: string) {
    const [employee, boss] = [await actorOf(report), await actorOf(manager)];
    const { seriesId } = await createSeries(t.db, employee, { pairId, startsOn: MONDAY, ...WEEKLY, startTime: "15:00" }, BEFORE);
    const meetingId = (await getPairMeetings(t.db, employee, { pairId }, BEFORE)).upcoming[0]!.id;
    const agenda = await addAgendaItem(t.db, employee, { meetingId, text: "A neighbour's agenda item" });
    await saveSharedNotes(t.db, boss, { meetingId, body: "A neighbour's shared notes", baseVersion: 0 });
    await savePrivateNote(t.db, employee, { meetingId, body: "A neighbour's private note" });
    const action = await addActionItem(t.db, boss, { meetingId, text: "A neighbour's action item", ownerId: report.id, dueOn: null });
    return { pairId, seriesId, meetingId, agendaItemId: agenda.id, actionItemId: action.id };
  }
  neighbours = { a2: await neighbour(w.a.report2, w.a.manager2, pairs.a2), b1: await neighbour(w.b.report1, w.b.manager1, pairs.b1) };
});
afterAll(() => t.close());

/** A new report of manager A1, so a test has a pair (and series) of its own; both people as actors. */
async function newPairOfManagerA1(name: string) {
  const report = await createPerson(t.db, w.a.org.id, { name, managerId: w.a.manager1.id, departmentId: w.a.dept.id });
  const pairId = (await as(report).me.get()).pairs.asReport[0]!.id;
  return { report, pairId, employee: await actorOf(report), manager: await actorOf(w.a.manager1) };
}

/** The pair's weekly Monday series (set up by `actor` before the first Monday) and its first five meetings. */
async function weeklyOnMondays(actor: Actor, pairId: string) {
  const { seriesId } = await createSeries(t.db, actor, { pairId, startsOn: MONDAY, ...WEEKLY }, BEFORE);
  const { upcoming } = await getPairMeetings(t.db, actor, { pairId }, BEFORE);
  expect(upcoming.map((m) => m.startsAt)).toEqual([0, 1, 2, 3, 4].map((week) => at(addDays(MONDAY, 7 * week), "10:00", ZONE)));
  return { seriesId, meetings: upcoming.map((m) => m.id) as [string, string, string, string, string] };
}

/** Every meeting row of every pair but `pairId` (of both organizations): to show a change stayed in its pair. */
async function otherPairsRows(pairId: string): Promise<string> {
  const s = await snapshotMeetings(t.db, [w.a.org.id, w.b.org.id]);
  const ours = new Set(s.meetings.filter((m) => m.pairId === pairId).map((m) => m.id));
  return JSON.stringify({
    series: s.series.filter((r) => r.pairId !== pairId),
    meetings: s.meetings.filter((r) => r.pairId !== pairId),
    agenda: s.agenda.filter((r) => !ours.has(r.meetingId)),
    sharedNotes: s.sharedNotes.filter((r) => !ours.has(r.meetingId)),
    privateNotes: s.privateNotes.filter((r) => !ours.has(r.meetingId)),
    actionItems: s.actionItems.filter((r) => r.pairId !== pairId),
  });
}

function actionRowsOf(pairId: string) {
  return t.db
    .select()
    .from(actionItems)
    .where(and(eq(actionItems.orgId, w.a.org.id), eq(actionItems.pairId, pairId)))
    .orderBy(asc(actionItems.createdAt));
}

function agendaTextsOf(meetingId: string) {
  return t.db.select({ text: agendaItems.text }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position));
}

// ---------------------------------------------------------------------------------------------

describe("private notes", () => {
  const EMPLOYEE_NOTE = "PRIVATE-EMPLOYEE I think my manager plays favourites";
  const EMPLOYEE_LATER_NOTE = "PRIVATE-EMPLOYEE-LATER ask HR about a transfer";
  const MANAGER_NOTE = "PRIVATE-MANAGER considering a performance plan";

  /** Everything `person` gets back from every procedure that could show pair A1's meetings: answers and refusals. */
  async function everythingSeenBy(person: { id: string } | null, meetingIds: string[]) {
    const caller = as(person);
    const calls: (() => Promise<unknown>)[] = [
      () => caller.meetings.mine(),
      () => caller.meetings.forPair({ pairId: pairs.a1 }),
      ...meetingIds.map((meetingId) => () => caller.meetings.get({ meetingId })),
      () => caller.meetings.templates(),
      () => caller.meetings.preferences(),
      () => caller.me.get(),
      () => caller.assessments.listMine(),
      () => caller.pairs.dashboard({ pairId: pairs.a1 }),
      () => caller.directory.list({ limit: 100 }),
      // A stale save of the shared notes: the refusal carries what is stored now (and nothing private).
      () => caller.meetings.saveSharedNotes({ meetingId: meetingIds[0]!, body: "stale", baseVersion: 0 }),
      () => caller.meetings.planFromAssessment({ pairId: pairs.a1 }),
    ];
    const seen: string[] = [];
    for (const call of calls) {
      seen.push(
        await call().then(
          (answer) => JSON.stringify(answer),
          (err: unknown) => JSON.stringify(err instanceof TRPCError ? { code: err.code, message: err.message, cause: err.cause } : String(err)),
        ),
      );
    }
    return seen.join("\n");
  }

  /** Pair A1's first five meetings: both wrote a private note on the first, the employee also on the second. */
  let meetings: string[];
  beforeAll(async () => {
    const [employee, manager] = [await actorOf(w.a.report1), await actorOf(w.a.manager1)];
    meetings = (await weeklyOnMondays(employee, pairs.a1)).meetings;
    const [first, second] = meetings as [string, string];
    await addAgendaItem(t.db, employee, { meetingId: first, text: "Shared agenda item" });
    await saveSharedNotes(t.db, manager, { meetingId: first, body: "Shared notes both see", baseVersion: 0 });
    await savePrivateNote(t.db, employee, { meetingId: first, body: EMPLOYEE_NOTE });
    await savePrivateNote(t.db, employee, { meetingId: second, body: EMPLOYEE_LATER_NOTE });
    await savePrivateNote(t.db, manager, { meetingId: first, body: MANAGER_NOTE });
  });

  it("reach their author and nobody else: not the other side, HR, the owner, the manager's manager, org B, signed out", async () => {
    const [first, second] = meetings as [string, string];
    // Each of them reads their own note on the meeting page.
    expect((await as(w.a.report1).meetings.get({ meetingId: first })).privateNote.body).toBe(EMPLOYEE_NOTE);
    expect((await as(w.a.report1).meetings.get({ meetingId: second })).privateNote.body).toBe(EMPLOYEE_LATER_NOTE);
    expect((await as(w.a.manager1).meetings.get({ meetingId: first })).privateNote.body).toBe(MANAGER_NOTE);
    expect((await as(w.a.manager1).meetings.get({ meetingId: second })).privateNote).toEqual({ body: "", updatedAt: null });

    const viewers: (Person | null)[] = [...everyone(w), null];
    for (const person of viewers) {
      const label = person?.label ?? "signed out";
      const seen = await everythingSeenBy(person, meetings);
      expect(seen.includes(EMPLOYEE_NOTE), `${label} got the employee's private note`).toBe(person?.id === w.a.report1.id);
      expect(seen.includes(EMPLOYEE_LATER_NOTE), `${label} got the employee's later private note`).toBe(person?.id === w.a.report1.id);
      expect(seen.includes(MANAGER_NOTE), `${label} got the manager's private note`).toBe(person?.id === w.a.manager1.id);
    }
  });

  it("are behind 'not found' for everyone outside the pair, whatever their role, and 'sign in' signed out", async () => {
    const before = await databaseFingerprint(t.db);
    for (const person of everyoneBut(w, w.a.report1.id, w.a.manager1.id)) {
      expect((await outcomeOf(as(person).meetings.forPair({ pairId: pairs.a1 }))).code, person.label).toBe("NOT_FOUND");
      expect((await outcomeOf(as(person).meetings.get({ meetingId: meetings[0]! }))).code, person.label).toBe("NOT_FOUND");
      expect((await outcomeOf(as(person).meetings.savePrivateNote({ meetingId: meetings[0]!, body: "mine now" }))).code, person.label).toBe("NOT_FOUND");
    }
    expect((await outcomeOf(as(null).meetings.get({ meetingId: meetings[0]! }))).code).toBe("UNAUTHORIZED");
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});

describe("another pair's and another organization's 1:1s", () => {
  it("are not found for pair A1's two people, through every procedure, and asking changes nothing", async () => {
    const before = await databaseFingerprint(t.db);
    for (const person of [w.a.report1, w.a.manager1]) {
      const caller = as(person);
      for (const n of [neighbours.a2, neighbours.b1]) {
        const calls: [string, () => Promise<unknown>][] = [
          ["forPair", () => caller.meetings.forPair({ pairId: n.pairId })],
          ["createSeries", () => caller.meetings.createSeries({ pairId: n.pairId, startsOn: "2027-02-01", ...WEEKLY })],
          ["updateSeries", () => caller.meetings.updateSeries({ seriesId: n.seriesId, fromDate: "2027-02-01", ...WEEKLY })],
          ["setSeriesState", () => caller.meetings.setSeriesState({ seriesId: n.seriesId, action: "end", lastDate: "2027-02-01" })],
          ["skip", () => caller.meetings.skip({ meetingId: n.meetingId, skipped: true })],
          ["move", () => caller.meetings.move({ meetingId: n.meetingId, date: "2027-01-05", time: "11:00" })],
          ["get", () => caller.meetings.get({ meetingId: n.meetingId })],
          ["addAgendaItem", () => caller.meetings.addAgendaItem({ meetingId: n.meetingId, text: "mine" })],
          ["updateAgendaItem", () => caller.meetings.updateAgendaItem({ itemId: n.agendaItemId, text: "mine", done: true })],
          ["deleteAgendaItem", () => caller.meetings.deleteAgendaItem({ itemId: n.agendaItemId })],
          ["reorderAgenda", () => caller.meetings.reorderAgenda({ meetingId: n.meetingId, itemIds: [n.agendaItemId] })],
          ["saveSharedNotes", () => caller.meetings.saveSharedNotes({ meetingId: n.meetingId, body: "mine", baseVersion: 1 })],
          ["savePrivateNote", () => caller.meetings.savePrivateNote({ meetingId: n.meetingId, body: "mine" })],
          ["addActionItem", () => caller.meetings.addActionItem({ meetingId: n.meetingId, text: "mine", ownerId: person.id, dueOn: null })],
          ["updateActionItem", () => caller.meetings.updateActionItem({ itemId: n.actionItemId, done: true })],
          ["deleteActionItem", () => caller.meetings.deleteActionItem({ itemId: n.actionItemId })],
          ["applyTemplate", () => caller.meetings.applyTemplate({ meetingId: n.meetingId, templateRef: "builtin:weekly-check-in" })],
          ["planFromAssessment", () => caller.meetings.planFromAssessment({ pairId: n.pairId })],
        ];
        for (const [name, call] of calls)
          expect(await outcomeOf(call()), `${name} on ${n.pairId} as ${person.name}`).toEqual({ code: "NOT_FOUND", message: "Not found" });
      }
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});

describe("action items carry over", () => {
  it("an open item of a meeting that ended shows on the next one, pointing back; a done one stays", async () => {
    const { pairId, employee, manager, report } = await newPairOfManagerA1("Report Carry");
    const othersBefore = await otherPairsRows(pairId);
    const [first, second, third, fourth] = (await weeklyOnMondays(manager, pairId)).meetings;
    const open = await addActionItem(t.db, manager, { meetingId: first, text: "Send the draft", ownerId: report.id, dueOn: "2027-01-08" });
    const done = await addActionItem(t.db, employee, { meetingId: first, text: "Book the room", ownerId: w.a.manager1.id, dueOn: null });
    await updateActionItem(t.db, manager, { itemId: done.id, done: true });

    // Monday noon: the first meeting has ended.
    const afterFirst = noonOfWeek(0);
    const firstStartsAt = at(MONDAY, "10:00", ZONE);
    const onSecond = await getMeeting(t.db, employee, { meetingId: second }, afterFirst);
    expect(onSecond.actionItems).toEqual([
      expect.objectContaining({ id: open.id, text: "Send the draft", done: false, carriedFrom: { meetingId: first, startsAt: firstStartsAt } }),
    ]);
    const onFirst = await getMeeting(t.db, employee, { meetingId: first }, afterFirst);
    expect(onFirst.meeting.state).toBe("past");
    expect(onFirst.actionItems).toEqual([expect.objectContaining({ id: done.id, done: true, carriedFrom: null })]);

    // The pages only read: the item is still stored on the first meeting. The next write to the
    // pair, or the worker's sweep, moves it (syncPair), once; the pages show the same after it.
    const pages = async () => ({
      schedule: await getPairMeetings(t.db, manager, { pairId }, afterFirst),
      home: (await listMyNextMeetings(t.db, employee, afterFirst)).find((m) => m.pairId === pairId),
      second: await getMeeting(t.db, manager, { meetingId: second }, afterFirst),
      first: await getMeeting(t.db, employee, { meetingId: first }, afterFirst),
    });
    const shown = await pages();
    expect(shown.home?.next).toMatchObject({ id: second, openActions: 1 });
    expect(shown.schedule.past.map((m) => [m.id, m.openActions])).toEqual([[first, 0]]);
    expect(shown.schedule.upcoming.map((m) => [m.id, m.openActions])[0]).toEqual([second, 1]);
    expect((await actionRowsOf(pairId)).map((r) => [r.id, r.meetingId])).toEqual([
      [open.id, first],
      [done.id, first],
    ]);
    await syncPair(t.db, w.a.org.id, pairId, afterFirst);
    const rows = await actionRowsOf(pairId);
    expect(rows.map((r) => [r.id, r.meetingId, r.originMeetingId])).toEqual([
      [open.id, second, first],
      [done.id, first, first],
    ]);
    expect(await pages()).toEqual(shown);
    await syncPair(t.db, w.a.org.id, pairId, afterFirst);
    expect(await actionRowsOf(pairId)).toEqual(rows);

    // The third meeting is skipped: when the second has ended, open items land on the fourth.
    const onSecondItem = await addActionItem(t.db, employee, { meetingId: second, text: "Ask for the budget", ownerId: report.id, dueOn: null });
    await setMeetingSkipped(t.db, employee, { meetingId: third, skipped: true });
    const afterSecond = noonOfWeek(1);
    const onFourth = async () => (await getMeeting(t.db, manager, { meetingId: fourth }, afterSecond)).actionItems.map((a) => [a.id, a.carriedFrom?.meetingId]);
    expect(await onFourth()).toEqual([
      [open.id, first],
      [onSecondItem.id, second],
    ]);
    // Brought in step, the pair also has a row for the week after the last planned meeting.
    await syncPair(t.db, w.a.org.id, pairId, afterSecond);
    expect(await onFourth()).toEqual([
      [open.id, first],
      [onSecondItem.id, second],
    ]);
    const schedule = await getPairMeetings(t.db, employee, { pairId }, afterSecond);
    expect(schedule.upcoming.map((m) => [m.id, m.status, m.openActions])).toEqual([
      [third, "skipped", 0],
      [fourth, "scheduled", 2],
      [expect.any(String), "scheduled", 0],
      [expect.any(String), "scheduled", 0],
    ]);
    expect((await actionRowsOf(pairId)).map((r) => [r.id, r.meetingId, r.originMeetingId])).toEqual([
      [open.id, fourth, first],
      [done.id, first, first],
      [onSecondItem.id, fourth, second],
    ]);
    expect(await otherPairsRows(pairId)).toBe(othersBefore);
  });
});

describe("shared notes", () => {
  it("two sides at version N: the first save wins, the second gets a conflict carrying the first; after merging it saves", async () => {
    const { pairId, employee, manager, report } = await newPairOfManagerA1("Report Notes");
    const othersBefore = await otherPairsRows(pairId);
    const [meetingId] = (await weeklyOnMondays(manager, pairId)).meetings;
    await saveSharedNotes(t.db, manager, { meetingId, body: "Agenda for Monday", baseVersion: 0 });

    // Both open the page at version 1.
    const n = (await getMeeting(t.db, employee, { meetingId }, BEFORE)).sharedNotes.version;
    expect(n).toBe(1);
    expect((await getMeeting(t.db, manager, { meetingId }, BEFORE)).sharedNotes.version).toBe(n);

    const employeeText = "Agenda for Monday\n- the employee's point";
    const managerText = "Agenda for Monday\n- the manager's point";
    expect(await as(report).meetings.saveSharedNotes({ meetingId, body: employeeText, baseVersion: n })).toEqual({ version: n + 1 });

    // The manager's save, based on version 1, is refused over HTTP with what is stored now.
    const stale = await overHttp(t.db, w.a.manager1.id, "meetings.saveSharedNotes", { meetingId, body: managerText, baseVersion: n });
    expect(stale.status).toBe(409);
    expect(stale.error?.message).toBe("These notes were changed by the other person while you typed. Compare both versions and merge them.");
    expect(stale.error?.data).toMatchObject({ code: "CONFLICT", conflict: { current: { body: employeeText, version: n + 1 } } });
    // The same through the caller: a CONFLICT whose cause carries the current notes.
    const viaCaller = await as(w.a.manager1)
      .meetings.saveSharedNotes({ meetingId, body: managerText, baseVersion: n })
      .catch((e: unknown) => e);
    expect(viaCaller).toBeInstanceOf(TRPCError);
    expect((viaCaller as TRPCError).code).toBe("CONFLICT");
    expect((viaCaller as TRPCError).cause).toBeInstanceOf(NotesConflictError);
    expect(((viaCaller as TRPCError).cause as NotesConflictError).current).toEqual({ body: employeeText, version: n + 1 });

    // Nothing of the refused save was written.
    const stored = await t.db.select().from(sharedNotes).where(eq(sharedNotes.meetingId, meetingId));
    expect(stored).toEqual([expect.objectContaining({ body: employeeText, version: n + 1, updatedById: report.id })]);
    expect((await getMeeting(t.db, manager, { meetingId }, BEFORE)).sharedNotes).toMatchObject({ body: employeeText, version: n + 1, updatedBy: report.name });

    // The manager merges both texts onto version N+1: saved.
    const merged = `${employeeText}\n- the manager's point`;
    expect(await as(w.a.manager1).meetings.saveSharedNotes({ meetingId, body: merged, baseVersion: n + 1 })).toEqual({ version: n + 2 });
    expect((await getMeeting(t.db, employee, { meetingId }, BEFORE)).sharedNotes).toMatchObject({ body: merged, version: n + 2, updatedBy: w.a.manager1.name });
    expect(await otherPairsRows(pairId)).toBe(othersBefore);
  });
});

describe("changing the schedule", () => {
  it("edit from a date on: meetings from that date move onto the new rule's dates with their agenda; earlier ones stay", async () => {
    const { pairId, employee, manager } = await newPairOfManagerA1("Report Reschedule");
    const othersBefore = await otherPairsRows(pairId);
    const { seriesId, meetings } = await weeklyOnMondays(employee, pairId);
    const [first, second, third, fourth, fifth] = meetings;
    await addAgendaItem(t.db, employee, { meetingId: first, text: "Before the change" });
    await addAgendaItem(t.db, employee, { meetingId: third, text: "Third meeting's topic" });
    await addAgendaItem(t.db, manager, { meetingId: fourth, text: "Fourth meeting's topic" });
    await saveSharedNotes(t.db, manager, { meetingId: fourth, body: "Prepared notes", baseVersion: 0 });
    await setMeetingSkipped(t.db, employee, { meetingId: fifth, skipped: true });

    // From Wednesday 13 January on: Thursdays at 14:00. A skip stays a skip.
    const thursdays = { ...WEEKLY, weekday: 4, startTime: "14:00" };
    const { seriesId: newSeriesId } = await updateSeriesFrom(t.db, manager, { seriesId, fromDate: "2027-01-13", ...thursdays }, BEFORE);
    expect(newSeriesId).not.toBe(seriesId);

    const schedule = await getPairMeetings(t.db, employee, { pairId }, BEFORE);
    expect(schedule.series).toMatchObject({ id: newSeriesId, weekday: 4, startTime: "14:00", startsOn: "2027-01-13", endsOn: null });
    expect(schedule.upcoming.map((m) => [m.id, m.startsAt.toISOString(), m.status, m.moved, m.agenda])).toEqual([
      [first, "2027-01-04T09:00:00.000Z", "scheduled", false, 1],
      [second, "2027-01-11T09:00:00.000Z", "scheduled", false, 0],
      [third, "2027-01-14T13:00:00.000Z", "scheduled", false, 1],
      [fourth, "2027-01-21T13:00:00.000Z", "scheduled", false, 1],
      [fifth, "2027-01-28T13:00:00.000Z", "skipped", false, 0],
      [expect.any(String), "2027-02-04T13:00:00.000Z", "scheduled", false, 0],
    ]);
    const fourthPage = await getMeeting(t.db, employee, { meetingId: fourth }, BEFORE);
    expect(fourthPage.agenda.map((a) => a.text)).toEqual(["Fourth meeting's topic"]);
    expect(fourthPage.sharedNotes.body).toBe("Prepared notes");
    expect((await getMeeting(t.db, employee, { meetingId: third }, BEFORE)).agenda.map((a) => a.text)).toEqual(["Third meeting's topic"]);

    // The old rule ends the day before; its meetings stay on it.
    const [old] = await t.db.select().from(meetingSeries).where(eq(meetingSeries.id, seriesId));
    expect(old).toMatchObject({ endsOn: "2027-01-12", weekday: 1 });
    expect(await otherPairsRows(pairId)).toBe(othersBefore);
  });

  it("skip, move, pause, resume and end change what the pair's schedule lists", async () => {
    const { pairId, employee, manager } = await newPairOfManagerA1("Report Changes");
    const othersBefore = await otherPairsRows(pairId);
    const { seriesId, meetings } = await weeklyOnMondays(employee, pairId);
    const [first, second, third, fourth, fifth] = meetings;
    const listed = async () => (await getPairMeetings(t.db, employee, { pairId }, BEFORE)).upcoming.map((m) => [m.id, m.status, m.startsAt.toISOString()]);
    const nextOnHome = async () => (await listMyNextMeetings(t.db, manager, BEFORE)).find((m) => m.pairId === pairId)?.next?.id;

    // Skip: listed as skipped; the home page shows the next one that happens.
    await setMeetingSkipped(t.db, manager, { meetingId: first, skipped: true });
    expect((await listed())[0]).toEqual([first, "skipped", "2027-01-04T09:00:00.000Z"]);
    expect(await nextOnHome()).toBe(second);
    await setMeetingSkipped(t.db, employee, { meetingId: first, skipped: false });
    expect((await listed())[0]).toEqual([first, "scheduled", "2027-01-04T09:00:00.000Z"]);
    expect(await nextOnHome()).toBe(first);

    // Move the second to Tuesday 19 January, 15:00 for 45 minutes: it now comes after the third.
    await moveMeeting(t.db, employee, { meetingId: second, date: "2027-01-19", time: "15:00", durationMinutes: 45 }, BEFORE);
    const afterMove = (await getPairMeetings(t.db, employee, { pairId }, BEFORE)).upcoming;
    expect(afterMove.map((m) => m.id)).toEqual([first, third, second, fourth, fifth]);
    expect(afterMove[2]).toMatchObject({ startsAt: new Date("2027-01-19T14:00:00Z"), endsAt: new Date("2027-01-19T14:45:00Z"), moved: true });

    // Pause from the fourth meeting's day: it and later ones are gone; resume brings them back.
    await setSeriesState(t.db, manager, { seriesId, action: "pause", fromDate: "2027-01-25" }, BEFORE);
    expect((await listed()).map(([id]) => id)).toEqual([first, third, second]);
    expect((await getPairMeetings(t.db, employee, { pairId }, BEFORE)).series?.pausedFrom).toBe("2027-01-25");
    await setSeriesState(t.db, employee, { seriesId, action: "resume" }, BEFORE);
    expect((await listed()).map(([id]) => id)).toEqual([first, third, second, fourth, fifth]);

    // End after the third meeting: nothing later is listed, from any page.
    await setSeriesState(t.db, employee, { seriesId, action: "end", lastDate: "2027-01-18" }, BEFORE);
    expect((await listed()).map(([id]) => id)).toEqual([first, third, second]);
    expect((await getPairMeetings(t.db, employee, { pairId }, noonOfWeek(2))).upcoming.map((m) => m.id)).toEqual([second]);
    expect((await listMyNextMeetings(t.db, employee, noonOfWeek(3))).find((m) => m.pairId === pairId)).toMatchObject({ hasSeries: false, next: null });
    expect(await otherPairsRows(pairId)).toBe(othersBefore);
  });

  it("edit from a date on of a paused series: no server error; the meeting after the break keeps its agenda", async () => {
    const { pairId, employee, report } = await newPairOfManagerA1("Report Paused");
    const { seriesId, meetings } = await weeklyOnMondays(employee, pairId);
    const fourth = meetings[3];
    await addAgendaItem(t.db, employee, { meetingId: fourth, text: "After the break" });
    // A break from 18 January (the third and later meetings were already planned), then Thursdays from the 6th.
    await setSeriesState(t.db, employee, { seriesId, action: "pause", fromDate: "2027-01-18" }, BEFORE);
    const thursdays = { ...WEEKLY, weekday: 4, startTime: "14:00" };
    expect(await outcomeOf(as(report).meetings.updateSeries({ seriesId, fromDate: "2027-01-06", ...thursdays }))).toEqual({ code: "OK", message: "" });
    const { upcoming, series } = await getPairMeetings(t.db, employee, { pairId }, BEFORE);
    expect(series).toMatchObject({ weekday: 4, pausedFrom: "2027-01-18" });
    expect(upcoming.map((m) => m.startsAt.toISOString())).toEqual(["2027-01-04T09:00:00.000Z", "2027-01-07T13:00:00.000Z", "2027-01-14T13:00:00.000Z"]);
    await setSeriesState(t.db, employee, { seriesId: series!.id, action: "resume" }, BEFORE);
    expect((await getPairMeetings(t.db, employee, { pairId }, BEFORE)).upcoming.find((m) => m.id === fourth)?.agenda).toBe(1);
  });

  it("edit from today: a meeting that already happened today stays where it was, with its notes", async () => {
    const { pairId, employee, manager } = await newPairOfManagerA1("Report Today");
    const { seriesId, meetings } = await weeklyOnMondays(employee, pairId);
    const second = meetings[1];
    await saveSharedNotes(t.db, manager, { meetingId: second, body: "What we said on the 11th", baseVersion: 0 });
    // Monday 11 January at noon: the second meeting ended at 10:30; from today on, Thursdays.
    const noon = noonOfWeek(1);
    await updateSeriesFrom(t.db, employee, { seriesId, fromDate: "2027-01-11", ...WEEKLY, weekday: 4, startTime: "14:00" }, noon);
    const page = await getMeeting(t.db, employee, { meetingId: second }, noon);
    expect(page.meeting).toMatchObject({ startsAt: at("2027-01-11", "10:00", ZONE), state: "past" });
    expect(page.sharedNotes.body).toBe("What we said on the 11th");
    const schedule = await getPairMeetings(t.db, employee, { pairId }, noon);
    expect(schedule.upcoming.map((m) => m.id)).not.toContain(second);
    expect(schedule.past.map((m) => m.id)).toEqual([second, meetings[0]]);
  });

  it("a meeting in progress is listed once, as coming up, not also as an earlier one", async () => {
    const { pairId, employee } = await newPairOfManagerA1("Report In Progress");
    const [first] = (await weeklyOnMondays(employee, pairId)).meetings;
    const schedule = await getPairMeetings(t.db, employee, { pairId }, at(MONDAY, "10:10", ZONE));
    expect(schedule.upcoming[0]?.id).toBe(first);
    expect(schedule.past.map((m) => m.id)).toEqual([]);
  });

  it("ending a series before its first meeting leaves no meeting", async () => {
    const { pairId, employee } = await newPairOfManagerA1("Report Never");
    const { seriesId } = await weeklyOnMondays(employee, pairId);
    // On Friday 1 January the pair decides not to start after all: last 1:1 "today".
    await setSeriesState(t.db, employee, { seriesId, action: "end", lastDate: "2027-01-01" }, BEFORE);
    const schedule = await getPairMeetings(t.db, employee, { pairId }, BEFORE);
    expect(schedule.upcoming.map((m) => m.startsAt.toISOString())).toEqual([]);
  });
});

describe("templates", () => {
  const weeklyCheckIn = findBuiltinTemplate("weekly-check-in")!;
  const itemTexts = weeklyCheckIn.sections.flatMap((s) => s.items.map((i) => i.text));

  it("applied twice add their items once, and never a second copy of an item already on the agenda", async () => {
    const { pairId, employee, manager } = await newPairOfManagerA1("Report Templates");
    const othersBefore = await otherPairsRows(pairId);
    const [meetingId] = (await weeklyOnMondays(employee, pairId)).meetings;
    // The employee already wrote one of the template's items, in their own spelling.
    const typed = `  ${itemTexts[2]!.toUpperCase().replace(" ", "   ")} `;
    await addAgendaItem(t.db, employee, { meetingId, text: typed });

    expect(await applyTemplate(t.db, manager, { meetingId, templateRef: "builtin:weekly-check-in" })).toEqual({ added: itemTexts.length - 1, skipped: 1 });
    expect(await applyTemplate(t.db, employee, { meetingId, templateRef: "builtin:weekly-check-in" })).toEqual({ added: 0, skipped: itemTexts.length });
    const agenda = await getMeeting(t.db, employee, { meetingId }, BEFORE);
    expect(agenda.agenda.map((a) => a.text)).toEqual([typed.trim(), ...itemTexts.filter((_, i) => i !== 2)]);
    // Template items come with the template's question as their detail.
    expect(agenda.agenda[1]).toMatchObject({ source: "template", detail: weeklyCheckIn.sections[0]!.items[0]!.prompt });
    expect(await otherPairsRows(pairId)).toBe(othersBefore);
  });

  it("personal ones are anyone's to make and theirs alone; org ones only HR admins and owners make or change", async () => {
    // Every signed-in person, of both organizations, may keep a personal template.
    const made = new Map<string, string>();
    for (const person of everyone(w)) {
      const { templateId } = await as(person).meetings.saveTemplate({
        scope: "personal",
        name: `Personal of ${person.label}`,
        purpose: "",
        sections: [{ title: "Mine", items: [{ text: "My point" }] }],
      });
      made.set(person.id, templateId);
    }
    for (const person of everyone(w)) {
      const templates = await as(person).meetings.templates();
      const personal = templates.filter((x) => x.kind === "personal");
      expect(
        personal.map((x) => [x.ref, x.name, x.editable]),
        person.label,
      ).toEqual([[made.get(person.id), `Personal of ${person.label}`, true]]);
      // The meeting page's picker lists the very same templates, in the same order, without their items.
      expect(await as(person).meetings.templateChoices(), person.label).toEqual(
        templates.map(({ ref, kind, name, purpose }) => ({ ref, kind, name, purpose })),
      );
    }
    // Nobody else may use, change or delete it: not the other side of the pair, not HR.
    const { pairId, employee, report } = await newPairOfManagerA1("Report Personal");
    const [meetingId] = (await weeklyOnMondays(employee, pairId)).meetings;
    const { templateId: employeeTemplate } = await as(report).meetings.saveTemplate({
      scope: "personal",
      name: "Before the salary round",
      purpose: "",
      sections: [{ title: "Pay", items: [{ text: "My market value" }] }],
    });
    expect(await as(report).meetings.applyTemplate({ meetingId, templateRef: employeeTemplate })).toEqual({ added: 1, skipped: 0 });
    const before = await databaseFingerprint(t.db);
    for (const person of everyone(w)) {
      const caller = as(person);
      expect((await outcomeOf(caller.meetings.deleteTemplate({ templateId: employeeTemplate }))).code, person.label).toBe("NOT_FOUND");
      expect(
        (
          await outcomeOf(
            caller.meetings.saveTemplate({
              templateId: employeeTemplate,
              scope: "personal",
              name: "Taken over",
              purpose: "",
              sections: [{ title: "x", items: [{ text: "x" }] }],
            }),
          )
        ).code,
        person.label,
      ).toBe("NOT_FOUND");
    }
    expect((await outcomeOf(as(w.a.manager1).meetings.applyTemplate({ meetingId, templateRef: employeeTemplate }))).code).toBe("NOT_FOUND");

    // An org template: a member creating or changing one is refused ("not found"), as is org B's HR.
    const body = { purpose: "For everyone", sections: [{ title: "Org", items: [{ text: "Org point" }] }] };
    for (const person of [w.a.report1, w.a.manager1, w.a.grand, w.a.bystander]) {
      expect((await outcomeOf(as(person).meetings.saveTemplate({ scope: "org", name: "Members' org template", ...body }))).code).toBe("NOT_FOUND");
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
    const { templateId: orgTemplate } = await as(w.a.hr).meetings.saveTemplate({ scope: "org", name: "Org A template", ...body });
    const again = await databaseFingerprint(t.db);
    for (const person of [w.a.report1, w.a.manager1, w.a.grand, w.a.bystander, w.b.hr, w.b.owner]) {
      expect((await outcomeOf(as(person).meetings.saveTemplate({ templateId: orgTemplate, scope: "org", name: "Changed", ...body }))).code, person.name).toBe(
        "NOT_FOUND",
      );
      expect((await outcomeOf(as(person).meetings.deleteTemplate({ templateId: orgTemplate }))).code, person.name).toBe("NOT_FOUND");
    }
    expect(await databaseFingerprint(t.db)).toBe(again);
    expect(await as(w.a.owner).meetings.saveTemplate({ templateId: orgTemplate, scope: "org", name: "Org A template, revised", ...body })).toEqual({
      templateId: orgTemplate,
    });
    // Every member of org A uses it; org B doesn't see it.
    const employeeView = (await listTemplates(t.db, await actorOf(w.a.report1))).find((x) => x.ref === orgTemplate);
    expect(employeeView).toMatchObject({ kind: "org", name: "Org A template, revised", editable: false });
    expect((await as(w.b.hr).meetings.templates()).some((x) => x.ref === orgTemplate)).toBe(false);
  });
});

describe("planning the next 1:1 from an assessment", () => {
  it("adds (when nothing is chosen) the notable gaps with the dashboard's prompts and blind spots by size, both topics and the reflection template, once", async () => {
    const { pairId, employee, manager, report } = await newPairOfManagerA1("Report Plan");
    const othersBefore = await otherPairsRows(pairId);
    // A check-in both answered: the report rates trust 2, the manager 4 and predicts the report says 5.
    const { assessmentId } = await as(report).assessments.startCheckIn({ pairId });
    const trustLow = { "trust.ability": 2, "trust.integrity": 2, "trust.benevolence": 2, "trust.candor": 2 };
    await fill(as(report), assessmentId, completeAnswers(1, { ...trustLow, topics: "Working from home on Fridays" }, 4));
    await fill(as(w.a.manager1), assessmentId, completeAnswers(1, { [predictionKey("trust")]: 5, topics: "The team's on-call load" }, 4));
    await as(report).assessments.submit({ assessmentId, shareChooseAgain: true });
    await as(w.a.manager1).assessments.submit({ assessmentId, shareChooseAgain: true });

    // Without a series there is nowhere to put it: a conflict that says what to do, nothing changed.
    const before = await databaseFingerprint(t.db);
    const refused = await planFromAssessment(t.db, employee, { pairId, assessmentId }, BEFORE).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toBe("Set up your recurring 1:1 first: there is no upcoming meeting to add the agenda to.");
    expect(await outcomeOf(as(report).meetings.planFromAssessment({ pairId, assessmentId }))).toEqual({
      code: "CONFLICT",
      message: "Set up your recurring 1:1 first: there is no upcoming meeting to add the agenda to.",
    });
    expect(await databaseFingerprint(t.db)).toBe(before);

    const [first] = (await weeklyOnMondays(employee, pairId)).meetings;
    const dashboard = (await as(report).pairs.dashboard({ pairId, assessmentId })).current!;
    const gaps = dashboard.analysis.dimensions.filter((d) => d.notable);
    const blindSpots = dashboard.analysis.blindSpots;
    expect(gaps.map((d) => d.key)).toContain("trust");
    expect(blindSpots.map((b) => [b.dimension, b.predictedBy])).toEqual([["trust", "manager"]]);
    const reflection = findBuiltinTemplate("post-assessment-reflection")!.sections.flatMap((s) => s.items);
    // Gaps and blind spots by size, largest first (the manager's prediction of 5 missed by 3, the gap is 2).
    const differences = [
      ...gaps.map((d) => ({ text: `${d.name}: we see it differently`, detail: d.prompt, source: "gap", size: Math.abs(d.gap!) })),
      ...blindSpots.map((b) => ({
        text: `${b.name}: ${w.a.manager1.name}'s prediction missed`,
        detail: b.prompt,
        source: "blind_spot",
        size: Math.abs(b.miss),
      })),
    ].sort((a, b) => b.size - a.size);
    expect(differences[0]!.source).toBe("blind_spot");
    const expected = [
      ...differences.map(({ size: _size, ...item }) => item),
      { text: "Working from home on Fridays", detail: `A topic ${report.name} wants to talk about.`, source: "topic" },
      { text: "The team's on-call load", detail: `A topic ${w.a.manager1.name} wants to talk about.`, source: "topic" },
      ...reflection.map((i) => ({ text: i.text, detail: i.prompt ?? null, source: "template" })),
    ];

    expect(await planFromAssessment(t.db, employee, { pairId, assessmentId }, BEFORE)).toEqual({
      meetingId: first,
      startsAt: at(MONDAY, "10:00", ZONE),
      timeZone: ZONE,
      added: expected.length,
      skipped: 0,
    });
    const agenda = async () =>
      (await getMeeting(t.db, manager, { meetingId: first }, BEFORE)).agenda.map(({ text, detail, source }) => ({ text, detail, source }));
    expect(await agenda()).toEqual(expected);

    // Again, by either of them (or with the template applied by hand): nothing twice.
    expect(await planFromAssessment(t.db, manager, { pairId, assessmentId }, BEFORE)).toMatchObject({ added: 0, skipped: expected.length });
    expect(await planFromAssessment(t.db, employee, { pairId }, BEFORE)).toMatchObject({ added: 0 });
    expect(await applyTemplate(t.db, manager, { meetingId: first, templateRef: "builtin:post-assessment-reflection" })).toMatchObject({ added: 0 });
    expect(await agenda()).toEqual(expected);
    expect(await otherPairsRows(pairId)).toBe(othersBefore);
  });
});

describe("the 1:1s list", () => {
  it("puts a person's own manager first, then their reports, whatever the names and dates", async () => {
    // Manager A1 reports to the grand manager and manages several people (more added by other tests).
    const manager = await actorOf(w.a.manager1);
    const rows = await listMyNextMeetings(t.db, manager, BEFORE);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows[0]).toMatchObject({ mySide: "employee", other: { id: w.a.grand.id } });
    expect(rows.slice(1).every((r) => r.mySide === "manager")).toBe(true);
  });
});

describe("previewing the plan before adding it", () => {
  it("recommends the five largest gaps and blind spots, adds only what the person chose, and refuses keys it never offered", async () => {
    const { pairId, employee, manager, report } = await newPairOfManagerA1("Report Preview");
    const { assessmentId } = await as(report).assessments.startCheckIn({ pairId });
    // Many differences of different sizes: the report rates trust 1, goals 2, the rest 3 and
    // predicts 5 everywhere; the manager rates 4 everywhere and predicts 3.
    const report1 = completeAnswers(1, { topics: "Working from home on Fridays" }, 3);
    for (const key of Object.keys(report1)) {
      if (key.startsWith("trust.")) report1[key] = 1;
      if (key.startsWith("goals.")) report1[key] = 2;
      if (key.startsWith("predict.")) report1[key] = 5;
    }
    const manager1 = completeAnswers(1, {}, 4);
    for (const key of Object.keys(manager1)) if (key.startsWith("predict.")) manager1[key] = 3;
    await fill(as(report), assessmentId, report1);
    await fill(as(w.a.manager1), assessmentId, manager1);
    await as(report).assessments.submit({ assessmentId, shareChooseAgain: true });
    await as(w.a.manager1).assessments.submit({ assessmentId, shareChooseAgain: true });
    const [first] = (await weeklyOnMondays(employee, pairId)).meetings;

    const dashboard = (await as(report).pairs.dashboard({ pairId, assessmentId })).current!;
    const sizeOf = (key: string) => {
      const [, , kind, dim, side] = key.split(":");
      if (kind === "gap") return Math.abs(dashboard.analysis.dimensions.find((d) => d.key === dim)!.gap!);
      if (kind === "blind") return Math.abs(dashboard.analysis.blindSpots.find((b) => b.dimension === dim && b.predictedBy === side)!.miss);
      return null;
    };

    const before = await databaseFingerprint(t.db);
    const preview = await as(report).meetings.planPreview({ pairId, assessmentId });
    // A preview changes nothing (the meetings were already planned by weeklyOnMondays).
    expect(await databaseFingerprint(t.db)).toBe(before);
    expect(preview.meeting.id).toBe(first);
    const differences = preview.candidates.filter((c) => c.source === "gap" || c.source === "blind_spot");
    expect(differences.length).toBeGreaterThan(5);
    const recommended = preview.candidates.filter((c) => c.recommended);
    expect(recommended).toHaveLength(5);
    expect(recommended.every((c) => c.source === "gap" || c.source === "blind_spot")).toBe(true);
    // Largest first, and nothing left out is larger than what was recommended.
    const sizes = differences.map((c) => sizeOf(c.key)!);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const smallestRecommended = Math.min(...recommended.map((c) => sizeOf(c.key)!));
    expect(Math.max(...differences.filter((c) => !c.recommended).map((c) => sizeOf(c.key)!))).toBeLessThanOrEqual(smallestRecommended);
    expect(recommended[0]!.text).toBe("Trust: we see it differently");
    // The topic and the reflection questions are offered, not pre-selected.
    expect(preview.candidates.find((c) => c.source === "topic")).toMatchObject({ text: "Working from home on Fridays", recommended: false, onAgenda: false });
    expect(preview.candidates.some((c) => c.source === "template")).toBe(true);
    expect(preview.candidates.every((c) => !c.onAgenda)).toBe(true);

    // A key the preview never offered (another assessment's) is refused, and nothing is added.
    const bogus = `assessment:${crypto.randomUUID()}:gap:trust`;
    expect(await outcomeOf(as(report).meetings.planFromAssessment({ pairId, assessmentId, keys: [recommended[0]!.key, bogus] }))).toEqual({
      code: "BAD_REQUEST",
      message: "Some of the chosen items are no longer part of this assessment's plan. Reload the page and choose again.",
    });
    expect((await outcomeOf(as(report).meetings.planFromAssessment({ pairId, assessmentId, keys: [] }))).code).toBe("BAD_REQUEST");
    expect(await databaseFingerprint(t.db)).toBe(before);

    // The person keeps two of the recommended and adds the topic: exactly those three, in that order.
    const chosen = [recommended[0]!, recommended[3]!, preview.candidates.find((c) => c.source === "topic")!];
    expect(await as(report).meetings.planFromAssessment({ pairId, assessmentId, keys: chosen.map((c) => c.key) })).toMatchObject({
      meetingId: first,
      added: 3,
      skipped: 0,
    });
    const agenda = (await getMeeting(t.db, manager, { meetingId: first }, BEFORE)).agenda.map((a) => a.text);
    expect(agenda).toEqual(chosen.map((c) => c.text));

    // The next preview, by the other side, says what is already there.
    const again = await as(w.a.manager1).meetings.planPreview({ pairId, assessmentId });
    expect(again.candidates.filter((c) => c.onAgenda).map((c) => c.key)).toEqual(chosen.map((c) => c.key));
  });
});

describe("input that can't be right", () => {
  it("is refused with a message that says what to fix, and changes nothing", async () => {
    const { pairId, employee, report } = await newPairOfManagerA1("Report Input");
    const caller = as(report);
    const startsOn = addDays(dayOf(new Date()), 7);
    const rule = { ...WEEKLY, weekday: weekdayOf(startsOn) };
    let before = await databaseFingerprint(t.db);
    const seriesRefusals: [Parameters<typeof caller.meetings.createSeries>[0], { code: string; message: string }][] = [
      [
        { pairId, startsOn, ...rule, timeZone: "Mars/Olympus_Mons" },
        { code: "BAD_REQUEST", message: '"Mars/Olympus_Mons" is not a time zone we know. Pick one from the list.' },
      ],
      [
        { pairId, startsOn, ...rule, weekOfMonth: 2 },
        { code: "BAD_REQUEST", message: "A week of the month only applies to monthly 1:1s." },
      ],
      [
        { pairId, startsOn, ...rule, frequency: "monthly" },
        { code: "BAD_REQUEST", message: "Choose which week of the month." },
      ],
      [
        { pairId, startsOn: "2020-01-06", ...rule },
        { code: "BAD_REQUEST", message: "The first 1:1 can't be in the past." },
      ],
      [
        { pairId, startsOn, ...rule, startTime: "25:00" },
        { code: "BAD_REQUEST", message: "Use a time like 09:30." },
      ],
      [
        { pairId, startsOn, ...rule, durationMinutes: 3 },
        { code: "BAD_REQUEST", message: "A 1:1 lasts at least 5 minutes." },
      ],
    ];
    for (const [input, expected] of seriesRefusals) expect(await outcomeOf(caller.meetings.createSeries(input)), JSON.stringify(input)).toEqual(expected);
    expect(await databaseFingerprint(t.db)).toBe(before);

    const { seriesId, meetings } = await weeklyOnMondays(employee, pairId);
    const [first, second] = meetings;
    const one = await caller.meetings.addAgendaItem({ meetingId: first, text: "One" });
    const two = await caller.meetings.addAgendaItem({ meetingId: first, text: "Two" });
    const elsewhere = await caller.meetings.addAgendaItem({ meetingId: second, text: "On the next meeting" });
    const action = await caller.meetings.addActionItem({ meetingId: first, text: "Do it", ownerId: report.id, dueOn: null });
    before = await databaseFingerprint(t.db);

    const notInPair = { code: "BAD_REQUEST", message: "An action item belongs to one of the two of you." };
    const agendaChanged = { code: "CONFLICT", message: "The agenda changed while you were reordering it. It has been reloaded; please try again." };
    const refusals: [string, () => Promise<unknown>, { code: string; message: string }][] = [
      ["owner outside the pair", () => caller.meetings.addActionItem({ meetingId: first, text: "Yours", ownerId: w.a.bystander.id, dueOn: null }), notInPair],
      [
        "the manager's manager as owner",
        () => caller.meetings.addActionItem({ meetingId: first, text: "Yours", ownerId: w.a.grand.id, dueOn: null }),
        notInPair,
      ],
      ["another organization's person as owner", () => caller.meetings.updateActionItem({ itemId: action.id, ownerId: w.b.report1.id }), notInPair],
      [
        "an edit handing the item to someone outside the pair",
        () => caller.meetings.updateActionItem({ itemId: action.id, text: "Renamed", ownerId: w.a.bystander.id, dueOn: "2027-02-01" }),
        notInPair,
      ],
      [
        "an edit to an empty text",
        () => caller.meetings.updateActionItem({ itemId: action.id, text: "  ", ownerId: report.id }),
        { code: "BAD_REQUEST", message: "An action item can't be empty." },
      ],
      ["an item of the next meeting", () => caller.meetings.reorderAgenda({ meetingId: first, itemIds: [two.id, elsewhere.id] }), agendaChanged],
      ["another pair's item", () => caller.meetings.reorderAgenda({ meetingId: first, itemIds: [two.id, one.id, neighbours.a2.agendaItemId] }), agendaChanged],
      ["an item left out", () => caller.meetings.reorderAgenda({ meetingId: first, itemIds: [two.id] }), agendaChanged],
      [
        "an item twice",
        () => caller.meetings.reorderAgenda({ meetingId: first, itemIds: [two.id, two.id] }),
        { code: "BAD_REQUEST", message: "Each agenda item can appear only once." },
      ],
      [
        "an unknown time zone",
        () => caller.meetings.updateSeries({ seriesId, fromDate: "2027-01-11", ...WEEKLY, timeZone: "Europe/Atlantis" }),
        { code: "BAD_REQUEST", message: '"Europe/Atlantis" is not a time zone we know. Pick one from the list.' },
      ],
      [
        "a week of the month on a weekly rule",
        () => caller.meetings.updateSeries({ seriesId, fromDate: "2027-01-11", ...WEEKLY, weekOfMonth: -1 }),
        { code: "BAD_REQUEST", message: "A week of the month only applies to monthly 1:1s." },
      ],
      [
        "a change starting in the past",
        () => caller.meetings.updateSeries({ seriesId, fromDate: "2020-01-06", ...WEEKLY }),
        { code: "BAD_REQUEST", message: "Changes can start today at the earliest." },
      ],
      [
        "a pause in the past",
        () => caller.meetings.setSeriesState({ seriesId, action: "pause", fromDate: "2020-01-06" }),
        { code: "BAD_REQUEST", message: "A pause can start today at the earliest." },
      ],
      [
        "a move into the past",
        () => caller.meetings.move({ meetingId: first, date: "2020-01-06", time: "10:00" }),
        { code: "BAD_REQUEST", message: "A meeting can't be moved into the past." },
      ],
      [
        "an empty agenda item",
        () => caller.meetings.addAgendaItem({ meetingId: first, text: "   " }),
        { code: "BAD_REQUEST", message: "Write what you want to talk about." },
      ],
      [
        "an unknown template",
        () => caller.meetings.applyTemplate({ meetingId: first, templateRef: "builtin:no-such-template" }),
        { code: "NOT_FOUND", message: "Not found" },
      ],
    ];
    for (const [what, call, expected] of refusals) expect(await outcomeOf(call()), what).toEqual(expected);
    expect(await databaseFingerprint(t.db)).toBe(before);
    expect((await agendaTextsOf(first)).map((a) => a.text)).toEqual(["One", "Two"]);

    // An edit the rules allow: text, owner (the manager) and due date change together, as saved.
    await caller.meetings.updateActionItem({ itemId: action.id, text: "  Do it by Friday ", ownerId: w.a.manager1.id, dueOn: "2027-01-08" });
    expect((await getMeeting(t.db, employee, { meetingId: first }, BEFORE)).actionItems.find((a) => a.id === action.id)).toMatchObject({
      text: "Do it by Friday",
      ownerId: w.a.manager1.id,
      ownerName: w.a.manager1.name,
      dueOn: "2027-01-08",
    });
    await caller.meetings.updateActionItem({ itemId: action.id, dueOn: null });
    expect((await getMeeting(t.db, employee, { meetingId: first }, BEFORE)).actionItems.find((a) => a.id === action.id)).toMatchObject({
      text: "Do it by Friday",
      dueOn: null,
    });
  });
});

describe("an ended pair", () => {
  // Real time here: the pair met twice, and its manager changes today.
  let pair: Awaited<ReturnType<typeof newPairOfManagerA1>>;
  let meetings: string[];
  let seriesId: string;
  let futureItem: string;

  beforeAll(async () => {
    pair = await newPairOfManagerA1("Report Ended");
    const { employee, manager, report, pairId } = pair;
    const setUpOn = new Date(Date.now() - 14 * DAY);
    const startsOn = addDays(dayOf(setUpOn), 1);
    ({ seriesId } = await createSeries(t.db, employee, { pairId, startsOn, ...WEEKLY, weekday: weekdayOf(startsOn) }, setUpOn));
    meetings = (await getPairMeetings(t.db, employee, { pairId }, setUpOn)).upcoming.map((m) => m.id);
    const [first, , third] = meetings as [string, string, string];
    await addAgendaItem(t.db, employee, { meetingId: first, text: "What we discussed" });
    await saveSharedNotes(t.db, manager, { meetingId: first, body: "Notes of our first 1:1", baseVersion: 0 });
    await savePrivateNote(t.db, employee, { meetingId: first, body: "My own notes" });
    await addActionItem(t.db, manager, { meetingId: first, text: "Follow up on training", ownerId: report.id, dueOn: null });
    await addAgendaItem(t.db, employee, { meetingId: third, text: "Planned for next time" });
    futureItem = (await addActionItem(t.db, manager, { meetingId: third, text: "Prepare the review", ownerId: report.id, dueOn: null })).id;
    await t.db.transaction((tx) => setManager(tx, { orgId: w.a.org.id, personId: report.id, managerId: w.a.manager2.id }));
  });

  it("keeps its history readable by its two people, and its future meetings no longer appear", async () => {
    const { employee, manager, pairId, report } = pair;
    const [first, second, third] = meetings as [string, string, string];
    for (const actor of [employee, manager]) {
      const schedule = await getPairMeetings(t.db, actor, { pairId });
      expect(schedule.pair.ended).toBe(true);
      expect(schedule.upcoming).toEqual([]);
      expect(schedule.past.map((m) => m.id)).toEqual([second, first]);
      expect((await listMyNextMeetings(t.db, actor)).some((m) => m.pairId === pairId)).toBe(false);
      const page = await getMeeting(t.db, actor, { meetingId: first });
      expect(page.meeting).toMatchObject({ state: "past", pairEnded: true });
      expect(page.agenda.map((a) => a.text)).toEqual(["What we discussed"]);
      expect(page.sharedNotes.body).toBe("Notes of our first 1:1");
      expect(page.actionItems.map((a) => a.text)).toEqual(["Follow up on training"]);
      expect(page.privateNote.body).toBe(actor === employee ? "My own notes" : "");
      expect((await getMeeting(t.db, actor, { meetingId: third })).meeting).toMatchObject({ state: "upcoming", live: false, pairEnded: true });
    }
    // The report's home page shows the new pair, with the new manager and no series yet.
    expect(await listMyNextMeetings(t.db, employee)).toEqual([
      expect.objectContaining({ other: { id: w.a.manager2.id, name: w.a.manager2.name }, hasSeries: false, next: null }),
    ]);
    // The new manager gets none of the old pair's history.
    const newManager = await actorOf(w.a.manager2);
    await expect(getPairMeetings(t.db, newManager, { pairId })).rejects.toThrow("Not found");
    expect((await outcomeOf(as(w.a.manager2).meetings.get({ meetingId: first }))).code).toBe("NOT_FOUND");
    // What already happened can still be written down.
    expect(await as(report).meetings.saveSharedNotes({ meetingId: first, body: "Notes of our first 1:1\n- added later", baseVersion: 1 })).toEqual({
      version: 2,
    });
  });

  it("refuses changes to its future meetings and its series", async () => {
    const { report, pairId } = pair;
    const third = meetings[2]!;
    const caller = as(report);
    const before = await databaseFingerprint(t.db);
    const ended = "CONFLICT";
    const calls: [string, () => Promise<unknown>][] = [
      [
        "createSeries",
        () => caller.meetings.createSeries({ pairId, startsOn: addDays(dayOf(new Date()), 3), ...WEEKLY, weekday: weekdayOf(addDays(dayOf(new Date()), 3)) }),
      ],
      ["updateSeries", () => caller.meetings.updateSeries({ seriesId, fromDate: addDays(dayOf(new Date()), 3), ...WEEKLY })],
      ["setSeriesState", () => caller.meetings.setSeriesState({ seriesId, action: "resume" })],
      ["skip", () => caller.meetings.skip({ meetingId: third, skipped: true })],
      ["move", () => caller.meetings.move({ meetingId: third, date: addDays(dayOf(new Date()), 5), time: "11:00" })],
      ["addAgendaItem", () => caller.meetings.addAgendaItem({ meetingId: third, text: "Still?" })],
      ["applyTemplate", () => caller.meetings.applyTemplate({ meetingId: third, templateRef: "builtin:weekly-check-in" })],
      ["addActionItem", () => caller.meetings.addActionItem({ meetingId: third, text: "Still?", ownerId: report.id, dueOn: null })],
      ["deleteActionItem", () => caller.meetings.deleteActionItem({ itemId: futureItem })],
    ];
    for (const [name, call] of calls) expect((await outcomeOf(call())).code, name).toBe(ended);
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("refuses notes and action item changes on its future meetings too (server/access/meetings.ts: only what already happened)", async () => {
    const { report } = pair;
    const third = meetings[2]!;
    const caller = as(report);
    const before = await databaseFingerprint(t.db);
    const calls: [string, () => Promise<unknown>][] = [
      ["saveSharedNotes", () => caller.meetings.saveSharedNotes({ meetingId: third, body: "For a meeting that won't happen", baseVersion: 0 })],
      ["savePrivateNote", () => caller.meetings.savePrivateNote({ meetingId: third, body: "For a meeting that won't happen" })],
      ["updateActionItem", () => caller.meetings.updateActionItem({ itemId: futureItem, done: true })],
    ];
    const got: Record<string, string> = {};
    for (const [name, call] of calls) got[name] = (await outcomeOf(call())).code;
    expect(got).toEqual({ saveSharedNotes: "CONFLICT", savePrivateNote: "CONFLICT", updateActionItem: "CONFLICT" });
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});
