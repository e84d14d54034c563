import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, departments, organizations, people, responses, trendContributors, trendGroupFigures, trendSnapshots } from "@/db/schema";
import { getItemBank } from "@/server/assessments/item-bank";
import { setManager } from "@/server/people/set-manager";
import { computeCycleFigures, contributorsFromAnswers } from "@/server/trends/compute";
import { freezeCycleGroups, loadCycleInputs, openedCycles } from "@/server/trends/inputs";
import { runFiguresRefresh } from "@/server/jobs/worker";
import { inputsOf, publishDueFigures } from "@/server/trends/stored-figures";
import { CONTRIBUTORS_FORMAT, storedContributorsOf } from "@/server/trends/stored-contributors";
import { completeAnswers } from "../support/answers";
import { closedCycleOverOpenPairs, cycleWithGroups, settleTrends } from "../support/trends";
import { outcomeOf, type Caller } from "../support/assessments";
import { createTestDb, type TestDb } from "../support/db";
import { callerFor, createDepartment, createOrg, createPerson } from "../support/factories";

// HR trend figures are published once, by the worker, after a cycle closes, and only read
// afterwards (PRODUCT.md §5 rule 5). What users rely on: an open cycle shows no figures; a view
// never computes or writes anything; a published cycle's figures never change, whatever is done
// to people, departments, reporting lines, answers or k afterwards, through whichever write path;
// a change of figure format recomputes them from the same frozen inputs, to the same figures; and
// one organization's publication never touches another's.

let t: TestDb;

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
  for (const [c, skip] of [
    [0, null],
    [1, "Ana report 1"],
  ] as const) {
    const openedAt = tick();
    const cycleId = await closedCycleOverOpenPairs(
      t.db,
      { orgId, name: `Cycle ${c + 1}`, opensOn: `2026-0${c + 1}-05`, closesOn: `2026-0${c + 1}-28`, dueOn: "2026-02-28", openedAt, closedAt: tick() },
      { answered: (pair) => pair.reportId !== (skip ? person.get(skip) : undefined), vary: c },
    );
    // What openCycle does in its transaction: the groups as they stand when the cycle opens.
    await freezeCycleGroups(t.db, orgId, cycleId, openedAt);
    cycleIds.push(cycleId);
  }
  return { orgId, hr: callerFor(t.db, person.get("HR")!), cycleIds, person, dept };
}

/** The cycle's figures computed now from its frozen inputs, bypassing storage, against the cycles published before it. */
async function fromScratch(orgId: string, cycleId: string) {
  const all = await openedCycles(t.db, orgId);
  const cycle = all.find((c) => c.id === cycleId)!;
  const input = await loadCycleInputs(t.db, orgId, cycle);
  const earlier = [];
  for (const c of all.filter((x) => x.publishedAt !== null && x.publishedAt < cycle.publishedAt!)) {
    const inputs = await loadCycleInputs(t.db, orgId, c);
    earlier.push({
      id: c.id,
      groups: inputs.groups,
      invited: inputs.invited,
      rows: inputs.rows,
      figures: (await cycleWithGroups(a0.hr, { cycleId: c.id })).groups,
    });
  }
  return { k: input.k, groups: computeCycleFigures(getItemBank(input.bankVersion), input.groups, input.invited, input.rows, input.k, earlier) };
}
let a0: BuiltOrg;

async function computedAt(cycleId: string) {
  const [row] = await t.db.select({ at: trendSnapshots.computedAt }).from(trendSnapshots).where(eq(trendSnapshots.cycleId, cycleId));
  return row?.at.getTime();
}

/** Everything HR can read of an organization's trends: every cycle, every group's series, every export. */
async function everythingHrReads(o: BuiltOrg) {
  const first = await o.hr.trends.cycle({});
  const views = [];
  for (const c of first.cycles) views.push(await cycleWithGroups(o.hr, { cycleId: c.id }));
  const groupIds = [...new Set(views.flatMap((v) => v.groups.map((g) => g.id)))];
  const series = [];
  for (const groupId of groupIds) series.push(await o.hr.trends.series({ groupId }));
  const csv = [];
  for (const v of views) if (v.cycle?.figures === "published") csv.push((await o.hr.trends.exportCsv({ cycleId: v.cycle.id })).csv);
  const cycles = (await o.hr.cycles.list()).map((c) => ({ id: c.id, participation: c.participation }));
  return { views, series, csv, cycles };
}

