import { count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departments, orgRoles, pairs, people } from "@/db/schema";
import { seedDemoOrg } from "@/db/seed/demo-org";
import { createTestDb, type TestDb } from "../support/db";
import { databaseFingerprint } from "../support/factories";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("demo organization", () => {
  it("is a believable company: 30–50 people, 4+ departments, spans of 2–8, a middle manager, one HR admin and one owner", async () => {
    const { orgId } = await seedDemoOrg(t.db);
    const everyone = await t.db.select().from(people).where(eq(people.orgId, orgId));
    expect(everyone.length).toBeGreaterThanOrEqual(30);
    expect(everyone.length).toBeLessThanOrEqual(50);

    const [depts] = await t.db.select({ n: count() }).from(departments).where(eq(departments.orgId, orgId));
    expect(depts!.n).toBeGreaterThanOrEqual(4);

    const open = await t.db.select().from(pairs).where(isNull(pairs.endedAt));
    const spans = new Map<string, number>();
    for (const p of open) spans.set(p.managerId, (spans.get(p.managerId) ?? 0) + 1);
    for (const span of spans.values()) {
      expect(span).toBeGreaterThanOrEqual(2);
      expect(span).toBeLessThanOrEqual(8);
    }
    // Every person with a manager has exactly one open pair with that manager.
    for (const p of everyone.filter((x) => x.managerId)) {
      expect(open.filter((o) => o.reportId === p.id).map((o) => o.managerId)).toEqual([p.managerId]);
    }
    const reports = new Set(open.map((p) => p.reportId));
    expect([...spans.keys()].some((m) => reports.has(m))).toBe(true);

    const roles = await t.db.select().from(orgRoles).where(eq(orgRoles.orgId, orgId));
    expect(roles.filter((r) => r.role === "hr_admin")).toHaveLength(1);
    expect(roles.filter((r) => r.role === "owner")).toHaveLength(1);
  });

  it("is idempotent: seeding again changes nothing", async () => {
    await seedDemoOrg(t.db);
    const before = await databaseFingerprint(t.db);
    await seedDemoOrg(t.db);
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});
