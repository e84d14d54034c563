import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { organizations, people, peopleImportRuns } from "@/db/schema";
import { loadActor } from "@/server/access/actor";
import { runDueJobs } from "@/server/jobs/queue";
import { createImportRun, peopleImportHandlers } from "@/server/services/people-import/import-runs";
import { createTestDb, type TestDb } from "../support/db";
import { callerFor, createWorld, type World } from "../support/factories";

// Background imports (issue 18): a file of 50,000 people is uploaded, checked by the worker
// with its progress recorded, lists every problem, and is written through the job queue; column
// choices made in the preview are remembered for the organization's next import.

let t: TestDb;
let w: World;

beforeAll(async () => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  t = await createTestDb();
  w = await createWorld(t.db);
});
afterAll(() => t.close());

const work = () => runDueJobs(t.db, new Date(), peopleImportHandlers());

async function upload(personId: string, csv: string) {
  const actor = await loadActor(t.db, personId);
  return (await createImportRun(t.db, actor!, { fileName: "export.csv", csv })).runId;
}

async function peopleOf(orgId: string) {
  const [row] = await t.db.select({ n: count() }).from(people).where(eq(people.orgId, orgId));
  return row!.n;
}

describe("a file of 50,000 people", () => {
  it("is checked in the background with its progress, then imported through the job queue", { timeout: 240_000 }, async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `bulk.${i}@example.test,Bulk,Person ${i},${i % 10 === 0 ? w.a.hr.email : `bulk.${i - (i % 10)}@example.test`},Bulk ${i % 20},Engineer,2025-01-06`);
    const csv = ["Work Email,First Name,Last Name,Manager Email,Department,Job Title,Hire Date", ...rows].join("\n");
    expect(csv.length).toBeGreaterThan(2 * 1024 * 1024);
    const hr = callerFor(t.db, w.a.hr.id);
    const before = await peopleOf(w.a.org.id);

    const runId = await upload(w.a.hr.id, csv);
    expect((await hr.peopleImport.run({ runId })).status).toBe("checking");
    // Org B's HR admin finds nothing of it.
    await expect(callerFor(t.db, w.b.hr.id).peopleImport.run({ runId })).rejects.toThrow("Not found");

    await work();
    const checked = await hr.peopleImport.run({ runId });
    expect(checked.status).toBe("checked");
    expect(checked.processed).toBe(50_000);
    expect(checked.preview).toMatchObject({ rowCount: 50_000, problemCount: 0, summary: { creates: 50_000, updates: 0 } });
    expect(checked.preview!.creates).toHaveLength(1000);
    expect(checked.preview!.creates[1]).toMatchObject({ email: "bulk.1@example.test", name: "Bulk Person 1", givenName: "Bulk" });
    expect(await peopleOf(w.a.org.id)).toBe(before);

    await hr.peopleImport.confirmRun({ runId, expectedHash: checked.preview!.hash! });
    expect((await hr.peopleImport.run({ runId })).status).toBe("importing");
    await work();
    const done = await hr.peopleImport.run({ runId });
    expect(done.status).toBe("imported");
    expect(done.result).toMatchObject({ created: 50_000, updated: 0 });
    expect(await peopleOf(w.a.org.id)).toBe(before + 50_000);
    const [bulk9] = await t.db.select({ managerId: people.managerId }).from(people).where(and(eq(people.orgId, w.a.org.id), eq(people.email, "bulk.9@example.test")));
    const [bulk0] = await t.db.select({ id: people.id }).from(people).where(and(eq(people.orgId, w.a.org.id), eq(people.email, "bulk.0@example.test")));
    expect(bulk9?.managerId).toBe(bulk0?.id);
    // The file is not kept once imported.
    const [stored] = await t.db.select({ csv: peopleImportRuns.csv }).from(peopleImportRuns).where(eq(peopleImportRuns.id, runId));
    expect(stored?.csv).toBeNull();
    const audit = await callerFor(t.db, w.a.owner.id).org.auditLog({ limit: 1, action: "people.imported" });
    expect(audit.entries[0]?.details).toMatchObject({ rows: 50_000, created: 50_000, updated: 0 });
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
    await hr.people.update({ personId: p!.id, name: p!.name, givenName: null, email: p!.email, title: "Lead", department: null, startDate: null, managerEmail: w.b.manager2.email });
    await hr.peopleImport.confirmRun({ runId, expectedHash: run.preview!.hash! });
    await work();
    const failed = await hr.peopleImport.run({ runId });
    expect(failed).toMatchObject({ status: "failed", error: "People in Tandem or the file changed since it was checked. Check the file again, then import." });
    const [after] = await t.db.select({ title: people.title }).from(people).where(eq(people.id, w.b.report2.id));
    expect(after?.title).toBe("Lead");
  });
});
