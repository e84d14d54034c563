import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { jobs, organizations, pairs, people, peopleImportRuns } from "@/db/schema";
import { loadActor } from "@/server/access/actor";
import { env } from "@/server/env";
import { runDueJobs } from "@/server/jobs/queue";
import { confirmPeopleImport, previewPeopleImport, type WriteProgress } from "@/server/people-import/import-people";
import { IMPORT_LIMITS } from "@/server/people-import/columns";
import { createImportRun, peopleImportHandlers } from "@/server/people-import/import-runs";
import type { TestDb } from "../support/db";
import { callerFor, databaseFingerprint, type World } from "../support/factories";
import { openWorld } from "../support/world";

// Background imports (issue 18): a file larger than a check on the page takes is uploaded,
// checked by the worker with its progress recorded, lists every problem, and is written through
// the job queue; column choices made in the preview are remembered for the organization's next
// import. The write
// shows how many people it has written, and still writes everything or nothing: the count is
// the only thing committed before the import is.

let t: TestDb;
let w: World;

beforeAll(async () => ({ t, w } = await openWorld()));
afterAll(() => t.close());

const work = () => runDueJobs(t.db, new Date(), peopleImportHandlers());

async function upload(personId: string, csv: string) {
  const actor = await loadActor(t.db, personId);
  return (await createImportRun(t.db, actor!, { fileName: "export.csv", csv })).runId;
}

async function peopleOf(orgId: string, db: Db = t.db) {
  const [row] = await db.select({ n: count() }).from(people).where(eq(people.orgId, orgId));
  return row!.n;
}

describe("a file larger than a check on the page takes", () => {
  it("is checked in the background with its progress, then imported through the job queue", { timeout: 240_000 }, async () => {
    // Just over both limits of a check on the page (IMPORT_LIMITS): one person more than it
    // takes, and more text (long titles), so the background path is all that can read it.
    const N = IMPORT_LIMITS.maxRows + 1;
    const title = `Engineer, ${"platform and reliability ".repeat(6).trim()}`;
    const rows = Array.from(
      { length: N },
      (_, i) =>
        `bulk.${i}@example.test,Bulk,Person ${i},${i % 10 === 0 ? w.a.hr.email : `bulk.${i - (i % 10)}@example.test`},Bulk ${i % 20},"${title}",2025-01-06`,
    );
    const csv = ["Work Email,First Name,Last Name,Manager Email,Department,Job Title,Hire Date", ...rows].join("\n");
    expect(csv.length).toBeGreaterThan(IMPORT_LIMITS.maxChars);
    const hr = callerFor(t.db, w.a.hr.id);
    const before = await peopleOf(w.a.org.id);

    const runId = await upload(w.a.hr.id, csv);
    expect((await hr.peopleImport.run({ runId })).status).toBe("checking");
    // Org B's HR admin finds nothing of it.
    await expect(callerFor(t.db, w.b.hr.id).peopleImport.run({ runId })).rejects.toThrow("Not found");

    await work();
    const checked = await hr.peopleImport.run({ runId });
    expect(checked.status).toBe("checked");
    expect(checked.processed).toBe(N);
    expect(checked.preview).toMatchObject({ rowCount: N, problemCount: 0, summary: { creates: N, updates: 0 } });
    expect(checked.preview!.creates).toHaveLength(1000);
    expect(checked.preview!.creates[1]).toMatchObject({ email: "bulk.1@example.test", name: "Bulk Person 1", givenName: "Bulk" });
    expect(await peopleOf(w.a.org.id)).toBe(before);

    await hr.peopleImport.confirmRun({ runId, expectedHash: checked.preview!.hash! });
    expect((await hr.peopleImport.run({ runId })).status).toBe("importing");
    await work();
    const done = await hr.peopleImport.run({ runId });
    expect(done.status).toBe("imported");
    expect(done.result).toMatchObject({ created: N, updated: 0 });
    expect(await peopleOf(w.a.org.id)).toBe(before + N);
    const [bulk9] = await t.db
      .select({ managerId: people.managerId })
      .from(people)
      .where(and(eq(people.orgId, w.a.org.id), eq(people.email, "bulk.9@example.test")));
    const [bulk0] = await t.db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.orgId, w.a.org.id), eq(people.email, "bulk.0@example.test")));
    expect(bulk9?.managerId).toBe(bulk0?.id);
    // The file is not kept once imported.
    const [stored] = await t.db.select({ csv: peopleImportRuns.csv }).from(peopleImportRuns).where(eq(peopleImportRuns.id, runId));
    expect(stored?.csv).toBeNull();
    const audit = await callerFor(t.db, w.a.owner.id).org.auditLog({ limit: 1, action: "people.imported" });
    expect(audit.entries[0]?.details).toMatchObject({ rows: N, created: N, updated: 0 });
  });
});

