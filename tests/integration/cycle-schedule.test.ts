import { and, eq, like } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { assessments, auditLog, cycles, jobs, outboxEmails } from "@/db/schema";
import { runDueJobs } from "@/server/jobs/queue";
import { runCycleSchedule, startWorker, stopWorker, workerHandlers } from "@/server/jobs/worker";
import { CYCLE_REMINDER, cycleReminderKey, sweepCycleSchedules } from "@/server/cycles/schedule";
import { SCHEDULED_ACTOR_NAME } from "@/server/audit/audit";
import { completeAnswers } from "../support/answers";
import { assessmentWith, everyone, fill } from "../support/assessments";
import type { TestDb } from "../support/db";
import { sendQueuedMail } from "../support/mail";
import { callerFor, type World } from "../support/factories";
import { openWorld } from "../support/world";

// Cycles keep their dates by themselves (server/cycles/schedule.ts): opened at 00:00 of
// the open date and closed at the end of the close date in the organization's time zone, with
// one reminder to those who haven't answered three days before the close date, 09:00 local.
// The clock is injected (`now`), as in the reminder sweep tests. Dates are a few weeks after
// the real today, so the assessments' real created and opened times stay before them.

let t: TestDb;
let w: World;
const BERLIN = "Europe/Berlin";
/** A Monday about six weeks from now, as a day in Berlin. */
const BASE = DateTime.now().setZone(BERLIN).startOf("week").plus({ weeks: 6 });
const day = (offset: number) => BASE.plus({ days: offset }).toISODate()!;
const berlin = (date: string, time = "00:00") => DateTime.fromISO(`${date}T${time}`, { zone: BERLIN }).toJSDate();
const minus = (d: Date, minutes: number) => new Date(d.getTime() - minutes * 60_000);

beforeAll(async () => {
  ({ t, w } = await openWorld());
  await callerFor(t.db, w.a.owner.id).org.setTimeZone({ timeZone: BERLIN });
});
afterAll(() => t.close());

async function createDraft(org: "a" | "b", name: string, opensOn: string, closesOn: string) {
  const { cycleId } = await callerFor(t.db, w[org].hr.id).cycles.create({ name, opensOn, closesOn, departmentIds: null });
  return cycleId;
}

async function cycleRow(cycleId: string) {
  const [row] = await t.db.select().from(cycles).where(eq(cycles.id, cycleId));
  return row!;
}

async function auditOf(cycleId: string) {
  const rows = await t.db.select().from(auditLog).orderBy(auditLog.createdAt, auditLog.id);
  return rows.filter((r) => r.details.cycleId === cycleId).map((r) => ({ actorId: r.actorId, actorName: r.actorName, action: r.action, details: r.details }));
}

async function assessmentIds(cycleId: string) {
  return (await t.db.select({ id: assessments.id }).from(assessments).where(eq(assessments.cycleId, cycleId))).map((a) => a.id);
}

/** Outbox mail whose subject starts with `subject` and links to one of the cycle's assessments. */
async function mailsOfCycle(cycleId: string, subject: string) {
  // Invitations go out from the job queue; this is the worker sending what is queued.
  await sendQueuedMail(t.db, new Date(Date.now() + 366 * 24 * 3600_000));
  const ids = await assessmentIds(cycleId);
  const rows = await t.db
    .select({ to: outboxEmails.to, subject: outboxEmails.subject, text: outboxEmails.text })
    .from(outboxEmails)
    .where(like(outboxEmails.subject, `${subject}%`));
  return rows.filter((m) => ids.some((id) => m.text.includes(`/assessments/${id}`)));
}

