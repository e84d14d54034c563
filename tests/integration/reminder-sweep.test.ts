import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { jobs, meetingPreferences, meetingSeries, meetings, outboxEmails, pairs, people } from "@/db/schema";
import { loadActor } from "@/server/access/actor";
import { runExclusively } from "@/server/jobs/exclusive";
import { defineHandler, enqueue, runDueJobs } from "@/server/jobs/queue";
import { MEETING_REMINDER, meetingReminderKey, reminderHandlers, REMINDER_HORIZON_MS, scheduleReminders, type SweepResult } from "@/server/meetings/reminders";
import { runReminderSweep, startWorker, stopWorker, SWEEP_LOCK } from "@/server/jobs/worker";
import { occurrencesBetween } from "@/server/meetings/recurrence";
import { PLANNED_AHEAD, ruleOf } from "@/server/meetings/schedule";
import { listMyNextMeetings } from "@/server/meetings/series";
import { createTestDb, writesAmong, type TestDb } from "../support/db";
import { createOrg } from "../support/factories";

// The reminder sweep at more than a handful of pairs, and with more than one app server: it
// plans from the meetings already planned (topping up only series that run short), one server
// sweeps at a time, sending never waits for it, and every reminder still reaches each person
// exactly once. Series start years back, so a recurrence walk from the first day would show.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

