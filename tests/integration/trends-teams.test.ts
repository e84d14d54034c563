import { and, eq, gt, isNotNull, isNull, lte, ne, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, cycles, orgRoles, pairs, people, responses, trendGroupFigures } from "@/db/schema";
import { seedDemoOrg } from "@/db/seed/demo-org";
import { HIDDEN_REASON } from "@/server/analysis/anonymity";
import type { Side } from "@/server/assessments/item-bank";
import { setManager } from "@/server/people/set-manager";
import { outcomeOf, type Caller } from "../support/assessments";
import { createTestDb, type TestDb } from "../support/db";
import { cellsIn, closedCycleOverOpenPairs, cycleWithGroups, settleTrends, type ViewedGroup } from "../support/trends";
import { callerFor, createDepartment, createOrg, createPerson, databaseFingerprint } from "../support/factories";

// Org trends by team (a manager's whole subtree, PRODUCT.md §5), next to the org and its
// departments. Teams nest in each other and cut across departments, so every figure is checked
// here against the people themselves, computed from the database independently of the code
// under test: no figure from fewer than k people on a side it reports, and no two published
// groups, nor any combination of them, that differ by 1 to k−1 people.

let t: TestDb;
const report = alias(people, "report");
const SIDES: Side[] = ["employee", "manager"];

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

// ---------------------------------------------------------------------------------------------
// What the database says, independently of server/trends

interface Truth {
  /** Per group id, per side: answering pair (assessment id) → the person who answered. */
  sides: Map<string, Record<Side, Map<string, string>>>;
  /** Per group id: complete pairs (assessment id) → the two people. */
  complete: Map<string, Map<string, Record<Side, string>>>;
  /** Team group id → the manager's name. */
  teams: Map<string, string>;
}

/** Who answered, per group: the org, the report's department, and the team of every manager above the pair as reporting lines stood when the cycle opened. */
async function truthOf(orgId: string, cycleId: string): Promise<Truth> {
  const [cycle] = await t.db.select({ openedAt: cycles.openedAt }).from(cycles).where(eq(cycles.id, cycleId));
  const openedAt = cycle!.openedAt!;
  const lines = await t.db
    .select({ managerId: pairs.managerId, reportId: pairs.reportId })
    .from(pairs)
    .where(and(eq(pairs.orgId, orgId), lte(pairs.startedAt, openedAt), or(isNull(pairs.endedAt), gt(pairs.endedAt, openedAt))));
  const managerOf = new Map(lines.map((l) => [l.reportId, l.managerId]));
  const invited = await t.db
    .select({ assessmentId: assessments.id, managerId: pairs.managerId, departmentId: report.departmentId })
    .from(assessments)
    .innerJoin(pairs, eq(pairs.id, assessments.pairId))
    .innerJoin(report, eq(report.id, pairs.reportId))
    .where(eq(assessments.cycleId, cycleId));
  const answered = await t.db
    .select({ assessmentId: responses.assessmentId, side: responses.side, respondentId: responses.respondentId })
    .from(responses)
    .innerJoin(assessments, eq(assessments.id, responses.assessmentId))
    .where(and(eq(assessments.cycleId, cycleId), isNotNull(responses.submittedAt)));
  const names = new Map((await t.db.select({ id: people.id, name: people.name }).from(people).where(eq(people.orgId, orgId))).map((p) => [p.id, p.name]));

  const groupsOf = new Map<string, string[]>();
  const teams = new Map<string, string>();
  for (const a of invited) {
    const groups = [`org:${orgId}`, ...(a.departmentId ? [a.departmentId] : [])];
    for (let m: string | undefined = a.managerId; m !== undefined; m = managerOf.get(m)) {
      groups.push(`team:${m}`);
      teams.set(`team:${m}`, names.get(m)!);
    }
    groupsOf.set(a.assessmentId, groups);
  }
  const sides = new Map<string, Record<Side, Map<string, string>>>();
  const bySide = new Map<string, Partial<Record<Side, string>>>();
  for (const r of answered) {
    for (const g of groupsOf.get(r.assessmentId) ?? []) {
      if (!sides.has(g)) sides.set(g, { employee: new Map(), manager: new Map() });
      sides.get(g)![r.side].set(r.assessmentId, r.respondentId);
    }
    bySide.set(r.assessmentId, { ...bySide.get(r.assessmentId), [r.side]: r.respondentId });
  }
  const complete = new Map<string, Map<string, Record<Side, string>>>();
  for (const [assessmentId, who] of bySide) {
    if (!who.employee || !who.manager) continue;
    for (const g of groupsOf.get(assessmentId) ?? []) {
      if (!complete.has(g)) complete.set(g, new Map());
      complete.get(g)!.set(assessmentId, { employee: who.employee, manager: who.manager });
    }
  }
  return { sides, complete, teams };
}