describe("the background check", () => {
  it("lists every problem, however many, and offers them all as a file", async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `not-an-email-${i},Person ${i}`);
    const runId = await upload(w.b.hr.id, ["email,name", ...rows].join("\n"));
    await work();
    const hr = callerFor(t.db, w.b.hr.id);
    const run = await hr.peopleImport.run({ runId });
    expect(run.preview).toMatchObject({ problemCount: 1500, summary: null, hash: null });
    expect(run.preview!.problems).toHaveLength(1000);
    const file = await hr.peopleImport.runProblemsCsv({ runId });
    const lines = file.csv.trim().split("\n");
    expect(lines).toHaveLength(1501);
    expect(lines[1500]).toBe("1501,email,“not-an-email-1499” is not a valid email address.");
    await expect(hr.peopleImport.confirmRun({ runId, expectedHash: "0".repeat(64) })).rejects.toThrow("Only a checked file without problems can be imported");
  });

  it("checks again with the columns HR chose, imports, and remembers the choice for the next file", async () => {
    const hr = callerFor(t.db, w.b.hr.id);
    const csv = "Courriel,Nom,Chef\nnadia.b@example.test,Nadia Benali," + w.b.manager1.email;
    const runId = await upload(w.b.hr.id, csv);
    await work();
    const first = await hr.peopleImport.run({ runId });
    expect(first.preview!.fileErrors[0]).toContain("No column was recognised as “email” or “name”");

    await hr.peopleImport.recheckRun({ runId, mapping: { Courriel: "email", Nom: "name", Chef: "managerEmail" } });
    await work();
    const second = await hr.peopleImport.run({ runId });
    expect(second.preview).toMatchObject({ problemCount: 0, summary: { creates: 1, pairsToOpen: 1 } });
    expect(second.preview!.headers.map((h) => [h.header, h.target, h.source])).toEqual([
      ["Courriel", "email", "chosen"],
      ["Nom", "name", "chosen"],
      ["Chef", "managerEmail", "chosen"],
    ]);
    await hr.peopleImport.confirmRun({ runId, expectedHash: second.preview!.hash! });
    await work();
    expect((await hr.peopleImport.run({ runId })).status).toBe("imported");

    const [org] = await t.db.select({ mapping: organizations.importColumnMapping }).from(organizations).where(eq(organizations.id, w.b.org.id));
    expect(org?.mapping).toEqual({ courriel: "email", nom: "name", chef: "managerEmail" });
    // The next file with those headers is read with the same choices, without asking again.
    const next = await hr.peopleImport.preview({ csv: "Courriel,Nom\nomar.b@example.test,Omar Benali" });
    expect(next).toMatchObject({ problemCount: 0, summary: { creates: 1 } });
    // Org A's imports know nothing of org B's choices.
    const other = await callerFor(t.db, w.a.hr.id).peopleImport.preview({ csv: "Courriel,Nom\nomar.b@example.test,Omar Benali" });
    expect(other.fileErrors).toHaveLength(1);
  });

  it("an import that someone else's change made stale ends with the reason, writing nothing", async () => {
    const hr = callerFor(t.db, w.b.hr.id);
    const runId = await upload(w.b.hr.id, `email,name,title\n${w.b.report2.email},Report B2,Analyst`);
    await work();
    const run = await hr.peopleImport.run({ runId });
    // Meanwhile someone edits the same person.
    const [p] = await t.db.select().from(people).where(eq(people.id, w.b.report2.id));
    await hr.people.update({
      personId: p!.id,
      name: p!.name,
      givenName: null,
      email: p!.email,
      title: "Lead",
      department: null,
      startDate: null,
      managerEmail: w.b.manager2.email,
    });
    await hr.peopleImport.confirmRun({ runId, expectedHash: run.preview!.hash! });
    await work();
    const failed = await hr.peopleImport.run({ runId });
    expect(failed).toMatchObject({ status: "failed", error: "People in Tandem or the file changed since it was checked. Check the file again, then import." });
    const [after] = await t.db.select({ title: people.title }).from(people).where(eq(people.id, w.b.report2.id));
    expect(after?.title).toBe("Lead");
  });
});

