import { and, eq, gt, isNotNull, isNull, lte, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, cycles, orgRoles, pairs, people, responses } from "@/db/schema";
import { seedDemoOrg } from "@/db/seed/demo-org";
import { HIDDEN_REASON } from "@/server/analysis/anonymity";
import { createTestDb, type TestDb } from "../support/db";
import { callerFor, databaseFingerprint } from "../support/factories";
import { outcomeOf } from "../support/assessments";
import { cellsIn, cycleWithGroups, settleTrends } from "../support/trends";

let t: TestDb;
let orgId: string;
let hrId: string;
const report = alias(people, "report");

beforeAll(async () => {
  t = await createTestDb();
  ({ orgId } = await seedDemoOrg(t.db));
  // The worker publishes the closed quarters' figures after the seed.
  await settleTrends(t.db);
  const [hr] = await t.db
    .select({ id: orgRoles.personId })
    .from(orgRoles)
    .where(and(eq(orgRoles.orgId, orgId), eq(orgRoles.role, "hr_admin")));
  hrId = hr!.id;
});
afterAll(() => t.close());

/**
 * Who submitted, per side, per group, computed here from the database, independently of the code
 * under test: the org, the report's department, and the team of every manager above the pair,
 * as reporting lines stood when the cycle opened. Each side maps an answering pair to its person.
 */
async function contributors(cycleId: string) {
  const [cycle] = await t.db.select({ openedAt: cycles.openedAt }).from(cycles).where(eq(cycles.id, cycleId));
  const lines = await t.db
    .select({ managerId: pairs.managerId, reportId: pairs.reportId })
    .from(pairs)
    .where(and(eq(pairs.orgId, orgId), lte(pairs.startedAt, cycle!.openedAt!), or(isNull(pairs.endedAt), gt(pairs.endedAt, cycle!.openedAt!))));
  const managerOf = new Map(lines.map((l) => [l.reportId, l.managerId]));
  const rows = await t.db
    .select({
      assessmentId: responses.assessmentId,
      side: responses.side,
      respondentId: responses.respondentId,
      departmentId: report.departmentId,
      managerId: pairs.managerId,
    })
    .from(responses)
    .innerJoin(assessments, eq(assessments.id, responses.assessmentId))
    .innerJoin(pairs, eq(pairs.id, assessments.pairId))
    .innerJoin(report, eq(report.id, pairs.reportId))
    .where(and(eq(assessments.cycleId, cycleId), isNotNull(responses.submittedAt)));
  const groups = new Map<string, { employee: Map<string, string>; manager: Map<string, string> }>();
  const teams = new Map<string, string>();
  const add = (g: string, side: "employee" | "manager", assessmentId: string, id: string) => {
    if (!groups.has(g)) groups.set(g, { employee: new Map(), manager: new Map() });
    groups.get(g)![side].set(assessmentId, id);
  };
  for (const r of rows) {
    add(`org:${orgId}`, r.side, r.assessmentId, r.respondentId);
    if (r.departmentId) add(r.departmentId, r.side, r.assessmentId, r.respondentId);
    for (let m: string | undefined = r.managerId; m !== undefined; m = managerOf.get(m)) {
      add(`team:${m}`, r.side, r.assessmentId, r.respondentId);
      teams.set(`team:${m}`, m);
    }
  }
  return { groups, teams };
}

