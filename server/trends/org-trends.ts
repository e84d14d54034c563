import type { Db } from "@/db/client";
import type { Actor } from "@/server/access/actor";
import { minGroupSizeOf } from "@/server/access/aggregates";
import { hiddenText, type Cell } from "@/server/analysis/anonymity";
import { LMX_AGREEMENT_BENCHMARK } from "@/server/analysis/statistics";
import { toCsv, type CsvCell } from "@/server/csv/write-csv";
import { recordAudit } from "@/server/audit/audit";
import { openParticipation } from "@/server/cycles/participation";
import { ConflictError, NotFoundError } from "@/server/errors";
import { QUADRANTS } from "@/server/analysis/relationship";
import type { GroupFigures } from "./compute";
import { groupMayExist, openedCycles, orgGroupId, type OpenedCycle } from "./inputs";
import { groupFiguresAcross, publishedFiguresOf } from "./stored-figures";

/**
 * Where a cycle's figures are: `open` (none until it closes), `preparing` (closed, the worker
 * publishes them within moments) or `published`.
 */
export type FiguresState = "open" | "preparing" | "published";

const stateOf = (c: OpenedCycle): FiguresState => (c.status !== "closed" ? "open" : c.publishedAt === null ? "preparing" : "published");

const listed = (c: OpenedCycle) => ({ id: c.id, name: c.name, status: c.status, closesOn: c.closesOn, bankVersion: c.bankVersion, figures: stateOf(c) });

/**
 * One cycle's anonymized figures for the organization, each department and each team: a closed
 * cycle's published figures, or for an open one only its participation as a whole. Without a
 * cycle id, the latest cycle with published figures (or the latest cycle, if none has any).
 */
export async function getCycleTrends(db: Db, actor: Actor, input: { cycleId?: string }) {
  const all = await openedCycles(db, actor.orgId);
  const cycle = input.cycleId ? all.find((c) => c.id === input.cycleId) : (all.findLast((c) => stateOf(c) === "published") ?? all.at(-1));
  if (input.cycleId && !cycle) throw new NotFoundError();
  const cycles = all.map(listed);
  const base = { cycles, benchmark: LMX_AGREEMENT_BENCHMARK };
  if (!cycle) return { ...base, cycle: null, k: null, groups: [] as GroupFigures[], participation: null };
  const k = minGroupSizeOf(cycle.minGroupSize);
  const figures = stateOf(cycle) === "published" ? await publishedFiguresOf(db, actor.orgId, cycle) : null;
  // A cycle listed as published whose figures are being recomputed (a new figure format) reads as being prepared.
  const state: FiguresState = figures ? "published" : cycle.status === "closed" ? "preparing" : "open";
  return {
    ...base,
    cycle: { ...listed(cycle), figures: state },
    k: figures?.k ?? k,
    groups: figures?.groups ?? [],
    participation: cycle.status === "open" ? ((await openParticipation(db, actor, [cycle.id])).get(cycle.id) ?? null) : null,
  };
}

/**
 * Each dimension's means per side and mean gap for one group, across every published cycle. A
 * team exists in the cycles where its manager had someone below them; the other cycles are left
 * out. A group found in no published cycle, including when none has closed yet, is not found.
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


/** A published cycle as CSV: exactly the cells the page shows, hidden ones as hidden. Audited. */
export async function exportCycleTrendsCsv(db: Db, actor: Actor, input: { cycleId: string }) {
  const view = await getCycleTrends(db, actor, input);
  if (!view.cycle) throw new NotFoundError();
  if (view.cycle.figures !== "published") {
    throw new ConflictError(view.cycle.figures === "open" ? "This cycle's figures appear once it closes." : "This cycle's figures are being prepared. Try again in a minute.");
  }
  const sides = ["employee", "manager"] as const;
  const header = [
    "group", "dimension", "employee mean", "manager mean", "mean absolute gap", "agreement r", "r 95% CI low", "r 95% CI high", "alpha employee", "alpha manager",
    "absolute agreement ICC", "ICC 95% CI low", "ICC 95% CI high",
    ...sides.flatMap((side) => (["score", "gap"] as const).flatMap((of) => [`choose again rho ${side} ${of}`, `choose again rho ${side} ${of} CI low`, `choose again rho ${side} ${of} CI high`])),
    // The group's own figures, the same on each of its rows.
    ...QUADRANTS.map((q) => `share of pairs ${q.replace("_", " ")}`),
    ...sides.flatMap((side) => [`${side} reading mean miss`, `${side} reading share within half a point`, `${side} assumed similarity`]),
  ];
  const lines: CsvCell[][] = [header];
  // A figure as a number (written with two decimals), or why it is hidden, with the cycle's minimum.
  const hidden = hiddenText(minGroupSizeOf(view.k));
  const show = (c: Cell<number>) => (c.hidden ? hidden : c.value);
  for (const g of view.groups) {
    const groupCells: CsvCell[] = [
      ...QUADRANTS.map((q) => (g.balance.hidden ? hidden : g.balance.value[q])),
      ...sides.flatMap((side): CsvCell[] => {
        const r = g.reading[side];
        return r.hidden ? [hidden, hidden, hidden] : [r.value.meanAbsError, r.value.withinShare, r.value.assumedSimilarity];
      }),
    ];
    for (const d of g.dimensions) {
      const a = d.agreement;
      const icc = d.absoluteAgreement;
      // An undefined interval, or a driver without a value, is not hidden: it is left blank (null).
      const iccCells: CsvCell[] = icc.hidden ? [hidden, hidden, hidden] : [icc.value.icc, icc.value.lower, icc.value.upper];
      const driverCells = sides.flatMap((side): CsvCell[] => {
        const c = g.chooseAgainDrivers[side];
        if (c.hidden) return Array<CsvCell>(6).fill(hidden);
        const row = c.value.find((x) => x.key === d.key);
        return (["score", "gap"] as const).flatMap((of): CsvCell[] => {
          const f = row?.[of];
          return f ? [f.rho, f.lower, f.upper] : [null, null, null];
        });
      });
      lines.push([
        g.name,
        d.name,
        show(d.mean.employee),
        show(d.mean.manager),
        show(d.meanAbsGap),
        a.hidden ? hidden : a.value.r,
        a.hidden ? hidden : a.value.lower,
        a.hidden ? hidden : a.value.upper,
        show(d.alpha.employee),
        show(d.alpha.manager),
        ...iccCells,
        ...driverCells,
        ...groupCells,
      ]);
    }
  }
  await recordAudit(db, actor, "trends.exported", { cycleId: view.cycle.id, name: view.cycle.name });
  return { filename: `tandem-trends-${view.cycle.name.replace(/[^\w-]+/g, "-").toLowerCase()}.csv`, csv: toCsv(lines, { decimals: 2 }) };
}
