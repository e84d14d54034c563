import { and, count, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, cycles, departments, organizations, orgRoles, pairs, people, responses } from "@/db/schema";
import { seedDemoOrg } from "@/db/seed/demo-org";
import { missingAnswers, validateChanges } from "@/server/assessments/answers";
import { getItemBank } from "@/server/assessments/item-bank";
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

    // Cycle dates are days in Berlin, where the demo company works.
    const [org] = await t.db.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, orgId));
    expect(org?.timeZone).toBe("Europe/Berlin");
  });

  it("has two revealed past cycles for Aisha Bello and Ben Carter with a large trust gap and a blind spot", async () => {
    const { orgId } = await seedDemoOrg(t.db);
    const rows = await t.db
      .select({ cycle: cycles.name, side: responses.side, answers: responses.answers, revealedAt: assessments.revealedAt, name: people.name })
      .from(responses)
      .innerJoin(assessments, eq(assessments.id, responses.assessmentId))
      .innerJoin(cycles, eq(cycles.id, assessments.cycleId))
      .innerJoin(pairs, eq(pairs.id, assessments.pairId))
      .innerJoin(people, eq(people.id, responses.respondentId))
      .where(
        and(
          eq(assessments.orgId, orgId),
          eq(pairs.managerId, sql`(select id from people where email = 'aisha.bello@brightwater.example')`),
          eq(pairs.reportId, sql`(select id from people where email = 'ben.carter@brightwater.example')`),
        ),
      );
    expect(new Set(rows.map((r) => r.cycle)).size).toBe(2);
    expect(rows.every((r) => r.revealedAt !== null)).toBe(true);
    const trustMean = (answers: Record<string, number | string>) => {
      const values = ["trust.ability", "trust.integrity", "trust.benevolence", "trust.candor"]
        .map((k) => answers[k])
        .filter((v): v is number => typeof v === "number");
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    for (const cycle of new Set(rows.map((r) => r.cycle))) {
      const ben = rows.find((r) => r.cycle === cycle && r.side === "employee")!;
      const aisha = rows.find((r) => r.cycle === cycle && r.side === "manager")!;
      // Large: |employee − manager| ≥ 1.5 on the trust mean.
      expect(Math.abs(trustMean(ben.answers) - trustMean(aisha.answers))).toBeGreaterThanOrEqual(1.5);
      // Blind spot: Aisha predicts Ben rates trust 5; he rates it ≤ 2.75.
      expect(aisha.answers["predict.trust"]).toBe(5);
      expect(5 - trustMean(ben.answers)).toBeGreaterThanOrEqual(1.5);
    }
  });

  it("submitted every response it seeded as the app would accept it: every answer valid, every required question answered", async () => {
    const { orgId } = await seedDemoOrg(t.db);
    const submitted = await t.db
      .select({ id: responses.id, answers: responses.answers, bankVersion: assessments.bankVersion })
      .from(responses)
      .innerJoin(assessments, eq(assessments.id, responses.assessmentId))
      .where(and(eq(responses.orgId, orgId), sql`${responses.submittedAt} is not null`));
    expect(submitted.length).toBeGreaterThan(20);
    for (const r of submitted) {
      const bank = getItemBank(r.bankVersion);
      expect(() => validateChanges(bank, r.answers), r.id).not.toThrow();
      expect(missingAnswers(bank, r.answers), r.id).toEqual([]);
    }
  });

  it("is idempotent: seeding again changes nothing", async () => {
    await seedDemoOrg(t.db);
    const before = await databaseFingerprint(t.db);
    await seedDemoOrg(t.db);
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});
