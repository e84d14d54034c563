import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairs, people } from "@/db/schema";
import { setManager } from "@/server/people/set-manager";
import { InvalidInputError, NotFoundError } from "@/server/errors";
import { createTestDb, type TestDb } from "../support/db";
import { createOrg, createPerson, databaseFingerprint } from "../support/factories";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

async function pairsOf(reportId: string) {
  return t.db.select().from(pairs).where(eq(pairs.reportId, reportId)).orderBy(pairs.startedAt);
}

describe("setManager", () => {
  it("closes the old pair and opens a new one when the manager changes, keeping history", async () => {
    const org = await createOrg(t.db, "Acme");
    const m1 = await createPerson(t.db, org.id, { name: "M1" });
    const m2 = await createPerson(t.db, org.id, { name: "M2" });
    const r = await createPerson(t.db, org.id, { name: "R", managerId: m1.id });
    await t.db.transaction((tx) => setManager(tx, { orgId: org.id, personId: r.id, managerId: m2.id, at: new Date(Date.now() + 1000) }));

    const rows = await pairsOf(r.id);
    expect(rows.map((p) => [p.managerId, p.endedAt !== null])).toEqual([
      [m1.id, true],
      [m2.id, false],
    ]);
    const [person] = await t.db.select().from(people).where(eq(people.id, r.id));
    expect(person?.managerId).toBe(m2.id);
  });

  it("changes nothing when the manager stays the same", async () => {
    const org = await createOrg(t.db, "Same");
    const m = await createPerson(t.db, org.id, { name: "M" });
    const r = await createPerson(t.db, org.id, { name: "R", managerId: m.id });
    const before = await databaseFingerprint(t.db);
    const result = await t.db.transaction((tx) => setManager(tx, { orgId: org.id, personId: r.id, managerId: m.id }));
    expect(result.changed).toBe(false);
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("closes the pair when a person is left without a manager", async () => {
    const org = await createOrg(t.db, "Orphan");
    const m = await createPerson(t.db, org.id, { name: "M" });
    const r = await createPerson(t.db, org.id, { name: "R", managerId: m.id });
    await t.db.transaction((tx) => setManager(tx, { orgId: org.id, personId: r.id, managerId: null }));
    const open = await t.db
      .select()
      .from(pairs)
      .where(and(eq(pairs.reportId, r.id)));
    expect(open.every((p) => p.endedAt !== null)).toBe(true);
  });

  it("refuses loops, self-management and managers of another organization, changing nothing", async () => {
    const org = await createOrg(t.db, "Loops");
    const other = await createOrg(t.db, "Elsewhere");
    const top = await createPerson(t.db, org.id, { name: "Top" });
    const mid = await createPerson(t.db, org.id, { name: "Mid", managerId: top.id });
    const low = await createPerson(t.db, org.id, { name: "Low", managerId: mid.id });
    const stranger = await createPerson(t.db, other.id, { name: "Stranger" });
    const before = await databaseFingerprint(t.db);

    const attempt = (personId: string, managerId: string) =>
      t.db.transaction((tx) => setManager(tx, { orgId: org.id, personId, managerId })).catch((e: unknown) => e);
    expect(await attempt(top.id, low.id)).toBeInstanceOf(InvalidInputError);
    expect(await attempt(mid.id, mid.id)).toBeInstanceOf(InvalidInputError);
    expect(await attempt(low.id, stranger.id)).toBeInstanceOf(NotFoundError);
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});
