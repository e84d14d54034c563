import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, ne, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { assessments, cycles, departments, organizations, pairs, people, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { HIDDEN_REASON, type Cell } from "@/server/analysis/anonymity";
import { LMX_AGREEMENT_BENCHMARK } from "@/server/analysis/statistics";
import { getItemBank } from "@/server/assessment/item-bank";
import { recordAudit } from "@/server/services/audit/audit";
import { NotFoundError } from "@/server/services/errors";
import { computeCycleFigures, type GroupDef, type GroupFigures, type InvitedPair, type ResponseRow } from "./compute";

const report = alias(people, "report");

/** Cycles that have opened, oldest first, with the k each was opened with. */
async function openedCycles(db: Db, orgId: string) {
  return db
    .select({
      id: cycles.id,
      name: cycles.name,
      opensOn: cycles.opensOn,
      openedAt: cycles.openedAt,
      status: cycles.status,
      bankVersion: cycles.bankVersion,
      minGroupSize: cycles.minGroupSize,
    })
    .from(cycles)
    .where(and(eq(cycles.orgId, orgId), ne(cycles.status, "draft")))
    .orderBy(asc(cycles.opensOn), asc(cycles.createdAt));
}

type OpenedCycle = Awaited<ReturnType<typeof openedCycles>>[number];

const orgGroupId = (orgId: string) => `org:${orgId}`;
const teamGroupId = (managerId: string) => `team:${managerId}`;

/**
 * The teams of a cycle. The team of manager M is every pair of the cycle whose report is in M's
 * subtree: the pairs M manages, and those of everyone below M, directly or not. Reporting lines
 * are taken as they were when the cycle opened (the pairs open at that moment), not as they are
 * today: a closed cycle's teams, and so what its figures are computed from, never change after a
 * reorganization, so the same cycle can't be shown twice with one person more or less.
 * Returns, per invited pair, its managers from the nearest up, and per manager, that chain.
 */
async function teamsOf(db: Db, orgId: string, cycle: OpenedCycle, invited: readonly { managerId: string }[]) {
  const at = cycle.openedAt ?? new Date(`${cycle.opensOn}T00:00:00Z`);
  const lines = await db
    .select({ managerId: pairs.managerId, reportId: pairs.reportId })
    .from(pairs)
    .where(and(eq(pairs.orgId, orgId), lte(pairs.startedAt, at), or(isNull(pairs.endedAt), gt(pairs.endedAt, at))));
  const managerOf = new Map(lines.map((l) => [l.reportId, l.managerId]));
  const chains = new Map<string, string[]>();
  const chainOf = (managerId: string): string[] => {
    const known = chains.get(managerId);
    if (known) return known;
    const chain: string[] = [];
    // Lines at one moment form a tree (setManager refuses loops); the guard only stops a bad row.
    for (let m: string | undefined = managerId; m !== undefined && !chain.includes(m); m = managerOf.get(m)) chain.push(m);
    chains.set(managerId, chain);
    return chain;
  };
  for (const p of invited) chainOf(p.managerId);
  const managers = [...new Set([...chains.values()].flat())];
  const names = new Map<string, string>();
  for (let i = 0; i < managers.length; i += 1000) {
    const rows = await db.select({ id: people.id, name: people.name }).from(people).where(and(eq(people.orgId, orgId), inArray(people.id, managers.slice(i, i + 1000))));
    for (const r of rows) names.set(r.id, r.name);
  }
  // Depth-first, siblings by name: a team is listed right after the team it is part of.
  const collator = new Intl.Collator("en");
  const children = new Map<string | undefined, string[]>();
  for (const m of managers) {
    const parent = chainOf(m)[1];
    children.set(parent, [...(children.get(parent) ?? []), m]);
  }
  const teams: GroupDef[] = [];
  const visit = (parent: string | undefined, depth: number) => {
    const below = (children.get(parent) ?? []).sort((a, b) => collator.compare(names.get(a) ?? "", names.get(b) ?? "") || (a < b ? -1 : 1));
    for (const m of below) {
      teams.push({ id: teamGroupId(m), name: `Team of ${names.get(m) ?? "a former manager"}`, kind: "team", depth });
      visit(m, depth + 1);
    }
  };
  visit(undefined, 0);
  return { teams, chainOf };
}

/**
 * One cycle's figures. Suppression is always decided over every group of the cycle; `only`
 * limits which groups' figures are computed and returned.
 */
async function cycleFigures(db: Db, orgId: string, cycle: OpenedCycle, only?: ReadonlySet<string>): Promise<{ k: number; groups: GroupFigures[] }> {
  const [org] = await db.select({ name: organizations.name, k: organizations.minGroupSize }).from(organizations).where(eq(organizations.id, orgId));
  const k = cycle.minGroupSize ?? org?.k ?? 5;
  const depts = await db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, orgId)).orderBy(asc(departments.name));
  const invitedPairs = await db
    .select({ assessmentId: assessments.id, managerId: pairs.managerId, reportId: pairs.reportId, departmentId: report.departmentId })
    .from(assessments)
    .innerJoin(pairs, and(eq(pairs.orgId, assessments.orgId), eq(pairs.id, assessments.pairId)))
    .innerJoin(report, and(eq(report.orgId, pairs.orgId), eq(report.id, pairs.reportId)))
    .where(and(eq(assessments.orgId, orgId), eq(assessments.cycleId, cycle.id)));
  // Submitted responses count in trends whether or not the pair's results were revealed.
  const rows = await db
    .select({ assessmentId: responses.assessmentId, side: responses.side, respondentId: responses.respondentId, answers: responses.answers })
    .from(responses)
    .innerJoin(assessments, and(eq(assessments.orgId, responses.orgId), eq(assessments.id, responses.assessmentId)))
    .where(and(eq(responses.orgId, orgId), eq(assessments.cycleId, cycle.id), isNotNull(responses.submittedAt)));
  const { teams, chainOf } = await teamsOf(db, orgId, cycle, invitedPairs);

  const orgGroup = orgGroupId(orgId);
  const groups: GroupDef[] = [
    { id: orgGroup, name: org?.name ?? "Organization", kind: "org", depth: 0 },
    ...depts.map((d) => ({ id: d.id, name: d.name, kind: "department" as const, depth: 0 })),
    ...teams,
  ];
  const groupsOfPair = new Map(
    invitedPairs.map((p) => [p.assessmentId, [orgGroup, ...(p.departmentId ? [p.departmentId] : []), ...chainOf(p.managerId).map(teamGroupId)]] as const),
  );
  const invited: InvitedPair[] = invitedPairs.map((p) => ({ assessmentId: p.assessmentId, reportId: p.reportId, groupIds: groupsOfPair.get(p.assessmentId) ?? [] }));
  const responseRows: ResponseRow[] = rows.map((r) => ({ ...r, groupIds: groupsOfPair.get(r.assessmentId) ?? [orgGroup] }));
  return { k, groups: computeCycleFigures(getItemBank(cycle.bankVersion), groups, invited, responseRows, k, only) };
}

