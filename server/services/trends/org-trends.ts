import type { Db } from "@/db/client";
import type { Actor } from "@/server/access/actor";
import { HIDDEN_REASON, type Cell } from "@/server/analysis/anonymity";
import { LMX_AGREEMENT_BENCHMARK } from "@/server/analysis/statistics";
import { toCsv, type CsvCell } from "@/server/csv/write-csv";
import { recordAudit } from "@/server/services/audit/audit";
import { NotFoundError } from "@/server/services/errors";
import { groupMayExist, openedCycles, orgGroupId } from "./inputs";
import { cycleFiguresOf, groupFiguresAcross } from "./stored-figures";

/** One cycle's anonymized figures for the organization, each department and each team. */
export async function getCycleTrends(db: Db, actor: Actor, input: { cycleId?: string }) {
  const all = await openedCycles(db, actor.orgId);
  const cycle = input.cycleId ? all.find((c) => c.id === input.cycleId) : all.at(-1);
  if (input.cycleId && !cycle) throw new NotFoundError();
  if (!cycle) return { cycles: all.map(({ id, name }) => ({ id, name })), cycle: null, k: null, groups: [], benchmark: LMX_AGREEMENT_BENCHMARK };
  const { k, groups } = await cycleFiguresOf(db, actor.orgId, cycle);
  return { cycles: all.map(({ id, name }) => ({ id, name })), cycle: { id: cycle.id, name: cycle.name, status: cycle.status }, k, groups, benchmark: LMX_AGREEMENT_BENCHMARK };
}

/**
 * Each dimension's means per side and mean gap for one group, across every opened cycle. A team
 * exists in the cycles where its manager had someone below them; the other cycles are left out.
 * A group found in no cycle, including when none has opened yet, is not found.
 */
export async function getTrendSeries(db: Db, actor: Actor, input: { groupId?: string }) {
  const groupId = input.groupId ?? orgGroupId(actor.orgId);
  if (!(await groupMayExist(db, actor.orgId, groupId))) throw new NotFoundError();
  const all = await openedCycles(db, actor.orgId);
  const figures = await groupFiguresAcross(db, actor.orgId, all, groupId);
  const series = all.flatMap((c, i) => {
    const g = figures[i];
    return g ? [{ cycle: { id: c.id, name: c.name }, dimensions: g.dimensions.map((d) => ({ key: d.key, name: d.name, mean: d.mean, meanAbsGap: d.meanAbsGap })) }] : [];
  });
  if (input.groupId && series.length === 0) throw new NotFoundError();
  return series;
}

/** A figure as a number (written with two decimals), or why it is hidden. */
const show = (c: Cell<number>) => (c.hidden ? HIDDEN_REASON : c.value);

/** The cycle view as CSV: exactly the cells the page shows, hidden ones as hidden. Audited. */
export async function exportCycleTrendsCsv(db: Db, actor: Actor, input: { cycleId: string }) {
  const view = await getCycleTrends(db, actor, input);
  if (!view.cycle) throw new NotFoundError();
  const header = ["group", "dimension", "employee mean", "manager mean", "mean absolute gap", "agreement r", "r 95% CI low", "r 95% CI high", "alpha employee", "alpha manager"];
  const lines: CsvCell[][] = [header];
  for (const g of view.groups) {
    for (const d of g.dimensions) {
      const a = d.agreement;
      lines.push([
        g.name,
        d.name,
        show(d.mean.employee),
        show(d.mean.manager),
        show(d.meanAbsGap),
        a.hidden ? HIDDEN_REASON : a.value.r,
        a.hidden ? HIDDEN_REASON : a.value.lower,
        a.hidden ? HIDDEN_REASON : a.value.upper,
        show(d.alpha.employee),
        show(d.alpha.manager),
      ]);
    }
  }
  await recordAudit(db, actor, "trends.exported", { cycleId: view.cycle.id, name: view.cycle.name });
  return { filename: `tandem-trends-${view.cycle.name.replace(/[^\w-]+/g, "-").toLowerCase()}.csv`, csv: toCsv(lines, { decimals: 2 }) };
}
