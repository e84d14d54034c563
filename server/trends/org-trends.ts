import { findTeams, heatmapRows, TEAMS_FOUND_SHOWN } from "@/server/trends/heatmap-rows";
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
import { groupMayExist, openedCycles, orgGroupId, type OpenedCycle } from "./inputs";
import { groupFiguresAcross, publishedFiguresOf, publishedFiguresOfGroups, publishedGroupsOf, type HeatmapGroup } from "./stored-figures";

/**
 * Where a cycle's figures are: `open` (none until it closes), `preparing` (closed, the worker
 * publishes them within moments) or `published`.
 */
export type FiguresState = "open" | "preparing" | "published";

const stateOf = (c: OpenedCycle): FiguresState => (c.status !== "closed" ? "open" : c.publishedAt === null ? "preparing" : "published");

const listed = (c: OpenedCycle) => ({ id: c.id, name: c.name, status: c.status, closesOn: c.closesOn, bankVersion: c.bankVersion, figures: stateOf(c) });

/**
 * One cycle's anonymized figures: a closed cycle's published figures, or for an open one only its
 * participation as a whole. Without a cycle id, the latest cycle with published figures (or the
 * latest cycle, if none has any).
 *
 * Of a published cycle, what the trends page shows at once: `group`, the selected group's
 * figures (the organization unless `groupId` names another), and `rows`, the heatmap's rows with
 * only what the heatmap shows (each dimension's means per side and mean gap, null where hidden;
 * any group's other figures are its own `group`): every group while there are at most
 * ALL_TEAMS_UP_TO teams, else the organization, the departments, the two top levels of teams
 * and, around a selected team, the teams above it and those directly in it (`heatmapRows`).
 * `teams` counts the cycle's teams and lists, by name only, those whose name holds `team`. A
 * group the cycle's figures do not hold (another organization's, one hidden from this cycle,
 * any while the cycle has no figures) is not found.
 * Every figure, for every group, is in the CSV export.
 */
export async function getCycleTrends(db: Db, actor: Actor, input: { cycleId?: string; groupId?: string; team?: string }) {
  const all = await openedCycles(db, actor.orgId);
  const cycle = input.cycleId ? all.find((c) => c.id === input.cycleId) : (all.findLast((c) => stateOf(c) === "published") ?? all.at(-1));
  if (input.cycleId && !cycle) throw new NotFoundError();
  const cycles = all.map(listed);
  const base = { cycles, benchmark: LMX_AGREEMENT_BENCHMARK };
  const noTeams = { count: 0, found: [] as { id: string; name: string }[], foundCount: 0 };
  if (!cycle) {
    if (input.groupId !== undefined) throw new NotFoundError();
    return { ...base, cycle: null, k: null, group: null, rows: [] as HeatmapGroup[], teams: noTeams, participation: null };
  }
  const k = minGroupSizeOf(cycle.minGroupSize);
  const shown = stateOf(cycle) === "published" ? await shownGroups(db, actor.orgId, cycle, input) : null;
  if (input.groupId !== undefined && !shown?.group) throw new NotFoundError();
  // A cycle listed as published whose figures are being recomputed (a new figure format) reads as being prepared.
  const state: FiguresState = shown ? "published" : cycle.status === "closed" ? "preparing" : "open";
  return {
    ...base,
    cycle: { ...listed(cycle), figures: state },
    k: shown?.k ?? k,
    group: shown?.group ?? null,
    rows: shown?.rows ?? [],
    teams: shown?.teams ?? noTeams,
    participation: cycle.status === "open" ? ((await openParticipation(db, actor, [cycle.id])).get(cycle.id) ?? null) : null,
  };
}

/** What a published cycle's page shows at once (see getCycleTrends), null while its figures are not current. */
async function shownGroups(db: Db, orgId: string, cycle: OpenedCycle, input: { groupId?: string; team?: string }) {
  const listedGroups = await publishedGroupsOf(db, orgId, cycle);
  if (!listedGroups) return null;
  const selected = input.groupId !== undefined ? listedGroups.groups.find((g) => g.id === input.groupId) : listedGroups.groups[0];
  // Only the selected group's figures are read whole; the rows come from the kept list.
  const figures = await publishedFiguresOfGroups(db, orgId, cycle, selected ? [selected.id] : []);
  if (!figures) return null;
  const rows = selected ? heatmapRows(listedGroups.groups, selected).map((g) => listedGroups.heatmapOf(g)) : [];
  const teams = listedGroups.groups.filter((g) => g.kind === "team");
  const found = findTeams(teams, input.team ?? "");
  return {
    k: figures.k,
    // Republished between the two reads, the selected group can be gone: then it is not found.
    group: figures.groups[0] ?? null,
    rows,
    teams: { count: teams.length, found: found.slice(0, TEAMS_FOUND_SHOWN).map(({ id, name }) => ({ id, name })), foundCount: found.length },
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
    return g
      ? [{ cycle: { id: c.id, name: c.name }, dimensions: g.dimensions.map((d) => ({ key: d.key, name: d.name, mean: d.mean, meanAbsGap: d.meanAbsGap })) }]
      : [];
  });
  if (input.groupId && series.length === 0) throw new NotFoundError();
  return series;
}

/** A published cycle as CSV: exactly the cells the page shows, hidden ones as hidden. Audited. */
export async function exportCycleTrendsCsv(db: Db, actor: Actor, input: { cycleId: string }) {
  const [cycle] = await openedCycles(db, actor.orgId, input.cycleId);
  if (!cycle) throw new NotFoundError();
  // Every group's figures: the export is complete, where the page shows a few groups at once.
  const figures = stateOf(cycle) === "published" ? await publishedFiguresOf(db, actor.orgId, cycle) : null;
  if (!figures) {
    throw new ConflictError(
      cycle.status !== "closed" ? "This cycle's figures appear once it closes." : "This cycle's figures are being prepared. Try again in a minute.",
    );
  }
  const view = { cycle, k: figures.k, groups: figures.groups };
  const sides = ["employee", "manager"] as const;
  const header = [
    "group",
    "dimension",
    "employee mean",
    "manager mean",
    "mean absolute gap",
    "agreement r",
    "r 95% CI low",
    "r 95% CI high",
    "alpha employee",
    "alpha manager",
    "absolute agreement ICC",
    "ICC 95% CI low",
    "ICC 95% CI high",
    ...sides.flatMap((side) =>
      (["score", "gap"] as const).flatMap((of) => [
        `choose again rho ${side} ${of}`,
        `choose again rho ${side} ${of} CI low`,
        `choose again rho ${side} ${of} CI high`,
      ]),
    ),
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
