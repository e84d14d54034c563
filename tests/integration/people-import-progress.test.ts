import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { jobs, pairs, people, peopleImportRuns } from "@/db/schema";
import { loadActor } from "@/server/access/actor";
import { env } from "@/server/env";
import { runDueJobs } from "@/server/jobs/queue";
import { confirmPeopleImport, previewPeopleImport, type WriteProgress } from "@/server/services/people-import/import-people";
import { createImportRun, peopleImportHandlers } from "@/server/services/people-import/import-runs";
import { createTestDb, type TestDb } from "../support/db";
import { callerFor, createWorld, databaseFingerprint, type World } from "../support/factories";

// The write step of an import shows how many people it has written (issue 18), and still
// writes everything or nothing: the count is the only thing committed before the import is.

let t: TestDb;
let w: World;

beforeAll(async () => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  t = await createTestDb();
  w = await createWorld(t.db);
});
afterAll(() => t.close());

const work = () => runDueJobs(t.db, new Date(), peopleImportHandlers());

async function peopleOf(db: Db, orgId: string) {
  const [row] = await db.select({ n: count() }).from(people).where(eq(people.orgId, orgId));
  return row!.n;
}

/** `n` new people (a manager for every ten, under `top`), after the rows `extra` adds. */
function bulkFile(prefix: string, n: number, top: string, extra: string[] = []) {
  const rows = Array.from({ length: n }, (_, i) => `${prefix}.${i}@example.test,${prefix} ${i},${i % 10 === 0 ? top : `${prefix}.${i - (i % 10)}@example.test`},Analyst`);
  return ["email,name,manager email,title", ...extra, ...rows].join("\n");
}

function expectRising(seen: number[], total: number) {
  expect(seen.length).toBeGreaterThan(1);
  for (let i = 1; i < seen.length; i++) expect(seen[i]!, `after ${seen[i - 1]}`).toBeGreaterThan(seen[i - 1]!);
  expect(seen.some((n) => n > 0 && n < total)).toBe(true);
  expect(seen.at(-1)).toBe(total);
}