/** Distinct people behind the contributions of `a` that `b` doesn't hold. */
function peopleOutside<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>, personOf: (value: T) => string): number {
  const outside = new Set<string>();
  for (const [contribution, value] of a) if (!b.has(contribution)) outside.add(personOf(value));
  return outside.size;
}

/**
 * On a set of published groups (contribution → what identifies its people): every group, every
 * difference of two groups either way, and every atom (contributions held by exactly the same
 * published groups: any sum or difference of published figures is a sum of atoms) is none or
 * at least k people, counted by each of `people`.
 */
function expectNoSmallDifference<T>(what: string, published: { name: string; members: ReadonlyMap<string, T> }[], k: number, people: ((value: T) => string)[]) {
  for (const personOf of people) {
    for (const g of published) expect(peopleOutside(g.members, new Map(), personOf), `${what}: ${g.name}`).toBeGreaterThanOrEqual(k);
    published.forEach((a, i) => {
      for (const b of published.slice(i + 1)) {
        for (const [x, y] of [
          [a, b],
          [b, a],
        ] as const) {
          const outside = peopleOutside(x.members, y.members, personOf);
          expect(outside === 0 || outside >= k, `${what}: ${x.name} minus ${y.name} is ${outside} people`).toBe(true);
        }
      }
    });
    const atoms = new Map<string, Map<string, T>>();
    const held = new Map<string, { groups: string[]; value: T }>();
    for (const g of published) for (const [c, value] of g.members) held.set(c, { groups: [...(held.get(c)?.groups ?? []), g.name], value });
    for (const [c, { groups, value }] of held) atoms.set(groups.join(" ∩ "), (atoms.get(groups.join(" ∩ ")) ?? new Map()).set(c, value));
    for (const [atom, members] of atoms) expect(peopleOutside(members, new Map(), personOf), `${what}: only in ${atom}`).toBeGreaterThanOrEqual(k);
  }
}

type CycleView = Awaited<ReturnType<typeof cycleWithGroups>>;
type GroupView = ViewedGroup;