describe("the cycle schedule", () => {
  it("opens a draft at 00:00 of its open date in the organization's zone, not a minute before, as Tandem (scheduled)", async () => {
    const opensOn = day(0);
    const cycleId = await createDraft("a", "Opens at midnight", opensOn, day(20));
    const midnight = berlin(opensOn);
    // Berlin is ahead of UTC: its midnight is the evening before in UTC, on a UTC date before the open date.
    expect(midnight.toISOString() < `${opensOn}T00:00:00.000Z`).toBe(true);

    expect(await runCycleSchedule(t.db, minus(midnight, 1))).toMatchObject({ opened: 0 });
    expect((await cycleRow(cycleId)).status).toBe("draft");
    expect(await assessmentIds(cycleId)).toEqual([]);

    expect(await runCycleSchedule(t.db, midnight)).toMatchObject({ opened: 1, closed: 0 });
    const row = await cycleRow(cycleId);
    expect(row.status).toBe("open");
    expect(row.minGroupSize).toBe(5);
    // The same steps as HR's button: one assessment per pair of org A, invitations for both sides.
    const ids = await assessmentIds(cycleId);
    expect(ids).toHaveLength(7);
    expect(await mailsOfCycle(cycleId, "Your assessment with")).toHaveLength(14);
    expect(await auditOf(cycleId)).toEqual([
      { actorId: w.a.hr.id, actorName: "HR A", action: "cycle.created", details: { cycleId, name: "Opens at midnight", departments: null } },
      {
        actorId: null,
        actorName: SCHEDULED_ACTOR_NAME,
        action: "cycle.opened",
        details: { cycleId, name: "Opens at midnight", pairs: 7, minGroupSize: 5, automatic: true },
      },
    ]);
    // The owner's audit log says it was automatic.
    const { entries } = await callerFor(t.db, w.a.owner.id).org.auditLog({ limit: 5 });
    expect(entries.find((e) => e.action === "cycle.opened" && e.details.cycleId === cycleId)).toMatchObject({
      actorName: "Tandem (scheduled)",
      automatic: true,
    });
    expect(entries.find((e) => e.action === "cycle.created" && e.details.cycleId === cycleId)).toMatchObject({ actorName: "HR A", automatic: false });

    // Sweeping again changes nothing.
    expect(await runCycleSchedule(t.db, new Date(midnight.getTime() + 60_000))).toMatchObject({ opened: 0, closed: 0 });
    expect(await assessmentIds(cycleId)).toHaveLength(7);
  });

  it("closes an open cycle at the end of its close date (00:00 of the next day there), closing unrevealed pairs", async () => {
    const closesOn = day(21);
    const cycleId = await createDraft("a", "Closes at the end of the day", day(1), closesOn);
    await callerFor(t.db, w.a.hr.id).cycles.open({ cycleId });
    const end = berlin(day(22));

    await runCycleSchedule(t.db, minus(end, 1));
    expect((await cycleRow(cycleId)).status).toBe("open");
    await runCycleSchedule(t.db, end);
    expect((await cycleRow(cycleId)).status).toBe("closed");
    const closed = await t.db.select({ closedAt: assessments.closedAt }).from(assessments).where(eq(assessments.cycleId, cycleId));
    expect(closed.every((a) => a.closedAt !== null)).toBe(true);
    expect((await auditOf(cycleId)).map((e) => [e.actorName, e.action])).toEqual([
      ["HR A", "cycle.created"],
      ["HR A", "cycle.opened"],
      [SCHEDULED_ACTOR_NAME, "cycle.closed"],
    ]);
  });

  it("leaves a cycle HR opened early alone at its open date, and one HR closed early at its close date", async () => {
    const cycleId = await createDraft("a", "Handled by HR", day(2), day(23));
    const hr = callerFor(t.db, w.a.hr.id);
    await hr.cycles.open({ cycleId });
    await runCycleSchedule(t.db, berlin(day(2)));
    await hr.cycles.close({ cycleId });
    await runCycleSchedule(t.db, berlin(day(24)));
    expect((await auditOf(cycleId)).map((e) => e.actorName)).toEqual(["HR A", "HR A", "HR A"]);
  });

  it("does not open a draft whose close date has already ended: it waits for HR", async () => {
    const cycleId = await createDraft("a", "Missed its window", day(3), day(4));
    await runCycleSchedule(t.db, berlin(day(6)));
    expect((await cycleRow(cycleId)).status).toBe("draft");
  });

  it("two servers sweeping at once open the cycle once and close it once", async () => {
    const opensOn = day(5);
    const closesOn = day(25);
    // Org B keeps the default zone, UTC.
    const cycleId = await createDraft("b", "Two servers", opensOn, closesOn);
    const one = t.db;
    const two = t.connectAgain();
    const at = new Date(`${opensOn}T00:00:00Z`);
    const results = await Promise.all([runCycleSchedule(one, at), runCycleSchedule(two, at), runCycleSchedule(one, at), runCycleSchedule(two, at)]);
    const opened = results.map((r) => (typeof r === "object" ? r.opened : 0)).reduce((a, b) => a + b, 0);
    expect(opened).toBe(1);
    // A server that lost the lock may still run a moment later, after the first: it finds the cycle open.
    await Promise.all([runCycleSchedule(one, new Date(at.getTime() + 60_000)), runCycleSchedule(two, new Date(at.getTime() + 60_000))]);
    expect(await assessmentIds(cycleId)).toHaveLength(7);
    expect(await mailsOfCycle(cycleId, "Your assessment with")).toHaveLength(14);

    const end = new Date(`${day(26)}T00:00:00Z`);
    await Promise.all([runCycleSchedule(one, end), runCycleSchedule(two, end), runCycleSchedule(one, end), runCycleSchedule(two, end)]);
    await Promise.all([runCycleSchedule(one, new Date(end.getTime() + 60_000)), runCycleSchedule(two, new Date(end.getTime() + 60_000))]);
    expect((await cycleRow(cycleId)).status).toBe("closed");
    expect((await auditOf(cycleId)).map((e) => [e.actorName, e.action])).toEqual([
      ["HR B", "cycle.created"],
      [SCHEDULED_ACTOR_NAME, "cycle.opened"],
      [SCHEDULED_ACTOR_NAME, "cycle.closed"],
    ]);
  });
  it("opens once even without the sweep lock: openCycle's row lock and status check let the second sweeper find it open", async () => {
    const opensOn = day(13);
    const cycleId = await createDraft("b", "No lock", opensOn, day(33));
    const at = new Date(`${opensOn}T00:00:00Z`);
    const results = await Promise.all([sweepCycleSchedules(t.db, at), sweepCycleSchedules(t.connectAgain(), at)]);
    expect(results.map((r) => r.opened).sort()).toEqual([0, 1]);
    expect(await assessmentIds(cycleId)).toHaveLength(7);
    expect((await auditOf(cycleId)).map((e) => e.action)).toEqual(["cycle.created", "cycle.opened"]);
  });
});