describe("an import's write", () => {
  it("reports the people written as it writes, new and existing ones, rising to the total", async () => {
    const actor = (await loadActor(t.db, w.a.hr.id))!;
    // Report A1 gets a new title and a new manager: one person written, counted once.
    const csv = bulkFile("progress", 2500, w.a.hr.email, [
      `${w.a.report1.email},${w.a.report1.name},${w.a.manager2.email},Lead`,
      `${w.a.report2.email},${w.a.report2.name},${w.a.manager2.email},Lead`,
    ]);
    const preview = await previewPeopleImport(t.db, actor, { csv });
    expect(preview.summary).toMatchObject({ creates: 2500, updates: 2, managerChanges: 1 });

    const seen: WriteProgress[] = [];
    const result = await confirmPeopleImport(t.db, actor, { csv, expectedHash: preview.hash! }, { onProgress: async (p) => void seen.push(p) });
    expect(result).toMatchObject({ created: 2500, updated: 2 });
    expect(new Set(seen.map((p) => p.total))).toEqual(new Set([2502]));
    expectRising(
      seen.map((p) => p.written),
      2502,
    );
  });

  it("that fails midway leaves nothing written: no person, pair, invitation or audit entry", async () => {
    const actor = (await loadActor(t.db, w.b.hr.id))!;
    const csv = bulkFile("halfway", 3000, w.b.hr.email);
    const preview = await previewPeopleImport(t.db, actor, { csv });
    const before = await databaseFingerprint(t.db);
    const seen: number[] = [];
    const failing = async ({ written }: WriteProgress) => {
      seen.push(written);
      if (seen.length === 2) throw new Error("the server went away");
    };
    await expect(confirmPeopleImport(t.db, actor, { csv, expectedHash: preview.hash! }, { onProgress: failing })).rejects.toThrow("the server went away");
    expect(seen).toEqual([1000, 2000]);
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});

describe("a background import", () => {
  async function checkedRun(personId: string, csv: string) {
    const actor = (await loadActor(t.db, personId))!;
    const { runId } = await createImportRun(t.db, actor, { fileName: "export.csv", csv });
    await work();
    const hr = callerFor(t.db, personId);
    const run = await hr.peopleImport.run({ runId });
    expect(run.status).toBe("checked");
    await hr.peopleImport.confirmRun({ runId, expectedHash: run.preview!.hash! });
    expect(await hr.peopleImport.run({ runId })).toMatchObject({ status: "importing", processed: 0 });
    return { runId, hr };
  }

  /** Runs the worker while another app server (its own connections) reads the run every few ms. */
  async function watch(runId: string, orgId: string, onRead?: (processed: number) => Promise<void>) {
    const other = t.connectAgain();
    const reads: { processed: number; status: string; people: number }[] = [];
    let done = false;
    const writing = work().finally(() => (done = true));
    // On the embedded database a read waits for the import's transaction: read once it is over.
    while (t.kind === "postgres" && !done) {
      // One statement, one snapshot: the run and the people as they were at the same moment.
      const [run] = await other
        .select({ processed: peopleImportRuns.processed, status: peopleImportRuns.status, people: sql<number>`(select count(*)::int from ${people} where ${people.orgId} = ${orgId})` })
        .from(peopleImportRuns)
        .where(eq(peopleImportRuns.id, runId));
      reads.push(run!);
      await onRead?.(run!.processed);
      await new Promise((r) => setTimeout(r, 5));
    }
    await writing;
    return reads;
  }

  it("shows the count rising while it writes, and then everyone at once", { timeout: 120_000 }, async () => {
    const before = await peopleOf(t.db, w.a.org.id);
    const { runId, hr } = await checkedRun(w.a.hr.id, bulkFile("watched", 10_000, w.a.hr.email));
    const reads = await watch(runId, w.a.org.id);

    const done = await hr.peopleImport.run({ runId });
    expect(done).toMatchObject({ status: "imported", processed: 10_000, result: { created: 10_000 } });
    expect(await peopleOf(t.db, w.a.org.id)).toBe(before + 10_000);
    if (t.kind === "postgres") {
      const writing = reads.filter((r) => r.status === "importing");
      const counts = writing.map((r) => r.processed);
      for (let i = 1; i < counts.length; i++) expect(counts[i]!, `after ${counts[i - 1]}`).toBeGreaterThanOrEqual(counts[i - 1]!);
      // Several batches were seen on their way, not just the start and the end.
      expect(new Set(counts.filter((n) => n > 0 && n < 10_000)).size).toBeGreaterThan(1);
      // Nobody ever sees some of the import's people: none of them, then all of them.
      expect(reads.every((r) => r.people === before || r.people === before + 10_000)).toBe(true);
      expect(reads.filter((r) => r.processed > 0 && r.processed < 10_000).every((r) => r.people === before)).toBe(true);
    }
  });

  // Only Postgres lets another connection write while the import's transaction is open.
  it.skipIf(!env().TEST_DATABASE_URL)(
    "that someone else's change breaks midway ends with the reason, having written none of the file",
    { timeout: 120_000 },
    async () => {
      const n = 10_000;
      const { runId, hr } = await checkedRun(w.b.hr.id, bulkFile("broken", n, w.b.hr.email));
      const before = { people: await peopleOf(t.db, w.b.org.id), pairs: (await t.db.select({ n: count() }).from(pairs).where(eq(pairs.orgId, w.b.org.id)))[0]!.n, jobs: (await t.db.select({ n: count() }).from(jobs))[0]!.n };
      // Once the import has written its first people, someone adds the last person of the file by hand.
      const other = t.connectAgain();
      let added = false;
      const reads = await watch(runId, w.b.org.id, async (processed) => {
        if (added || processed < 1000) return;
        added = true;
        await other.insert(people).values({ orgId: w.b.org.id, email: `broken.${n - 1}@example.test`, name: "Added By Hand" });
      });
      expect(added).toBe(true);
      expect(reads.some((r) => r.status === "importing" && r.processed >= 1000)).toBe(true);

      expect(await hr.peopleImport.run({ runId })).toMatchObject({ status: "failed", error: "People in Tandem changed while importing. Check the file again, then import." });
      expect(await peopleOf(t.db, w.b.org.id)).toBe(before.people + 1);
      const [broken] = await t.db.select({ n: count() }).from(people).where(and(eq(people.orgId, w.b.org.id), eq(people.name, "broken 0")));
      expect(broken!.n).toBe(0);
      expect((await t.db.select({ n: count() }).from(pairs).where(eq(pairs.orgId, w.b.org.id)))[0]!.n).toBe(before.pairs);
      expect((await t.db.select({ n: count() }).from(jobs))[0]!.n).toBe(before.jobs);
    },
  );
});
