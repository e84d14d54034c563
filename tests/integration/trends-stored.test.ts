import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, cycles, departments, organizations, pairs, people, responses, trendGroupFigures, trendSnapshots } from "@/db/schema";
import type { Side } from "@/server/assessment/item-bank";
import { getItemBank } from "@/server/assessment/item-bank";
import { setManager } from "@/server/services/people/set-manager";
import { computeCycleFigures } from "@/server/services/trends/compute";
import { loadCycleInputs, openedCycles } from "@/server/services/trends/inputs";
import { runFiguresRefresh } from "@/server/jobs/worker";
import { refreshStaleFigures } from "@/server/services/trends/stored-figures";
import { completeAnswers } from "../support/answers";
import type { Caller } from "../support/assessments";
import { createTestDb, type TestDb } from "../support/db";
import { callerFor, createDepartment, createOrg, createPerson } from "../support/factories";

// HR trend figures are computed once when a cycle's data changes and read from storage on
// every other view (docs/performance.md). What users rely on: a view always shows what a
// computation from scratch would show right now, whatever changed and through whichever write
// path (the triggers of migration 0006 see every write, services or not); a view that nothing
// changed before is not computed again; and one organization's changes never touch another's.

let t: TestDb;
const SIDES: Side[] = ["employee", "manager"];

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

interface BuiltOrg {
  orgId: string;
  hr: Caller;
  cycleIds: string[];
  person: Map<string, string>;
  dept: Record<"eng" | "sales", string>;
}

let now = Date.now() - 3_600_000;
const tick = () => new Date((now += 1000));

/** Two departments, three managers with six to seven reports each, and two closed cycles (in the second one report did not answer). */
async function buildOrg(name: string): Promise<BuiltOrg> {
  const org = await createOrg(t.db, name);
  const orgId = org.id;
  const dept = { eng: (await createDepartment(t.db, orgId, "Engineering")).id, sales: (await createDepartment(t.db, orgId, "Sales")).id };
  const person = new Map<string, string>();
  const add = async (who: string, manager: string | null, department: keyof typeof dept | null, roles: ("hr_admin" | "owner")[] = []) => {
    const p = await createPerson(t.db, orgId, { name: `${who} (${name})`, ...(department ? { departmentId: dept[department] } : {}), roles });
    if (manager) await t.db.transaction((tx) => setManager(tx, { orgId, personId: p.id, managerId: person.get(manager)!, at: tick() }));
    person.set(who, p.id);
  };
  await add("Chief", null, null, ["owner"]);
  await add("HR", "Chief", null, ["hr_admin"]);
  await add("Ana", "Chief", "eng");
  await add("Bo", "Chief", "sales");
  await add("Cy", "Ana", "eng");
  for (let i = 1; i <= 6; i++) await add(`Ana report ${i}`, "Ana", "eng");
  for (let i = 1; i <= 7; i++) await add(`Bo report ${i}`, "Bo", "sales");
  for (let i = 1; i <= 6; i++) await add(`Cy report ${i}`, "Cy", "eng");

  const cycleIds: string[] = [];
  for (const [c, skip] of [[0, null], [1, "Ana report 1"]] as const) {
    const openedAt = tick();
    const [cycle] = await t.db
      .insert(cycles)
      .values({ orgId, name: `Cycle ${c + 1}`, opensOn: `2026-0${c + 1}-05`, closesOn: `2026-0${c + 1}-28`, status: "closed", bankVersion: 1, minGroupSize: 5, openedAt, closedAt: tick() })
      .returning({ id: cycles.id });
    const open = await t.db.select({ id: pairs.id, managerId: pairs.managerId, reportId: pairs.reportId }).from(pairs).where(and(eq(pairs.orgId, orgId), isNull(pairs.endedAt)));
    for (const [i, pair] of open.entries()) {
      const [a] = await t.db.insert(assessments).values({ orgId, pairId: pair.id, kind: "cycle", cycleId: cycle!.id, bankVersion: 1, dueOn: "2026-02-28" }).returning({ id: assessments.id });
      const answered = pair.reportId !== (skip ? person.get(skip) : undefined);
      await t.db.insert(responses).values(
        SIDES.map((side, s) => ({
          orgId,
          assessmentId: a!.id,
          side,
          respondentId: side === "employee" ? pair.reportId : pair.managerId,
          answers: answered ? completeAnswers(1, {}, 1 + ((i * 3 + s + c) % 5)) : {},
          submittedAt: answered ? openedAt : null,
        })),
      );
    }
    cycleIds.push(cycle!.id);
  }
  return { orgId, hr: callerFor(t.db, person.get("HR")!), cycleIds, person, dept };
}

