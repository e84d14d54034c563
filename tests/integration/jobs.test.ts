import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { z } from "zod";
import { drizzleForPglite, type Db } from "@/db/client";
import { jobs } from "@/db/schema";
import {
  backoffMs,
  claimDue,
  complete,
  defineHandler,
  enqueue,
  enqueueMany,
  MAX_ATTEMPTS,
  pruneFinishedJobs,
  runDueJobs,
  type JobResult,
} from "@/server/jobs/queue";
import { env } from "@/server/env";
import { startWorker, stopWorker } from "@/server/jobs/worker";
import { createTestDb, type TestDb } from "../support/db";

// The job queue on its own, against a real database (PGlite, or Postgres with TEST_DATABASE_URL).
// Every test uses its own job kind, so one test's due jobs are invisible to another's worker.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const T0 = new Date("2027-03-01T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const payload = z.object({ n: z.number() });

function rowsOfKind(db: Db, kind: string) {
  return db
    .select({
      key: jobs.key,
      runAt: jobs.runAt,
      attempts: jobs.attempts,
      lockedUntil: jobs.lockedUntil,
      finishedAt: jobs.finishedAt,
      outcome: jobs.outcome,
      lastError: jobs.lastError,
    })
    .from(jobs)
    .where(eq(jobs.kind, kind))
    .orderBy(jobs.key);
}

/** A handler that records what it ran and answers `result` (or throws it). */
function recorder(result: JobResult | Error = { outcome: "done" }, delayMs = 0) {
  const ran: number[] = [];
  const handler = defineHandler({
    payload,
    async run(_db, p) {
      ran.push(p.n);
      if (delayMs) await sleep(delayMs);
      if (result instanceof Error) throw result;
      return result;
    },
  });
  return { ran, handler };
}

describe("enqueue", () => {
  it("is idempotent on the key", async () => {
    const job = { kind: "test.idempotent", key: "idem:1", payload: { n: 1 }, runAt: T0 };
    expect(await enqueue(t.db, job)).toBe(true);
    expect(await enqueue(t.db, { ...job, payload: { n: 2 }, runAt: at(60) })).toBe(false);
    const rows = await rowsOfKind(t.db, "test.idempotent");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.runAt).toEqual(T0);
  });

  it("enqueueMany re-plans a job never tried, revives a cancelled one, and leaves finished ones alone", async () => {
    const kind = "test.many";
    await enqueueMany(t.db, [
      { kind, key: "many:waiting", payload: { n: 1 }, runAt: at(60) },
      { kind, key: "many:cancelled", payload: { n: 2 }, runAt: at(0) },
      { kind, key: "many:done", payload: { n: 3 }, runAt: at(0) },
    ]);
    const cancelling = defineHandler({
      payload,
      run: async (_db, p): Promise<JobResult> => (p.n === 2 ? { outcome: "cancelled", reason: "test" } : { outcome: "done" }),
    });
    await runDueJobs(t.db, at(1), { [kind]: cancelling });

    const written = await enqueueMany(t.db, [
      { kind, key: "many:waiting", payload: { n: 1 }, runAt: at(30) },
      { kind, key: "many:cancelled", payload: { n: 2 }, runAt: at(5) },
      { kind, key: "many:done", payload: { n: 3 }, runAt: at(5) },
      { kind, key: "many:done", payload: { n: 3 }, runAt: at(5) },
    ]);
    expect(written).toBe(2);
    const rows = await rowsOfKind(t.db, kind);
    expect(rows.map((r) => [r.key, r.runAt.toISOString(), r.outcome, r.attempts])).toEqual([
      ["many:cancelled", at(5).toISOString(), null, 0],
      ["many:done", at(0).toISOString(), "done", 1],
      ["many:waiting", at(30).toISOString(), null, 0],
    ]);
    // The same plan again changes nothing.
    expect(await enqueueMany(t.db, [{ kind, key: "many:waiting", payload: { n: 1 }, runAt: at(30) }])).toBe(0);
  });
});

describe("claiming", () => {
  it("takes only jobs whose run time has come, and only kinds asked for", async () => {
    await enqueue(t.db, { kind: "test.runat", key: "runat:later", payload: { n: 1 }, runAt: at(10) });
    expect(await claimDue(t.db, at(9), { kinds: ["test.runat"] })).toEqual([]);
    expect(await claimDue(t.db, at(10), { kinds: ["test.other"] })).toEqual([]);
    const claimed = await claimDue(t.db, at(10), { kinds: ["test.runat"] });
    expect(claimed.map((j) => [j.key, j.attempts])).toEqual([["runat:later", 1]]);
  });

  it("a claimed job is nobody else's until its lock expires; the late first worker can't finish it", async () => {
    const kind = "test.lock";
    await enqueue(t.db, { kind, key: "lock:1", payload: { n: 1 }, runAt: T0 });
    const [first] = await claimDue(t.db, at(0), { kinds: [kind], lockMs: 60_000 });
    expect(first?.attempts).toBe(1);
    expect(await claimDue(t.db, at(0.5), { kinds: [kind], lockMs: 60_000 })).toEqual([]);
    expect(await claimDue(t.db, at(1), { kinds: [kind], lockMs: 60_000 })).toEqual([]);

    const [second] = await claimDue(t.db, at(1.01), { kinds: [kind], lockMs: 60_000 });
    expect(second?.attempts).toBe(2);
    // The first worker comes back after its lock expired: its outcome no longer counts.
    expect(await complete(t.db, first!, at(1.5))).toBe(false);
    expect(await complete(t.db, second!, at(1.5))).toBe(true);
    expect((await rowsOfKind(t.db, kind))[0]).toMatchObject({ outcome: "done", attempts: 2, lockedUntil: null });
  });
});

