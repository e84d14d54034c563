import { and, asc, count, eq, inArray, isNull, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs, outboxEmails, people } from "@/db/schema";
import { enqueueMails, MAIL_JOB, mailHandlers } from "@/server/jobs/mail";
import { runDueJobs } from "@/server/jobs/queue";
import type { TestDb } from "../support/db";
import { callerFor, type World } from "../support/factories";
import { openWorld } from "../support/world";

// Bulk email goes through the job queue (issue 17): importing 1,000 people once sent 1,000
// invitations inside the request (156 s). Now the import only enqueues them, in its own
// transaction; the worker sends each exactly once, at no more than the organization's rate
// per minute. Everything here is asserted on work done, not on time taken.

let t: TestDb;
let w: World;
const PEOPLE = 1000;
const RATE = 300;

beforeAll(async () => ({ t, w } = await openWorld()));
afterAll(() => t.close());

const bulkEmail = (i: number) => `bulk.${String(i).padStart(4, "0")}@bulk.test`;

async function outboxCount(pattern: string) {
  const [row] = await t.db.select({ n: count() }).from(outboxEmails).where(like(outboxEmails.to, pattern));
  return row!.n;
}

async function unfinishedMail() {
  const [row] = await t.db
    .select({ n: count() })
    .from(jobs)
    .where(and(eq(jobs.kind, MAIL_JOB), isNull(jobs.finishedAt)));
  return row!.n;
}

/** The worker, minute after minute from `start`, as often as it ticks; what it sent each minute. */
async function runWorkerMinutes(start: Date, handlers: ReturnType<typeof mailHandlers>, pattern: string, minutes = 30) {
  const perMinute: number[] = [];
  for (let m = 0; m < minutes && (await unfinishedMail()) > 0; m++) {
    const before = await outboxCount(pattern);
    for (const second of [0, 30]) {
      const now = new Date(start.getTime() + m * 60_000 + second * 1000);
      while ((await runDueJobs(t.db, now, handlers)).claimed > 0);
    }
    perMinute.push((await outboxCount(pattern)) - before);
  }
  return perMinute;
}