/** The cycle's figures computed from the database now, bypassing storage. */
async function fromScratch(orgId: string, cycleId: string) {
  const [cycle] = await openedCycles(t.db, orgId, cycleId);
  const input = await loadCycleInputs(t.db, orgId, cycle!);
  return { k: input.k, groups: computeCycleFigures(getItemBank(input.bankVersion), input.groups, input.invited, input.rows, input.k) };
}

async function computedAt(cycleId: string) {
  const [row] = await t.db.select({ at: trendSnapshots.computedAt }).from(trendSnapshots).where(eq(trendSnapshots.cycleId, cycleId));
  return row?.at.getTime();
}

/** The view equals a computation from scratch, for the cycle and for every group's series. */
async function expectCurrent(o: BuiltOrg, cycleId: string) {
  const view = await o.hr.trends.cycle({ cycleId });
  const scratch = await fromScratch(o.orgId, cycleId);
  expect({ k: view.k, groups: view.groups }).toEqual(scratch);
  const series = await o.hr.trends.series({ groupId: `org:${o.orgId}` });
  const org = scratch.groups.find((g) => g.id === `org:${o.orgId}`)!;
  expect(series.find((s) => s.cycle.id === cycleId)?.dimensions).toEqual(org.dimensions.map((d) => ({ key: d.key, name: d.name, mean: d.mean, meanAbsGap: d.meanAbsGap })));
  return view;
}