describe("the automatic reminder", () => {
  it("goes out once, at 09:00 local three days before the close date, only to those who haven't submitted, and HR learns only that it went", async () => {
    const closesOn = day(30);
    const cycleId = await createDraft("a", "Reminded round", day(7), closesOn);
    await callerFor(t.db, w.a.hr.id).cycles.open({ cycleId });
    // Report A1 answers; their manager and everyone else in the org have not.
    const report = callerFor(t.db, w.a.report1.id);
    const id = await assessmentWith(t.db, w.a.report1.id, w.a.manager1.id, { title: "Reminded round" });
    await fill(report, id, completeAnswers());
    await report.assessments.submit({ assessmentId: id, shareChooseAgain: false });

    const remindAt = berlin(day(27), "09:00");
    await runCycleSchedule(t.db, berlin(day(8)));
    const [job] = await t.db
      .select()
      .from(jobs)
      .where(eq(jobs.key, cycleReminderKey(cycleId, closesOn)));
    expect(job).toMatchObject({ kind: CYCLE_REMINDER, runAt: remindAt });
    // HR's page: the date it is planned for, nothing about anyone.
    const listed = async () => (await callerFor(t.db, w.a.hr.id).cycles.list()).find((c) => c.id === cycleId)!;
    expect((await listed()).automatic).toEqual({
      timeZone: BERLIN,
      opensAt: berlin(day(7)),
      closesAt: berlin(day(31)),
      reminderAt: remindAt,
      remindedAt: null,
    });

    const handlers = workerHandlers();
    const one = t.db;
    const two = t.connectAgain();
    // A minute early: nothing.
    await runDueJobs(one, minus(remindAt, 1), handlers, { limit: 100 });
    expect(
      await t.db
        .select({ attempts: jobs.attempts, finishedAt: jobs.finishedAt })
        .from(jobs)
        .where(eq(jobs.key, cycleReminderKey(cycleId, closesOn))),
    ).toEqual([{ attempts: 0, finishedAt: null }]);
    expect(await mailsOfCycle(cycleId, "Reminder:")).toEqual([]);
    // On time, with two servers sweeping and sending at once, and again later.
    for (const now of [remindAt, new Date(remindAt.getTime() + 60_000), new Date(remindAt.getTime() + 3_600_000)]) {
      await Promise.all([runCycleSchedule(one, now), runDueJobs(one, now, handlers), runCycleSchedule(two, now), runDueJobs(two, now, handlers)]);
    }

    const mails = await mailsOfCycle(cycleId, "Reminder:");
    const expected = everyone(w)
      .filter((p) => p.label.startsWith("A ") && p.id !== w.a.report1.id)
      .flatMap((p) => {
        // One reminder per unsubmitted side: Grand and the owner have several pairs in org A.
        const sides = { owner: 3, grand: 3, manager1: 2, manager2: 2, report2: 1, hr: 1, bystander: 1 } as Record<string, number>;
        return Array.from({ length: sides[p.label.slice(2)] ?? 0 }, () => p.email);
      })
      .sort();
    expect(mails.map((m) => m.to).sort()).toEqual(expected);
    expect(mails.every((m) => m.subject.endsWith(`closes on ${closesOn}`))).toBe(true);
    expect(mails.filter((m) => m.to === w.a.report1.email)).toEqual([]);

    const entries = (await auditOf(cycleId)).filter((e) => e.action === "cycle.reminded");
    // No count in the audit log either.
    expect(entries).toEqual([
      { actorId: null, actorName: SCHEDULED_ACTOR_NAME, action: "cycle.reminded", details: { cycleId, name: "Reminded round", automatic: true } },
    ]);
    expect((await listed()).automatic.remindedAt).toEqual(remindAt);
    const [done] = await t.db
      .select()
      .from(jobs)
      .where(eq(jobs.key, cycleReminderKey(cycleId, closesOn)));
    expect(done?.outcome).toBe("done");
  });

  it("is not sent for a cycle HR closed before its time, and not planned once closed", async () => {
    const closesOn = day(32);
    const cycleId = await createDraft("a", "Closed early", day(9), closesOn);
    const hr = callerFor(t.db, w.a.hr.id);
    await hr.cycles.open({ cycleId });
    await runCycleSchedule(t.db, berlin(day(10)));
    expect(
      await t.db
        .select({ runAt: jobs.runAt })
        .from(jobs)
        .where(eq(jobs.key, cycleReminderKey(cycleId, closesOn))),
    ).toEqual([{ runAt: berlin(day(29), "09:00") }]);
    const ids = await assessmentIds(cycleId);
    await hr.cycles.close({ cycleId });

    const remindAt = berlin(day(29), "09:00");
    await runCycleSchedule(t.db, remindAt);
    await runDueJobs(t.db, remindAt, workerHandlers());
    // A later sweep does not revive the cancelled job.
    await runCycleSchedule(t.db, new Date(remindAt.getTime() + 60_000));
    await runDueJobs(t.db, new Date(remindAt.getTime() + 60_000), workerHandlers());
    const reminders = await t.db.select({ text: outboxEmails.text }).from(outboxEmails).where(like(outboxEmails.subject, "Reminder:%"));
    expect(reminders.filter((m) => ids.some((id) => m.text.includes(id)))).toEqual([]);
    const [job] = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.key, cycleReminderKey(cycleId, closesOn))));
    expect(job).toMatchObject({ outcome: "cancelled", lastError: "the cycle is not open" });
    expect((await cycleRow(cycleId)).autoRemindedAt).toBeNull();
  });

  it("is not planned for a cycle too short to have one", async () => {
    const cycleId = await createDraft("a", "Two-day round", day(11), day(12));
    await callerFor(t.db, w.a.hr.id).cycles.open({ cycleId });
    await runCycleSchedule(t.db, berlin(day(11), "12:00"));
    expect(
      await t.db
        .select()
        .from(jobs)
        .where(eq(jobs.key, cycleReminderKey(cycleId, day(12)))),
    ).toEqual([]);
    expect((await callerFor(t.db, w.a.hr.id).cycles.list()).find((c) => c.id === cycleId)?.automatic.reminderAt).toBeNull();
  });
});

describe("the worker", () => {
  it("runs the cycle schedule on its own timer, and sends the automatic reminders with the other jobs", async () => {
    expect(Object.keys(workerHandlers())).toContain(CYCLE_REMINDER);
    const seen: Date[] = [];
    try {
      startWorker(async () => t.db, {
        intervalMs: 60_000,
        sweepIntervalMs: 60_000,
        figuresIntervalMs: 0,
        handlers: {},
        sweep: async () => {},
        cyclesIntervalMs: 20,
        cycleSchedule: async (_db, now) => void seen.push(now),
      });
      await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 10 });
    } finally {
      await stopWorker();
    }
    const after = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.length).toBe(after);
  });
});