describe("published trend figures", () => {
  let a: BuiltOrg;
  let b: BuiltOrg;

  beforeAll(async () => {
    a = await buildOrg("Acme");
    a0 = a;
    b = await buildOrg("Globex");
  });

  it("a closed cycle reads as being prepared until the worker publishes it; a view computes and writes nothing", async () => {
    const [first] = a.cycleIds as [string, string];
    const before = t.statements.length;
    const view = await a.hr.trends.cycle({ cycleId: first });
    expect(view.cycle?.figures).toBe("preparing");
    expect(view.rows).toEqual([]);
    expect(view.group).toBeNull();
    expect(await a.hr.trends.series({})).toEqual([]);
    expect((await outcomeOf(a.hr.trends.exportCsv({ cycleId: first }))).code).toBe("CONFLICT");
    const written = t.statements.slice(before).filter((q) => /^\s*(insert|update|delete)\b/i.test(q) && !/audit_log/.test(q));
    expect(written).toEqual([]);
    expect(await computedAt(first)).toBeUndefined();
  });

  it("publishes every closed cycle once, in the order they closed, and reads it back unchanged", async () => {
    const [first, second] = a.cycleIds as [string, string];
    expect(await settleTrends(t.db)).toBe(4);
    const view = await cycleWithGroups(a.hr, { cycleId: first });
    expect(view.cycle?.figures).toBe("published");
    expect({ k: view.k, groups: view.groups }).toEqual(await fromScratch(a.orgId, first));
    expect((await cycleWithGroups(a.hr, { cycleId: second })).groups).toEqual((await fromScratch(a.orgId, second)).groups);
    const stored = await t.db.select({ groupId: trendGroupFigures.groupId }).from(trendGroupFigures).where(eq(trendGroupFigures.cycleId, first));
    expect(stored.map((r) => r.groupId).sort()).toEqual(view.groups.map((g) => g.id).sort());
    // Some figures are shown, so the comparisons compared numbers, not only hidden cells…
    expect(view.groups.find((g) => g.kind === "org")?.dimensions[0]?.mean.employee.hidden).toBe(false);
    // …and groups hidden on both sides (stored in short) came back cell for cell.
    expect(view.groups.filter((g) => g.hidden).length).toBeGreaterThan(0);
    // Without a cycle id, the latest cycle with figures.
    expect((await a.hr.trends.cycle({})).cycle?.id).toBe(second);
    const at = await computedAt(first);
    expect(await settleTrends(t.db)).toBe(0);
    expect(await computedAt(first)).toBe(at);
  });

  // Each change goes straight to the database, as any write path might.
  const changes: [string, (o: BuiltOrg) => Promise<unknown>][] = [
    [
      "a late response is submitted",
      async (o) => {
        const [late] = await t.db
          .select({ id: responses.id })
          .from(responses)
          .innerJoin(assessments, eq(assessments.id, responses.assessmentId))
          .where(and(eq(assessments.cycleId, o.cycleIds[1]!), eq(responses.respondentId, o.person.get("Ana report 1")!)));
        return t.db
          .update(responses)
          .set({ answers: completeAnswers(1, {}, 1), submittedAt: tick() })
          .where(eq(responses.id, late!.id));
      },
    ],
    ["a department is renamed", (o) => t.db.update(departments).set({ name: "Revenue" }).where(eq(departments.id, o.dept.sales))],
    [
      "a person moves to another department",
      (o) =>
        t.db
          .update(people)
          .set({ departmentId: o.dept.sales })
          .where(eq(people.id, o.person.get("Cy report 1")!)),
    ],
    [
      "a manager is renamed (the team's name)",
      (o) =>
        t.db
          .update(people)
          .set({ name: "Ana Renamed" })
          .where(eq(people.id, o.person.get("Ana")!)),
    ],
    [
      "someone is deactivated",
      (o) =>
        t.db
          .update(people)
          .set({ deactivatedAt: tick() })
          .where(eq(people.id, o.person.get("Bo report 4")!)),
    ],
    [
      "the organization is renamed and its k changes",
      (o) => t.db.update(organizations).set({ name: "Acme Renamed", minGroupSize: 3 }).where(eq(organizations.id, o.orgId)),
    ],
    ["a department is added", (o) => createDepartment(t.db, o.orgId, "Legal")],
    [
      "a report changes manager",
      (o) => t.db.transaction((tx) => setManager(tx, { orgId: o.orgId, personId: o.person.get("Cy report 2")!, managerId: o.person.get("Bo")!, at: tick() })),
    ],
  ];

  it.each(changes)("when %s, everything HR reads of the closed cycles stays exactly as published", async (_, change) => {
    await settleTrends(t.db);
    const before = await everythingHrReads(a);
    const other = await everythingHrReads(b);
    await change(a);
    await settleTrends(t.db);
    expect(await everythingHrReads(a)).toEqual(before);
    expect(await everythingHrReads(b)).toEqual(other);
  });

  it("a new figure format recomputes published cycles from the same frozen inputs, to the same figures, in publication order", async () => {
    const before = await everythingHrReads(a);
    const other = await everythingHrReads(b);
    const otherAt = await computedAt(b.cycleIds[0]!);
    // As if the code's FIGURES_FORMAT had changed since a's cycles were published.
    await t.db.update(trendSnapshots).set({ inputs: "f0" }).where(eq(trendSnapshots.orgId, a.orgId));
    const stale = await a.hr.trends.cycle({ cycleId: a.cycleIds[1] });
    expect(stale.cycle?.figures).toBe("preparing");
    // As the app servers' background loop runs it: one server at a time, one cycle of an
    // organization a round, the earlier cycle first.
    expect(await runFiguresRefresh(t.db)).toBe(1);
    expect((await a.hr.trends.cycle({ cycleId: a.cycleIds[0] })).cycle?.figures).toBe("published");
    expect((await a.hr.trends.cycle({ cycleId: a.cycleIds[1] })).cycle?.figures).toBe("preparing");
    expect(await runFiguresRefresh(t.db)).toBe(1);
    expect(await publishDueFigures(t.db, 10)).toBe(0);
    expect(await everythingHrReads(a)).toEqual(before);
    expect(await everythingHrReads(b)).toEqual(other);
    expect(await computedAt(b.cycleIds[0]!)).toBe(otherAt);
  });

  it("a cycle checked against the earlier cycle's kept contributor sets decides as against its reloaded answers, and one published before they were kept has them made", async () => {
    await settleTrends(t.db);
    const [first, second] = a.cycleIds as [string, string];
    const before = await everythingHrReads(a);
    const published = (await cycleWithGroups(a.hr, { cycleId: second })).groups;
    // The second cycle lacks one report of Ana's team: the across-cycles rule hides what the
    // first cycle showed of it, so the comparison below compares decisions it made.
    const all = await openedCycles(t.db, a.orgId);
    const input = await loadCycleInputs(
      t.db,
      a.orgId,
      all.find((c) => c.id === second)!,
    );
    const alone = computeCycleFigures(getItemBank(input.bankVersion), input.groups, input.invited, input.rows, input.k);
    expect(alone).not.toEqual(published);
    expect(published).toEqual((await fromScratch(a.orgId, second)).groups);
    // What was kept of the first cycle is what its answers and figures give.
    const kept = await storedContributorsOf(t.db, a.orgId, first, inputsOf());
    const firstInputs = await loadCycleInputs(
      t.db,
      a.orgId,
      all.find((c) => c.id === first)!,
    );
    const firstFigures = (await cycleWithGroups(a.hr, { cycleId: first })).groups;
    expect(kept).toEqual(contributorsFromAnswers(getItemBank(1), { id: first, ...firstInputs, figures: firstFigures }));

    // As if both were published before contributor sets were kept, or kept in another encoding:
    // the second cycle, due again, is checked against the first one's answers, to the same
    // figures, and the first cycle's sets are made and kept.
    for (const change of [
      () => t.db.delete(trendContributors).where(eq(trendContributors.orgId, a.orgId)),
      () => t.db.update(trendContributors).set({ format: "contributors-0" }).where(eq(trendContributors.orgId, a.orgId)),
      () =>
        t.db
          .update(trendContributors)
          .set({ data: new Uint8Array([1, 2, 3]) })
          .where(eq(trendContributors.cycleId, first)),
    ]) {
      await change();
      await t.db.update(trendSnapshots).set({ inputs: "f0" }).where(eq(trendSnapshots.cycleId, second));
      expect(await settleTrends(t.db)).toBe(1);
      expect(await everythingHrReads(a)).toEqual(before);
      const rows = await t.db
        .select({ cycleId: trendContributors.cycleId, format: trendContributors.format })
        .from(trendContributors)
        .where(eq(trendContributors.orgId, a.orgId));
      expect(rows.map((r) => [r.cycleId, r.format]).sort()).toEqual([first, second].sort().map((id) => [id, CONTRIBUTORS_FORMAT]));
      expect(await storedContributorsOf(t.db, a.orgId, first, inputsOf())).toEqual(kept);
    }
    // Kept sets of figures of another format are not read.
    expect(await storedContributorsOf(t.db, a.orgId, first, "f0")).toBeNull();
  });

  it("one organization's backlog does not hold back another's: each round takes one cycle of each organization due", async () => {
    await settleTrends(t.db);
    // a's two cycles are due again (as after a change of format), and b's second cycle too, so
    // a's backlog is older than b's.
    await t.db.update(trendSnapshots).set({ inputs: "f0" }).where(eq(trendSnapshots.orgId, a.orgId));
    await t.db.update(trendSnapshots).set({ inputs: "f0" }).where(eq(trendSnapshots.cycleId, b.cycleIds[1]!));
    expect(await publishDueFigures(t.db, 10)).toBe(2);
    expect((await b.hr.trends.cycle({ cycleId: b.cycleIds[1] })).cycle?.figures).toBe("published");
    expect((await a.hr.trends.cycle({ cycleId: a.cycleIds[0] })).cycle?.figures).toBe("published");
    expect((await a.hr.trends.cycle({ cycleId: a.cycleIds[1] })).cycle?.figures).toBe("preparing");
    // A round whose time is up starts nothing after its first cycle.
    await t.db.update(trendSnapshots).set({ inputs: "f0" }).where(eq(trendSnapshots.cycleId, b.cycleIds[1]!));
    expect(await publishDueFigures(t.db, 10, 0)).toBe(1);
    expect(await settleTrends(t.db)).toBe(1);
  });
});