/** Every rule of PRODUCT.md §5 that can be checked on one cycle's view against the people. */
function expectAnonymous(view: CycleView, truth: Truth) {
  const k = view.k!;
  const empty = { employee: new Map<string, string>(), manager: new Map<string, string>() };
  for (const g of view.groups) {
    const who = truth.sides.get(g.id) ?? empty;
    const pairsOf = truth.complete.get(g.id) ?? new Map();
    for (const c of cellsIn(g)) {
      if (c.hidden) {
        expect(c).toEqual({ hidden: true, reason: HIDDEN_REASON });
        continue;
      }
      // A visible cell carries its value alone: no count that could differ from participation.
      expect(Object.keys(c).sort()).toEqual(["hidden", "value"]);
    }
    for (const side of SIDES) {
      const shown = g.dimensions.some((d) => !d.mean[side].hidden || !d.alpha[side].hidden) || !g.chooseAgain[side].hidden || !g.stance[side].hidden;
      if (!shown) continue;
      expect(g.hiddenSides, `${g.name} shows a ${side} figure while hidden on that side`).not.toContain(side);
      expect(new Set(who[side].values()).size, `${g.name} ${side}`).toBeGreaterThanOrEqual(k);
    }
    for (const side of SIDES) if (new Set(who[side].values()).size < k) expect(g.hiddenSides, `${g.name} has too few on ${side}`).toContain(side);
    // Pair figures: shown only from k people on each side among complete pairs.
    if (!g.participation.complete.hidden) {
      for (const side of SIDES) expect(new Set([...pairsOf.values()].map((p) => p[side])).size).toBeGreaterThanOrEqual(k);
    }
  }
  // Each side: the groups whose figures of that side are published.
  for (const side of SIDES) {
    const published = view.groups.filter((g) => !g.hiddenSides.includes(side)).map((g) => ({ name: g.name, members: (truth.sides.get(g.id) ?? empty)[side] }));
    expectNoSmallDifference(side, published, k, [(person) => person]);
  }
  // Pair figures (gap, agreement, large-gap share, complete pairs): on complete pairs, by the
  // people on each side.
  const pairFigures = (g: GroupView) => [g.participation.complete, g.largeTrustOrGoalsGapShare, ...g.dimensions.flatMap((d) => [d.meanAbsGap, d.agreement])];
  const publishedPairs = view.groups
    .filter((g) => pairFigures(g).some((c) => !c.hidden))
    .map((g) => ({ name: g.name, members: truth.complete.get(g.id) ?? new Map<string, Record<Side, string>>() }));
  expectNoSmallDifference("complete pairs", publishedPairs, k, [(p) => p.employee, (p) => p.manager]);
}

/** No person's name or id in a response, except a manager's in "Team of <name>" and "team:<id>". */
function expectOnlyTeamNames(result: unknown, everyone: { id: string; name: string }[], truth: Truth) {
  let text = JSON.stringify(result);
  for (const [teamId, name] of truth.teams) text = text.replaceAll(`"${teamId}"`, '""').replaceAll(`Team of ${name}`, "Team of");
  for (const p of everyone) {
    expect(text).not.toContain(p.id);
    expect(text).not.toContain(p.name);
  }
}

// ---------------------------------------------------------------------------------------------
// A small organization built for it: nested teams that differ by one person, a team across two
// departments, teams under k.
//
//   Chief ─┬─ Hana (Engineering) ─┬─ Mia ─ 5 reports            team of Hana: 12 pairs
//          │                      ├─ Max ─ 4 reports            Engineering: 13 (Hana too)
//          │                      └─ Eli
//          ├─ Sven (Sales) ─ 6 reports in Sales, 2 in Support   team of Sven: 8, Sales 7
//          └─ Vera (Support) ─ 5 reports                        Support: 8
// ---------------------------------------------------------------------------------------------

