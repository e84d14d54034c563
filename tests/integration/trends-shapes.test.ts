import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, cycles, orgRoles, pairs, people, responses } from "@/db/schema";
import type { Side } from "@/server/assessments/item-bank";
import { openedCycles } from "@/server/trends/inputs";
import { publishedFiguresOf } from "@/server/trends/stored-figures";
import { completeAnswers } from "../support/answers";
import { createTestDb, type TestDb } from "../support/db";
import { callerFor, createOrg } from "../support/factories";
import { cycleWithGroups, settleTrends } from "../support/trends";

// Issue 17, finding 1: one HR admin stalled the server for every organization by opening the
// trends of an organization shaped as a 1,000-level reporting chain (39 s inside the request).
// The attack replayed on that shape and on a 2,000-report flat team: the request computes
// nothing (a closed cycle reads as being prepared, in a handful of reads), and the worker's
// publication then gets every team of the chain right. Its cost is measured by `npm run bench`
// (cold publication by tree shape), never timed here.

let t: TestDb;
const SIDES: Side[] = ["employee", "manager"];
const chunks = <T>(xs: readonly T[], size = 500) => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

/**
 * An organization of `n` people plus an HR admin outside the tree, `managerOf(i)` giving each
 * person's manager (by index, null for the top), and one closed cycle everyone answered.
 */
async function orgShaped(name: string, n: number, managerOf: (i: number) => number | null) {
  const org = await createOrg(t.db, name);
  const started = new Date(Date.now() - 90 * 86_400_000);
  const ids = Array.from({ length: n }, () => crypto.randomUUID());
  const hrId = crypto.randomUUID();
  const rows = [...ids.map((id, i) => ({ id, name: `Person ${i}`, i })), { id: hrId, name: "HR", i: -1 }];
  for (const chunk of chunks(rows)) {
    await t.db.insert(people).values(
      chunk.map((p) => ({
        id: p.id,
        orgId: org.id,
        name: p.name,
        email: `p${p.i}.${org.id.slice(0, 8)}@example.test`,
        managerId: p.i >= 0 && managerOf(p.i) !== null ? ids[managerOf(p.i)!]! : null,
      })),
    );
  }
  await t.db.insert(orgRoles).values({ orgId: org.id, personId: hrId, role: "hr_admin" });
  const lines = ids.flatMap((reportId, i) =>
    managerOf(i) === null ? [] : [{ id: crypto.randomUUID(), orgId: org.id, managerId: ids[managerOf(i)!]!, reportId, startedAt: started }],
  );
  for (const chunk of chunks(lines)) await t.db.insert(pairs).values(chunk);
  const openedAt = new Date(Date.now() - 30 * 86_400_000);
  const [cycle] = await t.db
    .insert(cycles)
    .values({
      orgId: org.id,
      name: "Q3",
      opensOn: "2026-09-01",
      closesOn: "2026-09-25",
      status: "closed",
      bankVersion: 1,
      minGroupSize: 5,
      openedAt,
      closedAt: new Date(Date.now() - 5 * 86_400_000),
    })
    .returning({ id: cycles.id });
  const invited = lines.map((l) => ({ ...l, assessmentId: crypto.randomUUID() }));
  for (const chunk of chunks(invited)) {
    await t.db.insert(assessments).values(
      chunk.map((l) => ({
        id: l.assessmentId,
        orgId: org.id,
        pairId: l.id,
        kind: "cycle" as const,
        cycleId: cycle!.id,
        bankVersion: 1,
        dueOn: "2026-09-25",
      })),
    );
  }
  const answers = invited.flatMap((l, i) =>
    SIDES.map((side, s) => ({
      orgId: org.id,
      assessmentId: l.assessmentId,
      side,
      respondentId: side === "employee" ? l.reportId : l.managerId,
      answers: completeAnswers(1, {}, 1 + ((i + s) % 5)),
      submittedAt: openedAt,
    })),
  );
  for (const chunk of chunks(answers)) await t.db.insert(responses).values(chunk);
  return { orgId: org.id, cycleId: cycle!.id, hr: callerFor(t.db, hrId), ids, pairs: lines.length };
}

describe.each([
  ["a 1,000-level reporting chain", 1000, (i: number) => (i === 0 ? null : i - 1)],
  ["one manager with 2,000 reports", 2001, (i: number) => (i === 0 ? null : 0)],
] as const)("trends of %s", (_, n, managerOf) => {
  let o: Awaited<ReturnType<typeof orgShaped>>;
  beforeAll(async () => {
    o = await orgShaped(`Shape ${n}`, n, managerOf);
  }, 120_000);

  it("HR's request computes nothing: the cycle is being prepared, in a few reads and no writes", async () => {
    const before = t.statements.length;
    const view = await o.hr.trends.cycle({ cycleId: o.cycleId });
    const sent = t.statements.slice(before);
    expect(view.cycle?.figures).toBe("preparing");
    expect(view.rows).toEqual([]);
    expect(view.group).toBeNull();
    expect(sent.filter((q) => /^\s*(insert|update|delete)\b/i.test(q) && !/audit_log/.test(q))).toEqual([]);
    expect(sent.length).toBeLessThan(12);
  });

  it("the worker publishes it, every team of the reporting line included, and no figure tells one pair from another", async () => {
    expect(await settleTrends(t.db)).toBe(1);
    const view = await cycleWithGroups(o.hr, { cycleId: o.cycleId });
    expect(view.cycle?.figures).toBe("published");
    // The page reads the groups it shows at once, each exactly as published; the CSV, every
    // group: the chain's 999 teams are checked in what was published.
    const [cycle] = await openedCycles(t.db, o.orgId, o.cycleId);
    const groups = (await publishedFiguresOf(t.db, o.orgId, cycle!))!.groups;
    expect(view.groups).toEqual(groups.filter((g) => view.groups.some((x) => x.id === g.id)));
    expect(view.group).toEqual(groups[0]);
    const org = groups.find((g) => g.kind === "org")!;
    // Every report answered: n − 1 people on the report side.
    expect(org.participation.employeeSubmitted).toEqual({ hidden: false, value: n - 1 });
    const teams = groups.filter((g) => g.kind === "team");
    expect(view.teams.count).toBe(teams.length);
    expect(teams.map((g) => g.id)).toContain(`team:${o.ids[0]}`);
    if (managerOf(2) === 1) {
      // The chain: 999 managers, so the pairs' figures are shown for the organization…
      expect(org.participation.complete).toEqual({ hidden: false, value: o.pairs });
      // …a team for every manager with a report below (their teams nested one in the next)…
      expect(teams.length).toBe(n - 1);
      // …and neighbouring teams, one pair apart, are never both shown.
      const shown = new Set(teams.filter((g) => !g.hidden).map((g) => g.id));
      expect(shown.size).toBeGreaterThan(0);
      for (let i = 0; i + 1 < n; i++) expect(shown.has(`team:${o.ids[i]}`) && shown.has(`team:${o.ids[i + 1]}`)).toBe(false);
    } else {
      // The flat team: one person answers every manager side, so no pair figure and no
      // manager figure is shown anywhere; the reports' side is.
      expect(groups.every((g) => g.participation.complete.hidden && g.participation.managerSubmitted.hidden)).toBe(true);
      expect(org.dimensions[0]?.mean.employee.hidden).toBe(false);
    }
  }, 120_000);
});
