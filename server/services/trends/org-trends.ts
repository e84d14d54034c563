import { and, asc, count, eq, isNotNull, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { assessments, cycles, departments, organizations, pairs, people, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { HIDDEN_REASON, type Cell } from "@/server/analysis/anonymity";
import { LMX_AGREEMENT_BENCHMARK } from "@/server/analysis/statistics";
import { getItemBank } from "@/server/assessment/item-bank";
import { recordAudit } from "@/server/services/audit/audit";
import { NotFoundError } from "@/server/services/errors";
import { computeCycleFigures, type GroupDef, type GroupFigures, type ResponseRow } from "./compute";

const report = alias(people, "report");

/** Cycles that have opened, oldest first, with the k each was opened with. */
async function openedCycles(db: Db, orgId: string) {
  return db
    .select({ id: cycles.id, name: cycles.name, opensOn: cycles.opensOn, status: cycles.status, bankVersion: cycles.bankVersion, minGroupSize: cycles.minGroupSize })
    .from(cycles)
    .where(and(eq(cycles.orgId, orgId), ne(cycles.status, "draft")))
    .orderBy(asc(cycles.opensOn), asc(cycles.createdAt));
}

async function cycleFigures(db: Db, orgId: string, cycle: { id: string; bankVersion: number; minGroupSize: number | null }): Promise<{ k: number; groups: GroupFigures[] }> {
  const [org] = await db.select({ name: organizations.name, k: organizations.minGroupSize }).from(organizations).where(eq(organizations.id, orgId));
  const k = cycle.minGroupSize ?? org?.k ?? 5;
  const depts = await db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, orgId)).orderBy(asc(departments.name));
  const invited = await db
    .select({ departmentId: report.departmentId, n: count() })
    .from(assessments)
    .innerJoin(pairs, and(eq(pairs.orgId, assessments.orgId), eq(pairs.id, assessments.pairId)))
    .innerJoin(report, and(eq(report.orgId, pairs.orgId), eq(report.id, pairs.reportId)))
    .where(and(eq(assessments.orgId, orgId), eq(assessments.cycleId, cycle.id)))
    .groupBy(report.departmentId);
  // Submitted responses count in trends whether or not the pair's results were revealed.
  const rows = await db
    .select({ assessmentId: responses.assessmentId, side: responses.side, respondentId: responses.respondentId, answers: responses.answers, departmentId: report.departmentId })
    .from(responses)
    .innerJoin(assessments, and(eq(assessments.orgId, responses.orgId), eq(assessments.id, responses.assessmentId)))
    .innerJoin(pairs, and(eq(pairs.orgId, assessments.orgId), eq(pairs.id, assessments.pairId)))
    .innerJoin(report, and(eq(report.orgId, pairs.orgId), eq(report.id, pairs.reportId)))
    .where(and(eq(responses.orgId, orgId), eq(assessments.cycleId, cycle.id), isNotNull(responses.submittedAt)));

  const orgGroup = `org:${orgId}`;
  const groups: GroupDef[] = [
    { id: orgGroup, name: org?.name ?? "Organization", kind: "org", invited: invited.reduce((n, r) => n + r.n, 0) },
    ...depts.map((d) => ({ id: d.id, name: d.name, kind: "department" as const, invited: invited.find((r) => r.departmentId === d.id)?.n ?? 0 })),
  ];
  const responseRows: ResponseRow[] = rows.map((r) => ({ ...r, groupIds: r.departmentId ? [orgGroup, r.departmentId] : [orgGroup] }));
  return { k, groups: computeCycleFigures(getItemBank(cycle.bankVersion), groups, responseRows, k) };
}

/** One cycle's anonymized figures for the organization and each department. */
export async function getCycleTrends(db: Db, actor: Actor, input: { cycleId?: string }) {
  const all = await openedCycles(db, actor.orgId);
  const cycle = input.cycleId ? all.find((c) => c.id === input.cycleId) : all.at(-1);
  if (input.cycleId && !cycle) throw new NotFoundError();
  if (!cycle) return { cycles: all.map(({ id, name }) => ({ id, name })), cycle: null, k: null, groups: [], benchmark: LMX_AGREEMENT_BENCHMARK };
  const { k, groups } = await cycleFigures(db, actor.orgId, cycle);
  return { cycles: all.map(({ id, name }) => ({ id, name })), cycle: { id: cycle.id, name: cycle.name, status: cycle.status }, k, groups, benchmark: LMX_AGREEMENT_BENCHMARK };
}

/** Each dimension's means per side and mean gap for one group, across every opened cycle. */
export async function getTrendSeries(db: Db, actor: Actor, input: { groupId?: string }) {
  const all = await openedCycles(db, actor.orgId);
  const series = [];
  for (const c of all) {
    const { groups } = await cycleFigures(db, actor.orgId, c);
    const g = input.groupId ? groups.find((x) => x.id === input.groupId) : groups.find((x) => x.kind === "org");
    if (!g) throw new NotFoundError();
    series.push({ cycle: { id: c.id, name: c.name }, dimensions: g.dimensions.map((d) => ({ key: d.key, name: d.name, mean: d.mean, meanAbsGap: d.meanAbsGap })) });
  }
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