describe("trends by team: a built organization with small, nested and crossing teams", () => {
  let orgId: string;
  let hr: Caller;
  const person = new Map<string, { id: string; name: string }>();
  const cycleIds: string[] = [];
  let now = Date.now() - 3_600_000;
  const tick = () => new Date((now += 1000));

  /** A closed cycle over every open pair; `skip` lists reports whose pair did not answer at all. */
  async function closedCycle(name: string, skip: string[] = []) {
    const openedAt = tick();
    const cycleId = await closedCycleOverOpenPairs(
      t.db,
      { orgId, name, opensOn: "2026-01-05", closesOn: "2026-01-30", dueOn: "2026-01-30", openedAt, closedAt: tick() },
      { answered: (pair) => !skip.includes([...person].find(([, p]) => p.id === pair.reportId)?.[0] ?? "") },
    );
    cycleIds.push(cycleId);
    return cycleId;
  }

  beforeAll(async () => {
    const org = await createOrg(t.db, "Northwind");
    orgId = org.id;
    const dept = {
      eng: await createDepartment(t.db, orgId, "Engineering"),
      sales: await createDepartment(t.db, orgId, "Sales"),
      support: await createDepartment(t.db, orgId, "Support"),
    };
    const add = async (name: string, manager: string | null, department: keyof typeof dept | null, roles: ("hr_admin" | "owner")[] = []) => {
      const p = await createPerson(t.db, orgId, { name, ...(department ? { departmentId: dept[department].id } : {}), roles });
      if (manager) await t.db.transaction((tx) => setManager(tx, { orgId, personId: p.id, managerId: person.get(manager)!.id, at: tick() }));
      person.set(name, { id: p.id, name });
    };
    await add("Chief", null, null, ["owner"]);
    await add("Hilde HR", "Chief", null, ["hr_admin"]);
    await add("Hana", "Chief", "eng");
    await add("Sven", "Chief", "sales");
    await add("Vera", "Chief", "support");
    for (const name of ["Mia", "Max", "Eli"]) await add(name, "Hana", "eng");
    for (let i = 1; i <= 5; i++) await add(`Mia report ${i}`, "Mia", "eng");
    for (let i = 1; i <= 4; i++) await add(`Max report ${i}`, "Max", "eng");
    for (let i = 1; i <= 6; i++) await add(`Sven report ${i}`, "Sven", "sales");
    for (let i = 1; i <= 2; i++) await add(`Sven support ${i}`, "Sven", "support");
    for (let i = 1; i <= 5; i++) await add(`Vera report ${i}`, "Vera", "support");
    hr = callerFor(t.db, person.get("Hilde HR")!.id);
    // HR's own pair (Hilde reports to Chief) is in no department; it answered in neither cycle.
    await closedCycle("Winter round", ["Hilde HR"]);
    // After the first cycle: one of Mia's reports moves to Max. The closed cycle keeps its teams.
    await t.db.transaction((tx) => setManager(tx, { orgId, personId: person.get("Mia report 1")!.id, managerId: person.get("Max")!.id, at: tick() }));
    await closedCycle("Spring round", ["Hilde HR"]);
    await settleTrends(t.db);
  });

  const team = (manager: string) => `team:${person.get(manager)!.id}`;
  const groupNamed = (view: CycleView, name: string) => view.groups.find((g) => g.name === name)!;

  it("lists a team for every manager, named after them, in reporting order, with no count under k", async () => {
    const view = await cycleWithGroups(hr, { cycleId: cycleIds[0] });
    expect(view.groups.map((g) => [g.kind, g.name, g.depth])).toEqual([
      ["org", "Northwind", 0],
      ["department", "Engineering", 0],
      ["department", "Sales", 0],
      ["department", "Support", 0],
      ["team", "Team of Chief", 0],
      ["team", "Team of Hana", 1],
      ["team", "Team of Max", 2],
      ["team", "Team of Mia", 2],
      ["team", "Team of Sven", 1],
      ["team", "Team of Vera", 1],
    ]);
    expect(view.groups.filter((g) => g.kind === "team").map((g) => g.id)).toEqual(["Chief", "Hana", "Max", "Mia", "Sven", "Vera"].map(team));
    expectAnonymous(view, await truthOf(orgId, cycleIds[0]!));
  });

  it("hides the smaller of two groups that differ by fewer than k, nested or across departments", async () => {
    const view = await cycleWithGroups(hr, { cycleId: cycleIds[0] });
    // Engineering (13) − team of Hana (12) is Hana alone: the team goes, the department stays.
    expect(groupNamed(view, "Engineering").hiddenSides).not.toContain("employee");
    expect(groupNamed(view, "Team of Hana").hiddenSides).toContain("employee");
    // Team of Mia (5 reports) is shown; team of Max (4) is under k.
    expect(groupNamed(view, "Team of Mia").hiddenSides).not.toContain("employee");
    expect(groupNamed(view, "Team of Max").hidden).toBe(true);
    // Sales (7) − team of Sven (8) is Sven alone, and team of Sven − Sales his 2 reports in
    // Support: one of the two goes.
    expect([groupNamed(view, "Sales"), groupNamed(view, "Team of Sven")].filter((g) => g.hiddenSides.includes("employee")).length).toBeGreaterThanOrEqual(1);
    // One manager per team: no team's manager side is ever shown, and no pair figure with it.
    for (const g of view.groups.filter((x) => x.kind === "team" && x.name !== "Team of Chief")) {
      expect(g.hiddenSides).toContain("manager");
      expect(g.participation.complete.hidden).toBe(true);
    }
  });

  it("an HR admin calling every trends procedure with every group, team or not, never gets a figure from fewer than k or a small difference", async () => {
    const everyone = [...person.values()];
    for (const cycleId of cycleIds) {
      const view = await cycleWithGroups(hr, { cycleId });
      const truth = await truthOf(orgId, cycleId);
      expectAnonymous(view, truth);
      expectOnlyTeamNames(view, everyone, truth);
      const { csv } = await hr.trends.exportCsv({ cycleId });
      expectOnlyTeamNames(csv, everyone, truth);
      // The export holds exactly the groups on screen, teams included.
      expect(csv.trim().split("\n")).toHaveLength(1 + view.groups.length * 9);
      for (const g of view.groups) expect(csv).toContain(`\n${g.name},Trust,`);
    }
    // Every group's trend across cycles shows exactly what each cycle's view shows for it.
    const views = new Map<string, CycleView>();
    for (const cycleId of cycleIds) views.set(cycleId, await cycleWithGroups(hr, { cycleId }));
    const groupIds = new Set([...views.values()].flatMap((v) => v.groups.map((g) => g.id)));
    for (const groupId of groupIds) {
      const series = await hr.trends.series({ groupId });
      expect(series.length).toBeGreaterThan(0);
      for (const point of series) {
        const inView = views.get(point.cycle.id)!.groups.find((g) => g.id === groupId)!;
        expect(point.dimensions).toEqual(inView.dimensions.map((d) => ({ key: d.key, name: d.name, mean: d.mean, meanAbsGap: d.meanAbsGap })));
      }
    }
  });

  it("takes reporting lines as they were when each cycle opened, and trends a team across cycles", async () => {
    const [winter, spring] = [await cycleWithGroups(hr, { cycleId: cycleIds[0] }), await cycleWithGroups(hr, { cycleId: cycleIds[1] })];
    // Winter: Mia had 5 reports, Max 4. Spring (after the move): Mia 4, Max 5.
    expect(groupNamed(winter, "Team of Mia").hiddenSides).not.toContain("employee");
    expect(groupNamed(winter, "Team of Max").hiddenSides).toContain("employee");
    expect(groupNamed(spring, "Team of Mia").hiddenSides).toContain("employee");
    // Winter's team of Max was hidden, so spring's has nothing to be compared with.
    expect(groupNamed(spring, "Team of Max").hiddenSides).not.toContain("employee");
    const mia = await hr.trends.series({ groupId: team("Mia") });
    expect(mia.map((p) => p.cycle.name)).toEqual(["Winter round", "Spring round"]);
    const trust = (point: (typeof mia)[number]) => point.dimensions.find((d) => d.key === "trust")!.mean.employee;
    expect(trust(mia[0]!).hidden).toBe(false);
    expect(trust(mia[1]!)).toEqual({ hidden: true, reason: HIDDEN_REASON });
    // The closed winter cycle is computed the same after the move as before it.
    expectAnonymous(winter, await truthOf(orgId, cycleIds[0]!));
  });

  it("accepts team ids in any case; an unknown team or another organization's is not found", async () => {
    const upper = await hr.trends.series({ groupId: team("Mia").toUpperCase().replace("TEAM:", "team:") });
    expect(upper.length).toBe(2);
    expect((await outcomeOf(hr.trends.series({ groupId: `team:${crypto.randomUUID()}` }))).code).toBe("NOT_FOUND");
    // A person who manages nobody has no team.
    expect((await outcomeOf(hr.trends.series({ groupId: team("Eli") }))).code).toBe("NOT_FOUND");
    expect((await outcomeOf(hr.trends.series({ groupId: "team:not-an-id" }))).code).toBe("BAD_REQUEST");
    const other = await createOrg(t.db, "Elsewhere");
    const outsider = await createPerson(t.db, other.id, { name: "Outside HR", roles: ["hr_admin"] });
    expect((await outcomeOf(callerFor(t.db, outsider.id).trends.series({ groupId: team("Mia") }))).code).toBe("NOT_FOUND");
  });

  it("a cycle read for one group gives that group as listed, the same rows, and teams found by name only", async () => {
    for (const cycleId of cycleIds) {
      const view = await cycleWithGroups(hr, { cycleId });
      // Without a group: the organization, the first row.
      expect(view.group).toEqual(view.groups[0]);
      expect(view.group?.kind).toBe("org");
      expect(view.teams).toEqual({ count: 6, found: [], foundCount: 0 });
      for (const g of view.groups) {
        const one = await hr.trends.cycle({ cycleId, groupId: g.id });
        expect(one.group).toEqual(g);
        // Six teams: every group is a row, whichever is selected.
        expect(one.rows).toEqual(view.rows);
      }
    }
    const found = await hr.trends.cycle({ cycleId: cycleIds[0], team: "  MA " });
    expect(found.teams).toEqual({ count: 6, found: [{ id: team("Max"), name: "Team of Max" }], foundCount: 1 });
    // Listed top down, as the heatmap lists them.
    expect((await hr.trends.cycle({ cycleId: cycleIds[0], team: "of" })).teams.found.map((g) => g.id)).toEqual(
      ["Chief", "Hana", "Max", "Mia", "Sven", "Vera"].map(team),
    );
    expect((await hr.trends.cycle({ cycleId: cycleIds[0], team: "nobody" })).teams).toEqual({ count: 6, found: [], foundCount: 0 });
    expect((await outcomeOf(hr.trends.cycle({ cycleId: cycleIds[0], team: "x".repeat(101) }))).code).toBe("BAD_REQUEST");
  });

  it("a cycle read for a group it does not hold, or another organization's, is not found", async () => {
    const upper = await hr.trends.cycle({ cycleId: cycleIds[0], groupId: team("Mia").toUpperCase().replace("TEAM:", "team:") });
    expect(upper.group?.name).toBe("Team of Mia");
    for (const groupId of [`team:${crypto.randomUUID()}`, team("Eli"), crypto.randomUUID(), `org:${crypto.randomUUID()}`]) {
      expect((await outcomeOf(hr.trends.cycle({ cycleId: cycleIds[0], groupId }))).code).toBe("NOT_FOUND");
      expect((await outcomeOf(hr.trends.cycle({ groupId }))).code).toBe("NOT_FOUND");
    }
    expect((await outcomeOf(hr.trends.cycle({ groupId: "team:not-an-id" }))).code).toBe("BAD_REQUEST");
  });

  it("a member, a manager included, gets not found for every trends procedure and every team, and nothing changes", async () => {
    const before = await databaseFingerprint(t.db);
    for (const name of ["Mia", "Hana", "Mia report 2"]) {
      const member = callerFor(t.db, person.get(name)!.id);
      expect((await outcomeOf(member.trends.cycle({}))).code).toBe("NOT_FOUND");
      expect((await outcomeOf(member.trends.cycle({ cycleId: cycleIds[0] }))).code).toBe("NOT_FOUND");
      for (const manager of ["Chief", "Hana", "Mia", "Max"]) expect((await outcomeOf(member.trends.series({ groupId: team(manager) }))).code).toBe("NOT_FOUND");
      expect((await outcomeOf(member.trends.exportCsv({ cycleId: cycleIds[0]! }))).code).toBe("NOT_FOUND");
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------
// The demo organization: teams of 2 to 6 people under 38 people in seven departments.
// ---------------------------------------------------------------------------------------------

describe("trends by team: the demo organization", () => {
  let orgId: string;
  let hr: Caller;

  beforeAll(async () => {
    ({ orgId } = await seedDemoOrg(t.db));
    await settleTrends(t.db);
    const [row] = await t.db
      .select({ id: orgRoles.personId })
      .from(orgRoles)
      .where(and(eq(orgRoles.orgId, orgId), eq(orgRoles.role, "hr_admin")));
    hr = callerFor(t.db, row!.id);
  });

  it("another organization's published groups, asked for by id, are not found", async () => {
    const theirs = await t.db.select({ groupId: trendGroupFigures.groupId }).from(trendGroupFigures).where(ne(trendGroupFigures.orgId, orgId));
    expect(theirs.length).toBeGreaterThan(0);
    const view = await hr.trends.cycle({});
    expect(view.cycle?.figures).toBe("published");
    for (const { groupId } of theirs) {
      expect((await outcomeOf(hr.trends.cycle({ groupId }))).code).toBe("NOT_FOUND");
      expect((await outcomeOf(hr.trends.cycle({ cycleId: view.cycle!.id, groupId }))).code).toBe("NOT_FOUND");
    }
  });

  it("every cycle, every team: no figure from fewer than k, no two groups or combination of them differing by fewer than k", async () => {
    const first = await hr.trends.cycle({});
    const everyone = await t.db.select({ id: people.id, name: people.name }).from(people).where(eq(people.orgId, orgId));
    const views = new Map<string, CycleView>();
    for (const c of first.cycles) views.set(c.id, await cycleWithGroups(hr, { cycleId: c.id }));
    for (const c of first.cycles) {
      const view = views.get(c.id)!;
      const truth = await truthOf(orgId, c.id);
      expect(view.groups.filter((g) => g.kind === "team").map((g) => g.name)).toEqual(
        expect.arrayContaining(["Team of Sam Rivera", "Team of Aisha Bello", "Team of Daniel Okafor"]),
      );
      expect(view.groups.filter((g) => g.kind === "team")).toHaveLength(truth.teams.size);
      expectAnonymous(view, truth);
      expectOnlyTeamNames(view, everyone, truth);
      // What the browser test relies on: Sam Rivera's team (5 reports, and Engineering around it)
      // is hidden; Aisha Bello's (6) shows its reports' view, not her own.
      const trust = (name: string) => view.groups.find((g) => g.name === name)!.dimensions.find((d) => d.key === "trust")!.mean;
      expect(trust("Team of Sam Rivera").employee).toEqual({ hidden: true, reason: HIDDEN_REASON });
      expect(trust("Team of Aisha Bello").employee.hidden).toBe(false);
      expect(trust("Team of Aisha Bello").manager).toEqual({ hidden: true, reason: HIDDEN_REASON });
      // The team of Tomás Alvarez (2 reports) says nothing but "fewer than k responses".
      const finance = view.groups.find((g) => g.name === "Team of Tomás Alvarez")!;
      expect(cellsIn(finance).every((cell) => cell.hidden)).toBe(true);
      for (const g of view.groups.filter((x) => x.kind === "team")) {
        const series = await hr.trends.series({ groupId: g.id });
        for (const point of series) {
          const inView = views.get(point.cycle.id)!.groups.find((x) => x.id === g.id)!;
          expect(point.dimensions).toEqual(inView.dimensions.map((d) => ({ key: d.key, name: d.name, mean: d.mean, meanAbsGap: d.meanAbsGap })));
        }
      }
    }
  });
});