// A Monday, ten past: no occurrence (all on the hour or half hour) sits on the edge of the
// day-back window, where a minute later would rightly plan one more.
const NOW = new Date("2027-03-01T08:10:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MANAGERS = 8;
const REPORTS = 96;

interface Setup {
  orgId: string;
  managerIds: string[];
  /** Series that produce meetings around NOW. */
  live: (typeof meetingSeries.$inferSelect)[];
  /** People with reminders turned off. */
  off: Set<string>;
}
let s: Setup;

beforeAll(async () => {
  const org = await createOrg(t.db, "Sweep Org");
  const managers = await t.db
    .insert(people)
    .values(Array.from({ length: MANAGERS }, (_, i) => ({ orgId: org.id, name: `Manager ${i}`, email: `manager.${i}@sweep.test` })))
    .returning({ id: people.id });
  const reports = await t.db
    .insert(people)
    .values(Array.from({ length: REPORTS }, (_, i) => ({ orgId: org.id, name: `Report ${i}`, email: `report.${i}@sweep.test` })))
    .returning({ id: people.id });
  const pairRows = await t.db
    .insert(pairs)
    .values(reports.map((r, i) => ({ orgId: org.id, managerId: managers[i % MANAGERS]!.id, reportId: r.id, startedAt: new Date("2019-01-01T00:00:00Z") })))
    .returning();
  const zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo"];
  const series = await t.db
    .insert(meetingSeries)
    .values(
      pairRows.map((p, i) => {
        const frequency = (["weekly", "biweekly", "monthly"] as const)[i % 3]!;
        return {
          orgId: org.id,
          pairId: p.id,
          frequency,
          weekday: 1 + (i % 7),
          weekOfMonth: frequency === "monthly" ? ([1, 2, 3, 4, -1] as const)[i % 5]! : null,
          startTime: ["09:00", "10:30", "16:00", "23:30"][i % 4]!,
          timeZone: zones[i % zones.length]!,
          durationMinutes: 30,
          startsOn: `20${19 + (i % 7)}-0${1 + (i % 9)}-1${i % 10}`,
          // One in eleven paused long ago, one in thirteen ended: nothing to plan for those.
          pausedFrom: i % 11 === 5 ? "2026-06-01" : null,
          endsOn: i % 13 === 7 ? "2026-12-31" : null,
          createdById: p.managerId,
        };
      }),
    )
    .returning();
  const off = new Set([managers[1]!.id, reports[2]!.id, reports[50]!.id]);
  await t.db.insert(meetingPreferences).values([...off].map((personId) => ({ orgId: org.id, personId, reminderMinutes: null })));
  // Someone with a shorter lead time (three hours, the step the servers below tick at).
  await t.db.insert(meetingPreferences).values({ orgId: org.id, personId: reports[3]!.id, reminderMinutes: 180 });
  s = { orgId: org.id, managerIds: managers.map((m) => m.id), live: series.filter((x) => x.pausedFrom === null && x.endsOn === null), off };
});

/** The reminders a correct sweep at `now` plans: each live series' meetings of the next 7 days, for each person with reminders on. */
async function expectedReminderKeys(now: Date): Promise<string[]> {
  const keys: string[] = [];
  for (const series of s.live) {
    const [pair] = await t.db.select().from(pairs).where(eq(pairs.id, series.pairId));
    for (const o of occurrencesBetween(ruleOf(series), new Date(now.getTime() + 1), new Date(now.getTime() + REMINDER_HORIZON_MS + 1))) {
      const [m] = await t.db
        .select({ id: meetings.id })
        .from(meetings)
        .where(and(eq(meetings.seriesId, series.id), eq(meetings.occurrenceStart, o.occurrenceStart)));
      expect(m, `a row for ${series.id} at ${o.startsAt.toISOString()}`).toBeDefined();
      for (const personId of [pair!.managerId, pair!.reportId]) if (!s.off.has(personId)) keys.push(meetingReminderKey(m!.id, personId, o.startsAt));
    }
  }
  return keys.sort();
}

async function plannedReminderKeys(): Promise<string[]> {
  const rows = await t.db.select({ key: jobs.key }).from(jobs).where(eq(jobs.kind, MEETING_REMINDER)).orderBy(jobs.key);
  return rows.map((r) => r.key);
}

describe("the reminder sweep", () => {
  it("plans every pair from scratch, then re-plans from what is planned: no writes and a few statements when nothing changed", async () => {
    const first = await scheduleReminders(t.db, NOW);
    const livePairs = new Set(s.live.map((x) => x.pairId)).size;
    expect(first.toppedUp).toBe(livePairs);
    const expected = await expectedReminderKeys(NOW);
    expect(expected.length).toBeGreaterThan(REPORTS / 2);
    expect(await plannedReminderKeys()).toEqual(expected);
    expect(first.reminders).toBe(expected.length);

    const mark = t.statements.length;
    const again = await scheduleReminders(t.db, new Date(NOW.getTime() + 60_000));
    const sent = t.statements.slice(mark);
    expect(again).toEqual({ toppedUp: 0, carriedOver: 0, reminders: 0, digests: 0 } satisfies SweepResult);
    expect(writesAmong(sent)).toEqual([]);
    // Candidates, meetings in the horizon, existing jobs, digests: independent of the number of pairs.
    expect(sent.length).toBeLessThanOrEqual(6);
  });

  it("a week on, tops up only the series that ran short and plans the new week's reminders", async () => {
    const later = new Date(NOW.getTime() + 7 * DAY);
    const result = await scheduleReminders(t.db, later);
    expect(result.toppedUp).toBeGreaterThan(0);
    expect(result.toppedUp).toBeLessThan(new Set(s.live.map((x) => x.pairId)).size + 1);
    for (const series of s.live) {
      const [ahead] = await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(meetings)
        .where(and(eq(meetings.seriesId, series.id), gt(meetings.occurrenceStart, later)));
      expect(ahead!.n, series.id).toBeGreaterThanOrEqual(PLANNED_AHEAD);
    }
    const expected = await expectedReminderKeys(later);
    const planned = new Set(await plannedReminderKeys());
    expect(expected.filter((k) => !planned.has(k))).toEqual([]);
  });

  it("two servers sweeping and sending at the same time send each reminder to each person exactly once", async () => {
    const one = t.db;
    const two = t.connectAgain();
    const handlers = reminderHandlers();
    const start = new Date(NOW.getTime() + 7 * DAY);
    let firstWeek: string[] = [];
    // Every three hours for a week, both servers sweep and send at once.
    let now = start;
    for (let round = 0; round < 7 * 8; round++, now = new Date(now.getTime() + 3 * HOUR)) {
      if (round === 1) firstWeek = await expectedReminderKeys(start);
      await Promise.all([
        runReminderSweep(one, now),
        runDueJobs(one, now, handlers, { limit: 50 }),
        runReminderSweep(two, now),
        runDueJobs(two, now, handlers, { limit: 50 }),
      ]);
    }
    await Promise.all([runDueJobs(one, now, handlers, { limit: 500 }), runDueJobs(two, now, handlers, { limit: 500 })]);

    const mails = await t.db
      .select({ to: outboxEmails.to, text: outboxEmails.text })
      .from(outboxEmails)
      .where(sql`${outboxEmails.to} like '%@sweep.test'`);
    const sent = mails.map((m) => `${m.to} ${/\/meetings\/([0-9a-f-]{36})/.exec(m.text)?.[1]}`);
    const counts = new Map<string, number>();
    for (const k of sent) counts.set(k, (counts.get(k) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);

    // Each reminder that went out is one job done, and every one of the first week's went out.
    const outcomes = await t.db.select({ key: jobs.key, outcome: jobs.outcome }).from(jobs).where(eq(jobs.kind, MEETING_REMINDER));
    const done = new Set(outcomes.filter((j) => j.outcome === "done").map((j) => j.key));
    expect(firstWeek.filter((k) => !done.has(k))).toEqual([]);
    expect(mails.length).toBe(done.size);
  }, 120_000);
});

describe("the sweep lock", () => {
  it("lets one caller sweep while another server, or another caller in this process, skips; it is released after, also after a failure", async () => {
    const other = t.connectAgain();
    const inside = await runExclusively(t.db, SWEEP_LOCK, async () => ({
      otherServer: await runExclusively(other, SWEEP_LOCK, async () => "ran"),
      sameProcess: await runExclusively(t.db, SWEEP_LOCK, async () => "ran"),
      sweep: await runReminderSweep(other, NOW),
      anotherName: await runExclusively(other, "tandem:something-else", async () => "ran"),
    }));
    expect(inside).toEqual({
      ran: true,
      value: { otherServer: { ran: false }, sameProcess: { ran: false }, sweep: "skipped", anotherName: { ran: true, value: "ran" } },
    });

    await expect(runExclusively(t.db, SWEEP_LOCK, async () => Promise.reject(new Error("sweep broke")))).rejects.toThrow("sweep broke");
    expect(await runExclusively(other, SWEEP_LOCK, async () => "after")).toEqual({ ran: true, value: "after" });
    // Nothing is left holding an advisory lock in this database (PGlite's session lock included;
    // pg_locks shows the whole server, where other test files take locks of their own).
    const held = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(sql`pg_locks`)
      .where(sql`locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`);
    expect(held[0]!.n).toBe(0);
  });
});

describe("the worker", () => {
  it("sends due jobs while a sweep is still running", async () => {
    const kind = "test.while-sweeping";
    const ran: number[] = [];
    let sweepStarted = false;
    let finishSweep!: () => void;
    const sweepDone = new Promise<void>((resolve) => (finishSweep = resolve));
    const handler = defineHandler({
      payload: z.object({ n: z.number() }),
      async run(_db, p) {
        ran.push(p.n);
        return { outcome: "done" };
      },
    });
    try {
      startWorker(async () => t.db, {
        intervalMs: 20,
        sweepIntervalMs: 50,
        handlers: { [kind]: handler },
        sweep: async () => {
          sweepStarted = true;
          await sweepDone;
        },
      });
      await vi.waitFor(() => expect(sweepStarted).toBe(true), { timeout: 10_000, interval: 10 });
      await enqueue(t.db, { kind, key: "while-sweeping:1", payload: { n: 1 }, runAt: new Date(Date.now() - 1000) });
      await vi.waitFor(() => expect(ran).toEqual([1]), { timeout: 5_000, interval: 10 });
    } finally {
      finishSweep();
      await stopWorker();
    }
  });
});

describe("the home page", () => {
  it("shows the next meetings of a manager's pairs without writing anything once they are planned", async () => {
    const actor = (await loadActor(t.db, s.managerIds[0]!))!;
    // Ten minutes past: no occurrence (all on the hour or half hour) leaves the day-back window
    // between the two views, which would rightly plan one more.
    const at = new Date(NOW.getTime() + 15 * DAY + 10 * 60_000);
    await listMyNextMeetings(t.db, actor, at);
    const mark = t.statements.length;
    const shown = await listMyNextMeetings(t.db, actor, new Date(at.getTime() + 60_000));
    expect(shown.length).toBe(REPORTS / MANAGERS);
    expect(shown.filter((p) => p.next).length).toBeGreaterThan(0);
    expect(writesAmong(t.statements.slice(mark))).toEqual([]);
  });
});