describe("a people import of 1,000", () => {
  let importedAt: Date;

  it("answers with the invitations enqueued as jobs, none sent", async () => {
    const hr = callerFor(t.db, w.a.hr.id);
    const csv = ["email,name", ...Array.from({ length: PEOPLE }, (_, i) => `${bulkEmail(i)},Bulk Person ${i}`)].join("\n");
    const preview = await hr.peopleImport.preview({ csv });
    expect(preview.summary?.creates).toBe(PEOPLE);
    importedAt = new Date();
    const started = performance.now();
    const result = await hr.peopleImport.confirm({ csv, expectedHash: preview.hash! });
    // Measured once, for the record (not asserted: timing depends on the machine).
    console.log(`[mail-queue] confirm of ${PEOPLE} people took ${Math.round(performance.now() - started)} ms`);
    expect(result).toMatchObject({ created: PEOPLE, invited: PEOPLE });

    expect(await outboxCount("%@bulk.test"), "nothing sent inside the request").toBe(0);
    const queued = await t.db
      .select({ key: jobs.key, runAt: jobs.runAt, orgId: sql<string>`${jobs.payload}->>'orgId'`, to: sql<string>`${jobs.payload}->'mail'->>'to'` })
      .from(jobs)
      .where(and(eq(jobs.kind, MAIL_JOB), like(jobs.key, "invitation:%")))
      .orderBy(asc(jobs.runAt));
    expect(queued).toHaveLength(PEOPLE);
    expect(new Set(queued.map((q) => q.to)).size).toBe(PEOPLE);
    expect(queued.every((q) => q.orgId === w.a.org.id)).toBe(true);
    // One job per new person, keyed by the person.
    const created = await t.db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.orgId, w.a.org.id), like(people.email, "%@bulk.test")));
    expect(new Set(queued.map((q) => q.key))).toEqual(new Set(created.map((p) => `invitation:${p.id}`)));
    // Spread at the organization's rate: no minute holds more than its share.
    const byMinute = new Map<number, number>();
    for (const q of queued) byMinute.set(Math.floor(q.runAt.getTime() / 60_000), (byMinute.get(Math.floor(q.runAt.getTime() / 60_000)) ?? 0) + 1);
    expect(Math.max(...byMinute.values())).toBeLessThanOrEqual(RATE);
    expect(byMinute.size).toBeGreaterThanOrEqual(Math.ceil(PEOPLE / RATE));
  });

  it("the worker sends each invitation exactly once, at most the rate per minute", { timeout: 180_000 }, async () => {
    const handlers = mailHandlers({ perMinute: RATE });
    const sent = await runWorkerMinutes(importedAt, handlers, "%@bulk.test");
    expect(sent.reduce((a, b) => a + b, 0)).toBe(PEOPLE);
    expect(Math.max(...sent)).toBeLessThanOrEqual(RATE);
    const perAddress = await t.db
      .select({ to: outboxEmails.to, n: count() })
      .from(outboxEmails)
      .where(like(outboxEmails.to, "%@bulk.test"))
      .groupBy(outboxEmails.to);
    expect(perAddress).toHaveLength(PEOPLE);
    expect(perAddress.every((r) => r.n === 1)).toBe(true);
    const [sample] = await t.db
      .select({ subject: outboxEmails.subject })
      .from(outboxEmails)
      .where(eq(outboxEmails.to, bulkEmail(7)));
    expect(sample?.subject).toBe("You're invited to Tandem at Org A");

    // A job that runs again (a worker that died after sending and lost its claim) sends nothing.
    const rerun = await t.db.select({ id: jobs.id }).from(jobs).where(like(jobs.key, "invitation:%")).limit(50);
    await t.db
      .update(jobs)
      .set({ finishedAt: null, outcome: null, attempts: 0, lockedUntil: null })
      .where(
        inArray(
          jobs.id,
          rerun.map((r) => r.id),
        ),
      );
    await runWorkerMinutes(new Date(importedAt.getTime() + 3_600_000), handlers, "%@bulk.test");
    expect(await outboxCount("%@bulk.test")).toBe(PEOPLE);
    // Enqueueing the same keys again adds nothing.
    const again = await t.db.select({ key: jobs.key, payload: jobs.payload }).from(jobs).where(like(jobs.key, "invitation:%")).limit(5);
    expect(
      await enqueueMails(
        t.db,
        w.a.org.id,
        again.map((j) => ({ key: j.key, mail: { to: "x@bulk.test", subject: "again", text: "again" } })),
        new Date(),
      ),
    ).toBe(0);
  });
});

describe("the sending rate", () => {
  it("holds at send time even for emails enqueued all due at once, per organization", async () => {
    const start = new Date(Date.UTC(2027, 0, 4, 9, 0, 0));
    const mails = (org: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ key: `rate-test:${org}:${i}`, mail: { to: `r${i}@${org}.rate.test`, subject: "Rate", text: "Rate" } }));
    // Enqueued with a huge rate (all due now), sent with a rate of 10: the handler defers the rest.
    await enqueueMails(t.db, w.a.org.id, mails("a", 25), start, { perMinute: 1_000_000 });
    await enqueueMails(t.db, w.b.org.id, mails("b", 5), start, { perMinute: 1_000_000 });
    const handlers = mailHandlers({ perMinute: 10 });
    const sentA = await runWorkerMinutes(start, handlers, "%@a.rate.test");
    expect(sentA.slice(0, 3)).toEqual([10, 10, 5]);
    // Organization B's five went out in the first minute: A's backlog did not hold them up.
    expect(await outboxCount("%@b.rate.test")).toBe(5);
  });
});