describe("stored trend figures", () => {
  let a: BuiltOrg;
  let b: BuiltOrg;

  beforeAll(async () => {
    a = await buildOrg("Acme");
    b = await buildOrg("Globex");
  });

  it("computes a cycle once, stores every group, and reads it back on the next views", async () => {
    const [first, second] = a.cycleIds as [string, string];
    expect(await computedAt(first)).toBeUndefined();
    const view = await expectCurrent(a, first);
    const stored = await t.db.select({ groupId: trendGroupFigures.groupId }).from(trendGroupFigures).where(eq(trendGroupFigures.cycleId, first));
    expect(stored.map((r) => r.groupId).sort()).toEqual(view.groups.map((g) => g.id).sort());
    // Some figures are shown, so the comparison above compared numbers, not only hidden cells.
    expect(view.groups.find((g) => g.kind === "org")?.dimensions[0]?.mean.employee.hidden).toBe(false);
    // …and groups hidden on both sides (stored in short) came back cell for cell.
    expect(view.groups.filter((g) => g.hidden).length).toBeGreaterThan(0);
    const at = await computedAt(first);
    // The series computed the other cycle too, once.
    const atSecond = await computedAt(second);
    expect(atSecond).toBeDefined();
    await a.hr.trends.cycle({ cycleId: first });
    await a.hr.trends.series({ groupId: a.dept.eng });
    await a.hr.trends.series({ groupId: `team:${a.person.get("Ana")}` });
    expect(await computedAt(first)).toBe(at);
    expect(await computedAt(second)).toBe(atSecond);
  });

  // Each change goes straight to the database, as any write path might: the stored figures
  // must notice it through the triggers, not through the services' cooperation.
  const changes: [string, (o: BuiltOrg) => Promise<unknown>][] = [
    [
      "a late response is submitted",
      async (o) => {
        const [late] = await t.db
          .select({ id: responses.id })
          .from(responses)
          .innerJoin(assessments, eq(assessments.id, responses.assessmentId))
          .where(and(eq(assessments.cycleId, o.cycleIds[1]!), eq(responses.respondentId, o.person.get("Ana report 1")!)));
        return t.db.update(responses).set({ answers: completeAnswers(1, {}, 1), submittedAt: tick() }).where(eq(responses.id, late!.id));
      },
    ],
    [
      "a submitted answer is corrected",
      async (o) => {
        const [answered] = await t.db
          .select({ id: responses.id, answers: responses.answers })
          .from(responses)
          .innerJoin(assessments, eq(assessments.id, responses.assessmentId))
          .where(and(eq(assessments.cycleId, o.cycleIds[1]!), eq(responses.respondentId, o.person.get("Bo report 2")!)));
        const scale = Object.values(answered!.answers).includes(1) ? 5 : 1;
        return t.db.update(responses).set({ answers: completeAnswers(1, {}, scale) }).where(eq(responses.id, answered!.id));
      },
    ],
    ["a department is renamed", (o) => t.db.update(departments).set({ name: "Revenue" }).where(eq(departments.id, o.dept.sales))],
    ["a person moves to another department", (o) => t.db.update(people).set({ departmentId: o.dept.sales }).where(eq(people.id, o.person.get("Cy report 1")!))],
    ["a manager is renamed (the team's name)", (o) => t.db.update(people).set({ name: "Ana Renamed" }).where(eq(people.id, o.person.get("Ana")!))],
    ["the organization is renamed", (o) => t.db.update(organizations).set({ name: "Acme Renamed" }).where(eq(organizations.id, o.orgId))],
    ["the cycle's k changes", (o) => t.db.update(cycles).set({ minGroupSize: 3 }).where(eq(cycles.orgId, o.orgId))],
    ["a department is added", (o) => createDepartment(t.db, o.orgId, "Legal")],
    ["a response is deleted", (o) => t.db.delete(responses).where(eq(responses.respondentId, o.person.get("Bo report 3")!))],
    ["an assessment is removed from the cycle", async (o) => {
      const [pair] = await t.db.select({ id: pairs.id }).from(pairs).where(eq(pairs.reportId, o.person.get("Cy report 3")!));
      return t.db.delete(assessments).where(eq(assessments.pairId, pair!.id));
    }],
  ];

  it.each(changes)("when %s, the next view shows it, as computed from scratch, and the other organization's figures stay stored", async (_, change) => {
    const cycleId = a.cycleIds[1]!;
    const before = await expectCurrent(a, cycleId);
    await expectCurrent(b, b.cycleIds[1]!);
    const otherAt = await computedAt(b.cycleIds[1]!);
    const at = await computedAt(cycleId);

    await change(a);

    const after = await expectCurrent(a, cycleId);
    expect(after).not.toEqual(before);
    expect(await computedAt(cycleId)).not.toBe(at);
    await expectCurrent(b, b.cycleIds[1]!);
    expect(await computedAt(b.cycleIds[1]!)).toBe(otherAt);
  });

  it("when a report changes manager after a cycle, it is recomputed and still shows the teams as they were when the cycle opened", async () => {
    const cycleId = a.cycleIds[1]!;
    const before = await expectCurrent(a, cycleId);
    const at = await computedAt(cycleId);
    await t.db.transaction((tx) => setManager(tx, { orgId: a.orgId, personId: a.person.get("Cy report 2")!, managerId: a.person.get("Bo")!, at: tick() }));
    expect(await expectCurrent(a, cycleId)).toEqual(before);
    expect(await computedAt(cycleId)).not.toBe(at);
  });

  it("a draft being typed does not make the figures stale", async () => {
    const cycleId = a.cycleIds[1]!;
    const [pair] = await t.db.select({ id: pairs.id, managerId: pairs.managerId, reportId: pairs.reportId }).from(pairs).where(and(eq(pairs.reportId, a.person.get("Ana report 2")!), isNull(pairs.endedAt)));
    const [draft] = await t.db
      .insert(assessments)
      .values({ orgId: a.orgId, pairId: pair!.id, kind: "check_in", bankVersion: 1 })
      .returning({ id: assessments.id });
    await expectCurrent(a, cycleId);
    const at = await computedAt(cycleId);
    await t.db.insert(responses).values({ orgId: a.orgId, assessmentId: draft!.id, side: "employee", respondentId: pair!.reportId, answers: { trust_1: 3 } });
    await t.db.update(responses).set({ answers: { trust_1: 4 } }).where(eq(responses.assessmentId, draft!.id));
    await t.db.update(people).set({ title: "Lead" }).where(eq(people.id, pair!.reportId));
    await a.hr.trends.cycle({ cycleId });
    expect(await computedAt(cycleId)).toBe(at);
  });

  it("the background refresh recomputes stale snapshots, so the next view only reads", async () => {
    const [first, second] = a.cycleIds as [string, string];
    await expectCurrent(a, second);
    await t.db.update(departments).set({ name: "Platform" }).where(eq(departments.id, a.dept.eng));
    const at = [await computedAt(first), await computedAt(second)];
    // As the app servers' background loop runs it: one server at a time, two cycles a round.
    expect(await runFiguresRefresh(t.db)).toBe(2);
    const refreshed = [await computedAt(first), await computedAt(second)];
    expect(refreshed[0]).not.toBe(at[0]);
    expect(refreshed[1]).not.toBe(at[1]);
    expect(await refreshStaleFigures(t.db, 10)).toBe(0);
    const view = await expectCurrent(a, second);
    expect(view.groups.some((g) => g.name === "Platform")).toBe(true);
    expect([await computedAt(first), await computedAt(second)]).toEqual(refreshed);
  });
});