/** `n` new people (a manager for every ten, under `top`), after the rows `extra` adds. */
function bulkFile(prefix: string, n: number, top: string, extra: string[] = []) {
  const rows = Array.from(
    { length: n },
    (_, i) => `${prefix}.${i}@example.test,${prefix} ${i},${i % 10 === 0 ? top : `${prefix}.${i - (i % 10)}@example.test`},Analyst`,
  );
  return ["email,name,manager email,title", ...extra, ...rows].join("\n");
}

function expectRising(seen: number[], total: number) {
  expect(seen.length).toBeGreaterThan(1);
  for (let i = 1; i < seen.length; i++) expect(seen[i]!, `after ${seen[i - 1]}`).toBeGreaterThan(seen[i - 1]!);
  expect(seen.some((n) => n > 0 && n < total)).toBe(true);
  expect(seen.at(-1)).toBe(total);
}

describe("an import's write", () => {
  it("reports the people written as it writes, new and existing ones, rising to the total", { timeout: 120_000 }, async () => {
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

  it("that fails midway leaves nothing written: no person, pair, invitation or audit entry", { timeout: 120_000 }, async () => {
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
        .select({
          processed: peopleImportRuns.processed,
          status: peopleImportRuns.status,
          people: sql<number>`(select count(*)::int from ${people} where ${people.orgId} = ${orgId})`,
        })
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
    const before = await peopleOf(w.a.org.id);
    const { runId, hr } = await checkedRun(w.a.hr.id, bulkFile("watched", 10_000, w.a.hr.email));
    const reads = await watch(runId, w.a.org.id);

    const done = await hr.peopleImport.run({ runId });
    expect(done).toMatchObject({ status: "imported", processed: 10_000, result: { created: 10_000 } });
    expect(await peopleOf(w.a.org.id)).toBe(before + 10_000);
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
      const before = {
        people: await peopleOf(w.b.org.id),
        pairs: (await t.db.select({ n: count() }).from(pairs).where(eq(pairs.orgId, w.b.org.id)))[0]!.n,
        jobs: (await t.db.select({ n: count() }).from(jobs))[0]!.n,
      };
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

      expect(await hr.peopleImport.run({ runId })).toMatchObject({
        status: "failed",
        error: "People in Tandem changed while importing. Check the file again, then import.",
      });
      expect(await peopleOf(w.b.org.id)).toBe(before.people + 1);
      const [broken] = await t.db
        .select({ n: count() })
        .from(people)
        .where(and(eq(people.orgId, w.b.org.id), eq(people.name, "broken 0")));
      expect(broken!.n).toBe(0);
      expect((await t.db.select({ n: count() }).from(pairs).where(eq(pairs.orgId, w.b.org.id)))[0]!.n).toBe(before.pairs);
      expect((await t.db.select({ n: count() }).from(jobs))[0]!.n).toBe(before.jobs);
    },
  );
});