/** One cycle's anonymized figures for the organization, each department and each team. */
export async function getCycleTrends(db: Db, actor: Actor, input: { cycleId?: string }) {
  const all = await openedCycles(db, actor.orgId);
  const cycle = input.cycleId ? all.find((c) => c.id === input.cycleId) : all.at(-1);
  if (input.cycleId && !cycle) throw new NotFoundError();
  if (!cycle) return { cycles: all.map(({ id, name }) => ({ id, name })), cycle: null, k: null, groups: [], benchmark: LMX_AGREEMENT_BENCHMARK };
  const { k, groups } = await cycleFigures(db, actor.orgId, cycle);
  return { cycles: all.map(({ id, name }) => ({ id, name })), cycle: { id: cycle.id, name: cycle.name, status: cycle.status }, k, groups, benchmark: LMX_AGREEMENT_BENCHMARK };
}

/**
 * Each dimension's means per side and mean gap for one group, across every opened cycle. A team
 * exists in the cycles where its manager had someone below them; the other cycles are left out.
 * A group found in no cycle, including when none has opened yet, is not found.
 */
export async function getTrendSeries(db: Db, actor: Actor, input: { groupId?: string }) {
  const all = await openedCycles(db, actor.orgId);
  const series = [];
  for (const c of all) {
    const [g] = (await cycleFigures(db, actor.orgId, c, new Set([input.groupId ?? orgGroupId(actor.orgId)]))).groups;
    if (!g) continue;
    series.push({ cycle: { id: c.id, name: c.name }, dimensions: g.dimensions.map((d) => ({ key: d.key, name: d.name, mean: d.mean, meanAbsGap: d.meanAbsGap })) });
  }
  if (input.groupId && series.length === 0) throw new NotFoundError();
  return series;
}

const show = (c: Cell<number>, digits = 2) => (c.hidden ? HIDDEN_REASON : c.value.toFixed(digits));

/** The cycle view as CSV: exactly the cells the page shows, hidden ones as hidden. Audited. */
export async function exportCycleTrendsCsv(db: Db, actor: Actor, input: { cycleId: string }) {
  const view = await getCycleTrends(db, actor, input);
  if (!view.cycle) throw new NotFoundError();
  const header = ["group", "dimension", "employee mean", "manager mean", "mean absolute gap", "agreement r", "r 95% CI low", "r 95% CI high", "alpha employee", "alpha manager"];
  const lines = [header];
  for (const g of view.groups) {
    for (const d of g.dimensions) {
      const a = d.agreement;
      lines.push([
        g.name,
        d.name,
        show(d.mean.employee),
        show(d.mean.manager),
        show(d.meanAbsGap),
        a.hidden ? HIDDEN_REASON : a.value.r.toFixed(2),
        a.hidden ? HIDDEN_REASON : a.value.lower.toFixed(2),
        a.hidden ? HIDDEN_REASON : a.value.upper.toFixed(2),
        show(d.alpha.employee),
        show(d.alpha.manager),
      ]);
    }
  }
  await recordAudit(db, actor, "trends.exported", { cycleId: view.cycle.id, name: view.cycle.name });
  const escape = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return { filename: `tandem-trends-${view.cycle.name.replace(/[^\w-]+/g, "-").toLowerCase()}.csv`, csv: lines.map((l) => l.map(escape).join(",")).join("\n") + "\n" };
}