describe("org trends", () => {
  it("never shows a figure from fewer than k people on a side, nor lets two published groups differ by fewer than k", async () => {
    const hr = callerFor(t.db, hrId);
    const first = await cycleWithGroups(hr, {});
    expect(first.cycles.length).toBe(2);
    const names = await t.db.select({ name: people.name, id: people.id }).from(people).where(eq(people.orgId, orgId));
    for (const c of first.cycles) {
      const view = await cycleWithGroups(hr, { cycleId: c.id });
      const k = view.k!;
      const { groups: actual, teams } = await contributors(c.id);
      // No individual: no person's name or id, no answer key, anywhere; a manager's name and id
      // appear only as their team's ("Team of <name>", "team:<id>").
      let text = JSON.stringify(view);
      for (const [teamId, managerId] of teams)
        text = text.replaceAll(`"${teamId}"`, '""').replaceAll(`"Team of ${names.find((p) => p.id === managerId)!.name}"`, '""');
      for (const p of names) {
        expect(text).not.toContain(p.id);
        expect(text).not.toContain(p.name);
      }
      expect(
        view.groups
          .filter((g) => g.kind === "team")
          .map((g) => g.id)
          .sort(),
      ).toEqual([...teams.keys()].sort());
      for (const g of view.groups) {
        const answeredOn = (side: "employee" | "manager") => new Set(actual.get(g.id)?.[side].values());
        const who = { employee: answeredOn("employee"), manager: answeredOn("manager") };
        for (const cell of cellsIn(g)) {
          if (cell.hidden) {
            expect(cell).toEqual({ hidden: true, reason: HIDDEN_REASON });
            continue;
          }
          expect(g.hidden, `${g.name} is hidden but shows a value`).toBe(false);
          // A visible cell carries its value alone: no count that could differ from participation.
          expect(Object.keys(cell).sort()).toEqual(["hidden", "value"]);
        }
        // Each side's figures are shown only from k people who answered on that side.
        for (const side of ["employee", "manager"] as const) {
          const shown = g.dimensions.some((d) => !d.mean[side].hidden) || !g.chooseAgain[side].hidden;
          if (shown) expect(who[side].size, `${g.name} ${side}`).toBeGreaterThanOrEqual(k);
        }
        for (const side of ["employee", "manager"] as const) if (who[side].size < k) expect(g.hiddenSides, `${g.name} has too few on ${side}`).toContain(side);
      }
      // Differencing: on each side, the answers one published group holds and another doesn't
      // come from none or at least k people, either way round (departments and teams included).
      for (const side of ["employee", "manager"] as const) {
        const visible = view.groups.filter((g) => !g.hiddenSides.includes(side));
        for (const a of visible)
          for (const b of visible) {
            if (a.id === b.id) continue;
            const A = actual.get(a.id)![side];
            const B = actual.get(b.id)![side];
            const outside = new Set([...A].filter(([answer]) => !B.has(answer)).map(([, person]) => person)).size;
            expect(outside === 0 || outside >= k, `${a.name} minus ${b.name} on ${side}: ${outside}`).toBe(true);
          }
      }
      // Small departments are hidden; the org is shown.
      expect(view.groups.find((g) => g.kind === "org")?.hidden).toBe(false);
      expect(view.groups.find((g) => g.name === "Finance")?.hidden).toBe(true);
      // Engineering has enough reports to show their side, but too few managers for theirs.
      expect(view.groups.find((g) => g.name === "Engineering")?.hiddenSides).toEqual(["manager"]);
    }
    // The series, for every group, follows the same rule.
    for (const g of first.groups) {
      const series = await hr.trends.series({ groupId: g.id });
      for (const point of series) {
        const published = (await cycleWithGroups(hr, { cycleId: point.cycle.id })).groups.find((x) => x.id === g.id)!;
        // A series point is the published cycle's cells, nothing more.
        expect(point.dimensions).toEqual(published.dimensions.map((d) => ({ key: d.key, name: d.name, mean: d.mean, meanAbsGap: d.meanAbsGap })));
      }
    }
  });

  it("exports exactly what the screen shows, and records the export", async () => {
    const hr = callerFor(t.db, hrId);
    const view = await cycleWithGroups(hr, {});
    const { csv } = await hr.trends.exportCsv({ cycleId: view.cycle!.id });
    const lines = csv.trim().split("\n");
    expect(lines).toHaveLength(1 + view.groups.length * 9);
    const finance = lines.filter((l) => l.startsWith("Finance,"));
    // Hidden cells say the cycle's actual minimum, never the letter k.
    expect(view.k).toBe(5);
    expect(
      finance.every((l) =>
        l
          .split(",")
          .slice(2)
          .every((v) => v === "fewer than 5 people"),
      ),
    ).toBe(true);
    const orgTrust = view.groups[0]!.dimensions.find((d) => d.key === "trust")!;
    const row = lines.find((l) => l.startsWith(`${view.groups[0]!.name},Trust,`))!.split(",");
    expect(row[2]).toBe(orgTrust.mean.employee.hidden ? "fewer than 5 people" : orgTrust.mean.employee.value.toFixed(2));
    // Issue 20's cells: ICC(A,1) beside r, and the group's quadrant shares and readings on each of its rows.
    const header = lines[0]!.split(",");
    const at = (name: string) => row[header.indexOf(name)];
    const org = view.groups[0]!;
    expect(orgTrust.absoluteAgreement.hidden).toBe(false);
    expect(at("absolute agreement ICC")).toBe(orgTrust.absoluteAgreement.hidden ? "fewer than 5 people" : orgTrust.absoluteAgreement.value.icc.toFixed(2));
    expect(org.balance.hidden).toBe(false);
    expect(at("share of pairs balanced high")).toBe(org.balance.hidden ? "fewer than 5 people" : org.balance.value.balanced_high.toFixed(2));
    expect(at("employee reading mean miss")).toBe(org.reading.employee.hidden ? "fewer than 5 people" : org.reading.employee.value.meanAbsError.toFixed(2));
    expect(at("manager assumed similarity")).toBe(org.reading.manager.hidden ? "fewer than 5 people" : org.reading.manager.value.assumedSimilarity.toFixed(2));
  });

  it("answers NOT_FOUND to everyone but HR admins and owners, changing nothing", async () => {
    const members = await t.db.select({ id: people.id }).from(people).where(eq(people.orgId, orgId));
    const admins = new Set((await t.db.select({ id: orgRoles.personId }).from(orgRoles).where(eq(orgRoles.orgId, orgId))).map((r) => r.id));
    const before = await databaseFingerprint(t.db);
    for (const m of members.filter((p) => !admins.has(p.id)).slice(0, 8)) {
      const caller = callerFor(t.db, m.id);
      expect((await outcomeOf(caller.trends.cycle({}))).code).toBe("NOT_FOUND");
      expect((await outcomeOf(caller.trends.series({}))).code).toBe("NOT_FOUND");
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});
