import { and, asc, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { jobs, mailDeliveries, outboxEmails, pairs } from "@/db/schema";
import { loadActor, type Actor } from "@/server/access/actor";
import { appUrl } from "@/server/env";
import { claimDue, runDueJobs } from "@/server/jobs/queue";
import { meetingWhen } from "@/server/meetings/reminder-mail";
import { ASSESSMENT_DIGEST, assessmentDigestKey, MEETING_REMINDER, meetingReminderKey, reminderHandlers, scheduleReminders } from "@/server/meetings/reminders";
import { addActionItem, addAgendaItem, savePrivateNote } from "@/server/meetings/meeting";
import { setPreferences } from "@/server/meetings/preferences";
import { syncPair } from "@/server/meetings/schedule";
import { createSeries, moveMeeting, setMeetingSkipped } from "@/server/meetings/series";
import { completeAnswers } from "../support/answers";
import { assessmentWith, fill, openCycleFor } from "../support/assessments";
import type { TestDb } from "../support/db";
import { callerFor, type World } from "../support/factories";
import { openWorld } from "../support/world";

// Meeting reminders and the assessment digest, end to end on a real database: services set up
// a 1:1 at a fixed time, the sweep plans jobs, and runDueJobs (at chosen clock times) sends to
// the demo outbox. Every series below is weekly on Wednesdays at 10:00 Berlin time, so the first
// meeting of each starts 2027-03-03T09:00Z; mail is always looked up by recipient and meeting.

let t: TestDb;
let w: World;
beforeAll(async () => ({ t, w } = await openWorld()));
afterAll(() => t.close());

const NOW = new Date("2027-03-01T08:00:00Z"); // a Monday
const ZONE = "Europe/Berlin";
const START = new Date("2027-03-03T09:00:00Z"); // Wednesday 10:00 CET
const before = (minutes: number, from = START) => new Date(from.getTime() - minutes * 60_000);
const after = (minutes: number, from: Date) => new Date(from.getTime() + minutes * 60_000);

interface Person {
  id: string;
  email: string;
  name: string;
}

async function actor(person: Person): Promise<Actor> {
  const a = await loadActor(t.db, person.id);
  if (!a) throw new Error(`no actor for ${person.name}`);
  return a;
}

/** Sets up the open pair's weekly 1:1 (as its manager) and answers its first meeting. */
async function seriesFor(manager: Person, report: Person) {
  const [pair] = await t.db
    .select({ id: pairs.id, orgId: pairs.orgId })
    .from(pairs)
    .where(and(eq(pairs.managerId, manager.id), eq(pairs.reportId, report.id), sql`${pairs.endedAt} is null`));
  if (!pair) throw new Error(`no pair ${manager.name} → ${report.name}`);
  await createSeries(
    t.db,
    await actor(manager),
    { pairId: pair.id, frequency: "weekly", weekday: 3, weekOfMonth: null, startTime: "10:00", timeZone: ZONE, durationMinutes: 30, startsOn: "2027-03-01" },
    NOW,
  );
  const { next } = await syncPair(t.db, pair.orgId, pair.id, NOW);
  expect(next?.startsAt).toEqual(START);
  return { pairId: pair.id, meetingId: next!.id };
}

/** Reminder emails in the outbox for one person about one meeting. */
function remindersTo(person: Person, meetingId: string) {
  return t.db
    .select({ subject: outboxEmails.subject, text: outboxEmails.text, html: outboxEmails.html })
    .from(outboxEmails)
    .where(and(eq(outboxEmails.to, person.email), like(outboxEmails.text, `%/meetings/${meetingId}%`)))
    .orderBy(asc(outboxEmails.createdAt));
}

function jobByKey(key: string) {
  return t.db
    .select({ runAt: jobs.runAt, attempts: jobs.attempts, outcome: jobs.outcome, lastError: jobs.lastError, finishedAt: jobs.finishedAt })
    .from(jobs)
    .where(eq(jobs.key, key))
    .then((rows) => rows[0]);
}

const run = (db: Db, now: Date) => runDueJobs(db, now, reminderHandlers());

describe("meeting reminders", () => {
  it("a reminder planned before a restart is sent once after it, to each person at their own lead time, with the agenda so far", async () => {
    const manager = w.a.manager1;
    const report = w.a.report1;
    await setPreferences(t.db, await actor(report), { reminderMinutes: 60, assessmentDigest: "weekly" });
    const { meetingId } = await seriesFor(manager, report);
    await addAgendaItem(t.db, await actor(report), { meetingId, text: `Roadmap <script>alert("x")</script> & "Q3"` });
    await addAgendaItem(t.db, await actor(manager), { meetingId, text: "Hiring plan" });
    await addActionItem(t.db, await actor(manager), { meetingId, text: "Send the budget", ownerId: manager.id, dueOn: null });
    await savePrivateNote(t.db, await actor(manager), { meetingId, body: "PRIVATE-NOTE thinking about a reorg" });

    await scheduleReminders(t.db, NOW);
    const managerKey = meetingReminderKey(meetingId, manager.id, START);
    const reportKey = meetingReminderKey(meetingId, report.id, START);
    expect(await jobByKey(managerKey)).toMatchObject({ runAt: before(24 * 60), attempts: 0, outcome: null });
    expect(await jobByKey(reportKey)).toMatchObject({ runAt: before(60), attempts: 0, outcome: null });

    // The restart: nothing in memory survives, only the database. Fresh modules, fresh handlers.
    vi.resetModules();
    const freshQueue = await import("@/server/jobs/queue");
    const freshReminders = await import("@/server/meetings/reminders");
    const runFresh = (now: Date) => freshQueue.runDueJobs(t.db, now, freshReminders.reminderHandlers());

    await runFresh(before(24 * 60 + 1));
    expect(await remindersTo(manager, meetingId)).toHaveLength(0);
    await runFresh(after(1, before(24 * 60)));
    const [toManager, ...extra] = await remindersTo(manager, meetingId);
    expect(extra).toHaveLength(0);
    expect(toManager!.subject).toBe("Your 1:1 with Report A1 tomorrow at 10:00 (Europe/Berlin)");
    expect(toManager!.text).toContain(`1. Roadmap <script>alert("x")</script> & "Q3"\n2. Hiring plan`);
    expect(toManager!.text).toContain("1 open action item is waiting on this meeting.");
    expect(toManager!.text).toContain(`${appUrl()}/meetings/${meetingId}`);
    expect(toManager!.html).toContain("<li>Roadmap &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Q3&quot;</li>");
    expect(toManager!.html).not.toContain("<script>");
    expect(`${toManager!.text}${toManager!.html}`).not.toContain("PRIVATE-NOTE");
    // The report chose one hour: nothing for them yet.
    expect(await remindersTo(report, meetingId)).toHaveLength(0);

    await runFresh(before(61));
    expect(await remindersTo(report, meetingId)).toHaveLength(0);
    await runFresh(before(59));
    const toReport = await remindersTo(report, meetingId);
    expect(toReport.map((m) => m.subject)).toEqual(["Your 1:1 with Manager A1 today at 10:00 (Europe/Berlin)"]);

    // Sweeping and running again, with either set of modules, sends nothing more.
    await freshReminders.scheduleReminders(t.db, before(30));
    await runFresh(before(29));
    await scheduleReminders(t.db, before(20));
    await run(t.db, before(19));
    expect(await remindersTo(manager, meetingId)).toHaveLength(1);
    expect(await remindersTo(report, meetingId)).toHaveLength(1);
    expect(await jobByKey(managerKey)).toMatchObject({ outcome: "done", attempts: 1 });
    expect(await jobByKey(reportKey)).toMatchObject({ outcome: "done", attempts: 1 });
  });

  it("a person who turned reminders off gets none; the other person still does", async () => {
    const manager = w.a.manager2;
    const report = w.a.report2;
    await setPreferences(t.db, await actor(manager), { reminderMinutes: null, assessmentDigest: "weekly" });
    const { meetingId } = await seriesFor(manager, report);
    await scheduleReminders(t.db, NOW);
    expect(await jobByKey(meetingReminderKey(meetingId, manager.id, START))).toBeUndefined();
    await run(t.db, before(1));
    expect(await remindersTo(manager, meetingId)).toHaveLength(0);
    expect(await remindersTo(report, meetingId)).toHaveLength(1);
  });

  it("a meeting skipped before its reminder sends nothing; un-skipping it brings the reminder back", async () => {
    const manager = w.b.manager1;
    const report = w.b.report1;
    const { meetingId } = await seriesFor(manager, report);
    await scheduleReminders(t.db, NOW);
    await setMeetingSkipped(t.db, await actor(report), { meetingId, skipped: true });

    await run(t.db, before(23 * 60));
    expect(await remindersTo(manager, meetingId)).toHaveLength(0);
    expect(await remindersTo(report, meetingId)).toHaveLength(0);
    expect(await jobByKey(meetingReminderKey(meetingId, manager.id, START))).toMatchObject({
      outcome: "cancelled",
      lastError: expect.stringMatching(/skipped/),
    });

    await setMeetingSkipped(t.db, await actor(report), { meetingId, skipped: false });
    await scheduleReminders(t.db, before(22 * 60));
    await run(t.db, before(22 * 60));
    await run(t.db, before(21 * 60));
    expect(await remindersTo(manager, meetingId)).toHaveLength(1);
    expect(await remindersTo(report, meetingId)).toHaveLength(1);
  });

  it("a moved meeting gets a reminder for its new time and none for the old one", async () => {
    const manager = w.b.manager2;
    const report = w.b.report2;
    const { meetingId } = await seriesFor(manager, report);
    await scheduleReminders(t.db, NOW);
    const moved = await moveMeeting(t.db, await actor(manager), { meetingId, date: "2027-03-04", time: "14:00" }, NOW);
    const newStart = new Date("2027-03-04T13:00:00Z");
    expect(moved.startsAt).toEqual(newStart);

    // The old time's reminder comes due first and cancels itself.
    await run(t.db, after(1, before(24 * 60)));
    expect(await remindersTo(manager, meetingId)).toHaveLength(0);
    expect(await jobByKey(meetingReminderKey(meetingId, manager.id, START))).toMatchObject({ outcome: "cancelled", lastError: expect.stringMatching(/moved/) });

    await scheduleReminders(t.db, after(2, before(24 * 60)));
    expect(await jobByKey(meetingReminderKey(meetingId, manager.id, newStart))).toMatchObject({ runAt: before(24 * 60, newStart), outcome: null });
    await run(t.db, before(24 * 60 - 1, newStart));
    for (const person of [manager, report]) {
      const mails = await remindersTo(person, meetingId);
      expect(mails.map((m) => m.subject)).toEqual([`Your 1:1 with ${person === manager ? "Report B2" : "Manager B2"} tomorrow at 14:00 (Europe/Berlin)`]);
    }
  });

  it("after a crash between recording the delivery and finishing the job, the retry sends nothing more", async () => {
    const manager = w.a.owner;
    const report = w.a.hr;
    const { meetingId } = await seriesFor(manager, report);
    await scheduleReminders(t.db, NOW);
    const managerKey = meetingReminderKey(meetingId, manager.id, START);
    const due = after(1, before(24 * 60));

    // A worker claims both reminders, commits the delivery row for one, and dies before sending.
    const claimed = await claimDue(t.db, due, { kinds: [MEETING_REMINDER], lockMs: 5 * 60_000, limit: 100 });
    expect(claimed.map((j) => j.key)).toEqual(expect.arrayContaining([managerKey, meetingReminderKey(meetingId, report.id, START)]));
    await t.db.insert(mailDeliveries).values({ key: managerKey, createdAt: due });

    // While the dead worker's claim holds, nobody takes the jobs.
    await run(t.db, after(2, due));
    expect(await remindersTo(report, meetingId)).toHaveLength(0);

    await run(t.db, after(6, due));
    expect(await remindersTo(manager, meetingId)).toHaveLength(0);
    expect(await remindersTo(report, meetingId)).toHaveLength(1);
    expect(await jobByKey(managerKey)).toMatchObject({ outcome: "done", attempts: 2, lastError: expect.stringMatching(/delivery record exists/) });
  });

  it("if the mail server refuses, the delivery record is removed and a retry sends the reminder once", async () => {
    const manager = w.a.owner;
    const report = w.a.bystander;
    const { meetingId } = await seriesFor(manager, report);
    await scheduleReminders(t.db, NOW);
    const reportKey = meetingReminderKey(meetingId, report.id, START);
    const due = after(1, before(24 * 60));

    // Make the outbox (the demo "mail server") refuse this one address.
    await t.db.execute(sql.raw(`alter table outbox_emails add constraint reminders_test_refuse check ("to" <> '${report.email}')`));
    try {
      await run(t.db, due);
    } finally {
      await t.db.execute(sql`alter table outbox_emails drop constraint reminders_test_refuse`);
    }
    expect(await jobByKey(reportKey)).toMatchObject({ outcome: null, attempts: 1, runAt: after(1, due) });
    expect(await t.db.select({ key: mailDeliveries.key }).from(mailDeliveries).where(eq(mailDeliveries.key, reportKey))).toEqual([]);
    expect(await remindersTo(manager, meetingId)).toHaveLength(1);

    await run(t.db, after(1, due));
    await run(t.db, after(5, due));
    expect(await remindersTo(report, meetingId)).toHaveLength(1);
    expect(await jobByKey(reportKey)).toMatchObject({ outcome: "done", attempts: 2 });
  });

  it("follows a changed lead time: a shorter one defers the planned reminder, a longer one re-plans it", async () => {
    const manager = w.b.owner;
    const report = w.b.hr;
    const { meetingId } = await seriesFor(manager, report);
    await scheduleReminders(t.db, NOW);
    const reportKey = meetingReminderKey(meetingId, report.id, START);
    expect(await jobByKey(reportKey)).toMatchObject({ runAt: before(24 * 60) });

    // Changed after planning, and no sweep since: the handler notices and waits.
    await setPreferences(t.db, await actor(report), { reminderMinutes: 60, assessmentDigest: "weekly" });
    await run(t.db, after(1, before(24 * 60)));
    expect(await remindersTo(report, meetingId)).toHaveLength(0);
    expect(await remindersTo(manager, meetingId)).toHaveLength(1);
    expect(await jobByKey(reportKey)).toMatchObject({ runAt: before(60), attempts: 0, outcome: null });

    // Longer again: the next sweep moves the waiting job earlier.
    await setPreferences(t.db, await actor(report), { reminderMinutes: 120, assessmentDigest: "weekly" });
    await scheduleReminders(t.db, before(5 * 60));
    expect(await jobByKey(reportKey)).toMatchObject({ runAt: before(120), attempts: 0 });
    await run(t.db, before(121));
    expect(await remindersTo(report, meetingId)).toHaveLength(0);
    await run(t.db, before(119));
    expect((await remindersTo(report, meetingId)).map((m) => m.subject)).toEqual(["Your 1:1 with Owner B today at 10:00 (Europe/Berlin)"]);
  });
});

describe("assessment digest", () => {
  const MONDAY = new Date("2027-03-08T07:00:00Z");
  const days = (n: number) => new Date(MONDAY.getTime() + n * 24 * 60 * 60_000);
  const digestsTo = (person: Person) =>
    t.db
      .select({ subject: outboxEmails.subject, text: outboxEmails.text, html: outboxEmails.html })
      .from(outboxEmails)
      .where(and(eq(outboxEmails.to, person.email), like(outboxEmails.subject, "%waiting for your answers")))
      .orderBy(asc(outboxEmails.createdAt));

  it("leaves a just-opened assessment out of the digest for two days: it was announced by its own email", async () => {
    const { assessmentId } = await callerFor(t.db, w.a.report2.id).assessments.startCheckIn({
      pairId: (await callerFor(t.db, w.a.report2.id).me.get()).pairs.asReport[0]!.id,
    });
    const now = new Date();
    await scheduleReminders(t.db, now);
    expect(await jobByKey(assessmentDigestKey(w.a.manager2.id, now))).toBeUndefined();
    const later = new Date(now.getTime() + 3 * 86_400_000);
    await scheduleReminders(t.db, later);
    expect(await jobByKey(assessmentDigestKey(w.a.manager2.id, later))).toMatchObject({ outcome: null });
    await callerFor(t.db, w.a.report2.id).assessments.cancelCheckIn({ assessmentId });
  });

  it("goes to people with pending assessments once a week, not to those who turned it off, and stops once they submit", async () => {
    await openCycleFor(t.db, w, "b", { name: "Digest round <B>" });
    const report = w.b.report2;
    const manager = w.b.manager2;
    const grand = w.b.grand;
    await setPreferences(t.db, await actor(manager), { reminderMinutes: 1440, assessmentDigest: "off" });
    const assessmentId = await assessmentWith(t.db, report.id, manager.id, { title: "Digest round <B>" });

    await scheduleReminders(t.db, MONDAY);
    expect(await jobByKey(assessmentDigestKey(report.id, MONDAY))).toMatchObject({ outcome: null });
    expect(await jobByKey(assessmentDigestKey(manager.id, MONDAY))).toBeUndefined();
    await run(t.db, MONDAY);

    const [digest, ...extra] = await digestsTo(report);
    expect(extra).toHaveLength(0);
    expect(digest!.subject).toBe("An assessment is waiting for your answers");
    expect(digest!.text).toContain(`- Digest round <B>, with Manager B2 (open until 2026-04-30): ${appUrl()}/assessments/${assessmentId}`);
    expect(digest!.html).toContain(`<a href="${appUrl()}/assessments/${assessmentId}">Digest round &lt;B&gt;, with Manager B2`);
    expect(await digestsTo(manager)).toHaveLength(0);
    // The grand manager waits on three: with each of their two managers and with their own manager.
    expect((await digestsTo(grand)).map((m) => m.subject)).toEqual(["3 assessments are waiting for your answers"]);

    // Later the same week: nothing new.
    await scheduleReminders(t.db, days(3));
    await run(t.db, days(3));
    expect(await digestsTo(report)).toHaveLength(1);

    // The next week: one more.
    await scheduleReminders(t.db, days(7));
    await run(t.db, days(7));
    expect(await digestsTo(report)).toHaveLength(2);
    expect(await digestsTo(manager)).toHaveLength(0);

    // Once submitted, nothing is pending and no digest is planned.
    const caller = callerFor(t.db, report.id);
    await fill(caller, assessmentId, completeAnswers());
    await caller.assessments.submit({ assessmentId, shareChooseAgain: false });
    await scheduleReminders(t.db, days(14));
    await run(t.db, days(14));
    expect(await jobByKey(assessmentDigestKey(report.id, days(14)))).toBeUndefined();
    expect(await digestsTo(report)).toHaveLength(2);
    expect(await digestsTo(grand)).toHaveLength(3);
  });

  it("a digest planned while something was pending is cancelled if nothing is pending when it runs", async () => {
    const person = w.b.report1;
    const other = w.b.manager1;
    const assessmentId = await assessmentWith(t.db, person.id, other.id, { title: "Digest round <B>" });
    const week = days(21);
    await scheduleReminders(t.db, week);
    const caller = callerFor(t.db, person.id);
    await fill(caller, assessmentId, completeAnswers());
    await caller.assessments.submit({ assessmentId, shareChooseAgain: false });
    const sentBefore = (await digestsTo(person)).length;
    await runDueJobs(t.db, week, { [ASSESSMENT_DIGEST]: reminderHandlers()[ASSESSMENT_DIGEST]! });
    expect(await digestsTo(person)).toHaveLength(sentBefore);
    expect(await jobByKey(assessmentDigestKey(person.id, week))).toMatchObject({ outcome: "cancelled", lastError: "nothing is pending any more" });
  });
});

describe("when a reminder says the meeting is", () => {
  it("counts days in the series' zone, across a daylight-saving change", () => {
    // Berlin moves to summer time on 2027-03-28: that day is 23 hours long.
    expect(meetingWhen(new Date("2027-03-29T08:00:00Z"), new Date("2027-03-28T09:00:00Z"), ZONE)).toBe("tomorrow at 10:00");
    expect(meetingWhen(new Date("2027-03-28T08:00:00Z"), new Date("2027-03-27T23:30:00Z"), ZONE)).toBe("today at 10:00");
    expect(meetingWhen(new Date("2027-03-10T09:00:00Z"), new Date("2027-03-03T09:00:00Z"), ZONE)).toBe("on Wednesday 10 March at 10:00");
    // Late evening UTC is already the next day in Tokyo.
    expect(meetingWhen(new Date("2027-03-02T01:00:00Z"), new Date("2027-03-01T16:00:00Z"), "Asia/Tokyo")).toBe("today at 10:00");
  });
});
