import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cycles, organizations, trendGroupFigures, trendSnapshots } from "@/db/schema";
import { hiddenCell } from "@/server/analysis/anonymity";
import { getItemBank, type ItemBank } from "@/server/assessment/item-bank";
import { computeCycleFigures, type GroupFigures } from "./compute";
import { loadCycleInputs, openedCycles, type OpenedCycle } from "./inputs";

// A cycle's trend figures are computed once when its data changes, not on every view
// (docs/performance.md). What is stored is exactly what the procedures return, the anonymity
// rules already applied (suppression decided over the whole family of the cycle's groups, as
// live), so a stored figure is never more than a view would show.
//
// Freshness is exact, not time-based: triggers (db/migrations/0006_trend_triggers.sql) bump
// `cycles.figures_version` and `organizations.trends_version` in the same transaction as any
// change the figures depend on. The versions are read before the data a computation reads, so
// figures are stamped with versions no newer than their data: a change that lands mid-way makes
// the new snapshot stale at once (it is recomputed), never fresh with old data.

/**
 * Bump when `computeCycleFigures` or what it is given changes in a way that changes its output
 * (a new figure, a different rule): snapshots of the old format are then recomputed.
 */
export const FIGURES_FORMAT = 2;

export interface CycleFigures {
  k: number;
  groups: GroupFigures[];
}


export async function trendsVersionOf(db: Db, orgId: string): Promise<number> {
  const [org] = await db.select({ version: organizations.trendsVersion }).from(organizations).where(eq(organizations.id, orgId));
  return org?.version ?? 0;
}

export const inputsOf = (orgVersion: number, cycle: { figuresVersion: number }) => `f${FIGURES_FORMAT}.o${orgVersion}.c${cycle.figuresVersion}`;

/**
 * A group hidden on both sides shows nothing: every one of its cells is hidden. Most teams of a
 * large organization are (1,814 of 3,088 in the benchmark's open cycle), so they are stored as
 * this and rebuilt on reading, cell for cell what `computeCycleFigures` returns for them.
 */
interface StoredHiddenGroup {
  id: string;
  name: string;
  kind: GroupFigures["kind"];
  depth: number;
  allHidden: true;
}

type StoredGroup = GroupFigures | StoredHiddenGroup;

const toStored = (g: GroupFigures): StoredGroup =>
  g.hidden ? { id: g.id, name: g.name, kind: g.kind, depth: g.depth, allHidden: true } : g;

function fromStored(bank: ItemBank, g: StoredGroup): GroupFigures {
  if (!("allHidden" in g)) return g;
  const sides = () => ({ employee: hiddenCell(), manager: hiddenCell() });
  return {
    id: g.id,
    name: g.name,
    kind: g.kind,
    depth: g.depth,
    hidden: true,
    hiddenSides: ["employee", "manager"],
    participation: { invited: hiddenCell(), employeeSubmitted: hiddenCell(), managerSubmitted: hiddenCell(), complete: hiddenCell() },
    dimensions: bank.dimensions.map((d) => ({ key: d.key, name: d.name, mean: sides(), meanAbsGap: hiddenCell(), agreement: hiddenCell(), alpha: sides() })),
    largeTrustOrGoalsGapShare: hiddenCell(),
    chooseAgain: sides(),
    stance: sides(),
  };
}

/** Computes a cycle's figures from its data and stores them, replacing any earlier snapshot. */
async function computeAndStore(db: Db, orgId: string, cycle: OpenedCycle, orgVersion: number): Promise<CycleFigures> {
  const input = await loadCycleInputs(db, orgId, cycle);
  const groups = computeCycleFigures(getItemBank(input.bankVersion), input.groups, input.invited, input.rows, input.k);
  const inputs = inputsOf(orgVersion, cycle);
  await db.transaction(async (tx) => {
    // The header row is the lock: two servers storing the same cycle take turns, and a reader
    // sees one complete set of groups or the other.
    await tx
      .insert(trendSnapshots)
      .values({ cycleId: cycle.id, orgId, inputs, k: input.k })
      .onConflictDoUpdate({ target: trendSnapshots.cycleId, set: { inputs, k: input.k, computedAt: sql`now()` } });
    await tx.delete(trendGroupFigures).where(eq(trendGroupFigures.cycleId, cycle.id));
    // One statement, one parameter: the groups as a JSON array, one row per element.
    await tx.execute(sql`
      insert into ${trendGroupFigures} (cycle_id, group_id, position, figures)
      select ${cycle.id}::uuid, g.value->>'id', (g.ordinality - 1)::int, g.value
      from json_array_elements(${JSON.stringify(groups.map(toStored))}::json) with ordinality as g(value, ordinality)`);
  });
  return { k: input.k, groups };
}