describe("running", () => {
  it("a failing job is retried with growing backoff, then marked failed after the last attempt", async () => {
    const kind = "test.failing";
    await enqueue(t.db, { kind, key: "failing:1", payload: { n: 1 }, runAt: T0 });
    const { ran, handler } = recorder(new Error("SMTP said no"));
    let now = T0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const summary = await runDueJobs(t.db, now, { [kind]: handler });
      expect(summary).toMatchObject({ claimed: 1, retrying: 1 });
      const [row] = await rowsOfKind(t.db, kind);
      expect(row).toMatchObject({ attempts: attempt, lockedUntil: null, finishedAt: null, lastError: "SMTP said no" });
      expect(row!.runAt.getTime() - now.getTime()).toBe(backoffMs(attempt));
      // Not before the backoff has passed.
      expect((await runDueJobs(t.db, new Date(row!.runAt.getTime() - 1000), { [kind]: handler })).claimed).toBe(0);
      now = row!.runAt;
    }
    expect(backoffMs(1)).toBe(60_000);
    expect(backoffMs(4)).toBe(8 * 60_000);
    expect(await runDueJobs(t.db, now, { [kind]: handler })).toMatchObject({ claimed: 1, failed: 1 });
    expect((await rowsOfKind(t.db, kind))[0]).toMatchObject({ attempts: MAX_ATTEMPTS, outcome: "failed", finishedAt: now, lastError: "SMTP said no" });
    expect((await runDueJobs(t.db, at(24 * 60), { [kind]: handler })).claimed).toBe(0);
    expect(ran).toHaveLength(MAX_ATTEMPTS);
  });

  it("cancelled jobs finish with their reason; deferred ones come back later without using an attempt", async () => {
    await enqueue(t.db, { kind: "test.cancel", key: "cancel:1", payload: { n: 1 }, runAt: T0 });
    await runDueJobs(t.db, T0, { "test.cancel": recorder({ outcome: "cancelled", reason: "meeting skipped" }).handler });
    expect((await rowsOfKind(t.db, "test.cancel"))[0]).toMatchObject({ outcome: "cancelled", lastError: "meeting skipped", finishedAt: T0 });

    await enqueue(t.db, { kind: "test.defer", key: "defer:1", payload: { n: 1 }, runAt: T0 });
    await runDueJobs(t.db, T0, { "test.defer": recorder({ outcome: "deferred", until: at(45), reason: "not yet" }).handler });
    expect((await rowsOfKind(t.db, "test.defer"))[0]).toMatchObject({ runAt: at(45), attempts: 0, lockedUntil: null, finishedAt: null });
    const { ran, handler } = recorder();
    expect((await runDueJobs(t.db, at(44), { "test.defer": handler })).claimed).toBe(0);
    await runDueJobs(t.db, at(45), { "test.defer": handler });
    expect(ran).toEqual([1]);
  });

  it("a payload it can't parse fails at once instead of retrying", async () => {
    await enqueue(t.db, { kind: "test.bad", key: "bad:1", payload: { n: "not a number" }, runAt: T0 });
    const { ran, handler } = recorder();
    expect(await runDueJobs(t.db, T0, { "test.bad": handler })).toMatchObject({ claimed: 1, failed: 1 });
    expect(ran).toEqual([]);
    expect((await rowsOfKind(t.db, "test.bad"))[0]).toMatchObject({ outcome: "failed", attempts: 1 });
  });

  it("never throws, even when the database fails under it", async () => {
    const broken = new Proxy(t.db, {
      get() {
        throw new Error("connection lost");
      },
    });
    await expect(runDueJobs(broken, T0, { "test.none": recorder().handler })).resolves.toMatchObject({ claimed: 0 });
  });

  it("two workers running at once process every job exactly once", async () => {
    const kind = "test.concurrent";
    await enqueueMany(
      t.db,
      Array.from({ length: 30 }, (_, n) => ({ kind, key: `concurrent:${String(n).padStart(2, "0")}`, payload: { n }, runAt: T0 })),
    );
    const a = recorder({ outcome: "done" }, 2);
    const b = recorder({ outcome: "done" }, 2);
    const [ra, rb] = await Promise.all([
      runDueJobs(t.db, at(1), { [kind]: a.handler }, { limit: 50 }),
      runDueJobs(t.db, at(1), { [kind]: b.handler }, { limit: 50 }),
    ]);
    const all = [...a.ran, ...b.ran].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(ra.done + rb.done).toBe(30);
    expect((await rowsOfKind(t.db, kind)).every((r) => r.outcome === "done" && r.attempts === 1)).toBe(true);
  });

  // Two app servers on one Postgres: a claim in flight (rows locked, not yet committed) must
  // neither block another server's claim nor hand it the same row. PGlite has one connection, so
  // there is nothing concurrent to prove there.
  it.runIf(Boolean(env().TEST_DATABASE_URL))("a claim in progress on one connection is skipped, not waited for, by another", async () => {
    const kind = "test.skiplocked";
    await enqueue(t.db, { kind, key: "skip:1", payload: { n: 1 }, runAt: at(0) });
    await enqueue(t.db, { kind, key: "skip:2", payload: { n: 2 }, runAt: at(1) });
    const seen = await t.db.transaction(async (tx) => {
      const mine = await claimDue(tx, at(2), { kinds: [kind], limit: 1 });
      const theirs = await claimDue(t.db, at(2), { kinds: [kind], limit: 5 });
      return { mine: mine.map((j) => j.key), theirs: theirs.map((j) => j.key) };
    });
    expect(seen).toEqual({ mine: ["skip:1"], theirs: ["skip:2"] });
  });

  it("prunes finished jobs past retention, never waiting ones", async () => {
    await enqueue(t.db, { kind: "test.prune", key: "prune:waiting", payload: { n: 1 }, runAt: at(-10_000) });
    await enqueue(t.db, { kind: "test.prune", key: "prune:old", payload: { n: 2 }, runAt: at(-10_001) });
    const [old] = await claimDue(t.db, at(-10_001), { kinds: ["test.prune"] });
    expect(old?.key).toBe("prune:old");
    await complete(t.db, old!, at(-10_000));
    await pruneFinishedJobs(t.db, at(-1000));
    expect((await t.db.select({ key: jobs.key }).from(jobs).where(like(jobs.key, "prune:%"))).map((r) => r.key)).toEqual(["prune:waiting"]);
  });
});

describe("durability", () => {
  // Postgres keeps committed rows by definition; the embedded database is the one to prove.
  it.runIf(!env().TEST_DATABASE_URL)(
    "a job enqueued before the embedded database is closed is claimed once after it is reopened",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-jobs-"));
      try {
        const snapshot = new Blob([fs.readFileSync(inject("pgliteSnapshot"))]);
        const before = await PGlite.create(dir, { loadDataDir: snapshot });
        await enqueue(drizzleForPglite(before), { kind: "test.restart", key: "restart:1", payload: { n: 7 }, runAt: at(60) });
        await before.close();

        const after = await PGlite.create(dir);
        const db = drizzleForPglite(after);
        const { ran, handler } = recorder();
        expect(await runDueJobs(db, at(61), { "test.restart": handler })).toMatchObject({ claimed: 1, done: 1 });
        expect(await runDueJobs(db, at(62), { "test.restart": handler })).toMatchObject({ claimed: 0 });
        expect(ran).toEqual([7]);
        await after.close();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      // Creating an on-disk PGlite takes seconds, more on a busy machine.
    },
    90_000,
  );
});

describe("worker", () => {
  it("runs one loop per process, runs due jobs on its own, survives a failing database, and stops", async () => {
    const kind = "test.worker";
    // The worker runs on the real clock.
    await enqueue(t.db, { kind, key: "worker:1", payload: { n: 1 }, runAt: new Date(Date.now() - 60_000) });
    const { ran, handler } = recorder();
    let failNext = true;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const getDb = async () => {
      if (failNext) {
        failNext = false;
        throw new Error("database not ready");
      }
      return t.db;
    };
    try {
      expect(startWorker(getDb, { intervalMs: 20, handlers: { [kind]: handler } })).toBe(true);
      // Next evaluates server modules more than once: a second start is a no-op.
      expect(startWorker(getDb, { intervalMs: 20, handlers: { [kind]: handler } })).toBe(false);
      await vi.waitFor(() => expect(ran).toEqual([1]), { timeout: 10_000, interval: 20 });
      expect(errors).toHaveBeenCalledWith("[tandem] worker: tick failed:", expect.any(Error));
    } finally {
      await stopWorker();
      errors.mockRestore();
    }
    expect((await rowsOfKind(t.db, kind))[0]).toMatchObject({ outcome: "done", attempts: 1 });
    // Stopped for good: a new job is left alone.
    await enqueue(t.db, { kind, key: "worker:2", payload: { n: 2 }, runAt: new Date(Date.now() - 60_000) });
    await sleep(100);
    expect(ran).toEqual([1]);
  });
});