/** One cycle's figures for every group: the stored snapshot when fresh, otherwise computed now and stored. */
export async function cycleFiguresOf(db: Db, orgId: string, cycle: OpenedCycle): Promise<CycleFigures> {
  const orgVersion = await trendsVersionOf(db, orgId);
  const rows = await db
    .select({ inputs: trendSnapshots.inputs, k: trendSnapshots.k, figures: trendGroupFigures.figures })
    .from(trendSnapshots)
    .leftJoin(trendGroupFigures, eq(trendGroupFigures.cycleId, trendSnapshots.cycleId))
    .where(and(eq(trendSnapshots.orgId, orgId), eq(trendSnapshots.cycleId, cycle.id)))
    .orderBy(asc(trendGroupFigures.position));
  const [first] = rows;
  if (first && first.inputs === inputsOf(orgVersion, cycle)) {
    const bank = getItemBank(cycle.bankVersion);
    return { k: first.k, groups: rows.flatMap((r) => (r.figures ? [fromStored(bank, r.figures as StoredGroup)] : [])) };
  }
  return computeAndStore(db, orgId, cycle, orgVersion);
}

/**
 * One group's figures in each of these cycles (undefined where the group is not in a cycle),
 * reading one stored row per cycle; stale cycles are computed whole and stored.
 */
export async function groupFiguresAcross(db: Db, orgId: string, all: readonly OpenedCycle[], groupId: string): Promise<(GroupFigures | undefined)[]> {
  if (all.length === 0) return [];
  const orgVersion = await trendsVersionOf(db, orgId);
  const rows = await db
    .select({ cycleId: trendSnapshots.cycleId, inputs: trendSnapshots.inputs, figures: trendGroupFigures.figures })
    .from(trendSnapshots)
    .leftJoin(trendGroupFigures, and(eq(trendGroupFigures.cycleId, trendSnapshots.cycleId), eq(trendGroupFigures.groupId, groupId)))
    .where(and(eq(trendSnapshots.orgId, orgId), inArray(trendSnapshots.cycleId, all.map((c) => c.id))));
  const stored = new Map(rows.map((r) => [r.cycleId, r]));
  const result: (GroupFigures | undefined)[] = [];
  for (const cycle of all) {
    const row = stored.get(cycle.id);
    if (row && row.inputs === inputsOf(orgVersion, cycle)) {
      result.push(row.figures ? fromStored(getItemBank(cycle.bankVersion), row.figures as StoredGroup) : undefined);
      continue;
    }
    const computed = await computeAndStore(db, orgId, cycle, orgVersion);
    result.push(computed.groups.find((g) => g.id === groupId));
  }
  return result;
}

/**
 * Recomputes snapshots that went stale since someone last looked (the background worker calls
 * this), so the next view reads instead of computing. Only cycles viewed before have a
 * snapshot; at most `limit` per call, oldest first.
 */
export async function refreshStaleFigures(db: Db, limit = 2): Promise<number> {
  const stale = await db
    .select({ orgId: trendSnapshots.orgId, cycleId: trendSnapshots.cycleId })
    .from(trendSnapshots)
    .innerJoin(cycles, eq(cycles.id, trendSnapshots.cycleId))
    .innerJoin(organizations, eq(organizations.id, trendSnapshots.orgId))
    // `inputsOf`, written in SQL: stale is any snapshot whose inputs differ from the current ones.
    .where(sql`${trendSnapshots.inputs} <> ${`f${FIGURES_FORMAT}.o`} || ${organizations.trendsVersion} || '.c' || ${cycles.figuresVersion}`)
    .orderBy(asc(trendSnapshots.computedAt))
    .limit(limit);
  let refreshed = 0;
  for (const s of stale) {
    const [cycle] = await openedCycles(db, s.orgId, s.cycleId);
    if (!cycle) continue;
    await computeAndStore(db, s.orgId, cycle, await trendsVersionOf(db, s.orgId));
    refreshed += 1;
  }
  return refreshed;
}
