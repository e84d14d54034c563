import { and, asc, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { isEmbedded, type Db } from "@/db/client";
import { cycles, trendGroupFigures, trendSnapshots } from "@/db/schema";
import { hiddenCell } from "@/server/analysis/anonymity";
import { getItemBank, type ItemBank } from "@/server/assessments/item-bank";
import type { ComputedFigures, GroupFigures } from "./compute";
import { canPublishOnThread, publishOnThread, startFiguresComputation } from "./compute-off-thread";
import { loadCycleInputs, openedCycles, type OpenedCycle } from "./inputs";
import { keepContributors, storedContributorsOf } from "./stored-contributors";

// A cycle's trend figures are published once, after it closes, by the background worker
// (`publishDueFigures`), and only read afterwards: no request computes them. What is stored is
// exactly what the procedures return, the anonymity rules already applied over the cycle's
// frozen groups and against every cycle published before it (compute.ts), so a stored figure
// is never more than a view shows. An open cycle has no figures at all: polling one between
// submissions would give each submission's answers by subtraction.
//
// A published cycle is computed again only when FIGURES_FORMAT changes, from the same frozen
// groups and answers, in the order cycles were first published.

/**
 * Bump when `computeCycleFigures` or what it is given changes in a way that changes its output
 * (a new figure, a different rule): published cycles are then computed again by the worker,
 * and read as "being prepared" until they are.
 */
export const FIGURES_FORMAT = 4;

export interface CycleFigures {
  k: number;
  groups: GroupFigures[];
}

export const inputsOf = () => `f${FIGURES_FORMAT}`;

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

const toStored = (g: GroupFigures): StoredGroup => (g.hidden ? { id: g.id, name: g.name, kind: g.kind, depth: g.depth, allHidden: true } : g);

/**
 * Every cell of a rebuilt hidden group is this one object: a large organization's cycle has
 * thousands of hidden groups of a hundred cells each, and nothing changes a cell once built.
 */
const HIDDEN = Object.freeze(hiddenCell());

function fromStored(bank: ItemBank, g: StoredGroup): GroupFigures {
  if (!("allHidden" in g)) return g;
  const hiddenCell = () => HIDDEN;
  const sides = () => ({ employee: HIDDEN, manager: HIDDEN });
  return {
    id: g.id,
    name: g.name,
    kind: g.kind,
    depth: g.depth,
    hidden: true,
    hiddenSides: ["employee", "manager"],
    participation: { invited: hiddenCell(), employeeSubmitted: hiddenCell(), managerSubmitted: hiddenCell(), complete: hiddenCell() },
    dimensions: bank.dimensions.map((d) => ({
      key: d.key,
      name: d.name,
      mean: sides(),
      meanAbsGap: hiddenCell(),
      agreement: hiddenCell(),
      absoluteAgreement: hiddenCell(),
      alpha: sides(),
    })),
    largeTrustOrGoalsGapShare: hiddenCell(),
    chooseAgain: sides(),
    stance: sides(),
    balance: hiddenCell(),
    reading: sides(),
    chooseAgainDrivers: sides(),
  };
}

/** A published cycle's figures for every group, or null while they are not published (open, or closed and being prepared). */
export async function publishedFiguresOf(db: Db, orgId: string, cycle: Pick<OpenedCycle, "id" | "bankVersion">): Promise<CycleFigures | null> {
  const rows = await db
    .select({ inputs: trendSnapshots.inputs, k: trendSnapshots.k, figures: trendGroupFigures.figures })
    .from(trendSnapshots)
    .innerJoin(cycles, and(eq(cycles.orgId, trendSnapshots.orgId), eq(cycles.id, trendSnapshots.cycleId)))
    .leftJoin(trendGroupFigures, and(eq(trendGroupFigures.orgId, trendSnapshots.orgId), eq(trendGroupFigures.cycleId, trendSnapshots.cycleId)))
    .where(and(eq(trendSnapshots.orgId, orgId), eq(trendSnapshots.cycleId, cycle.id), eq(cycles.status, "closed")))
    .orderBy(asc(trendGroupFigures.position));
  const [first] = rows;
  if (!first || first.inputs !== inputsOf()) return null;
  const bank = getItemBank(cycle.bankVersion);
  return { k: first.k, groups: rows.flatMap((r) => (r.figures ? [fromStored(bank, r.figures as StoredGroup)] : [])) };
}

/** A group of a published cycle as its list shows it, without its figures. */
export interface ListedGroup {
  id: string;
  name: string;
  kind: GroupFigures["kind"];
  depth: number;
}

/**
 * A listed group with what the heatmap shows of it: per dimension, in the item bank's order, the
 * employee-side and manager-side means and the mean absolute gap, null where the cell is hidden.
 */
export interface HeatmapGroup extends ListedGroup {
  mean: { employee: (number | null)[]; manager: (number | null)[] };
  meanAbsGap: (number | null)[];
}

/**
 * A kept group: its heatmap figures as one array (employee mean, manager mean and gap of each
 * dimension in turn, NaN where hidden), or null when all are hidden, as for most teams of a
 * large organization. Kept for every group of up to LISTS_KEPT cycles, so kept small.
 */
interface KeptGroup extends ListedGroup {
  cells: Float64Array | null;
}

/**
 * A published cycle's groups in their order (org, departments, teams depth first), without
 * their figures but with what the heatmap shows of them: what a page needs to choose which
 * groups to show and draw their rows. Null while the cycle's figures are not published in the
 * current format.
 *
 * Listing them parses every group's stored figures in the database (about 100 ms for the
 * 3,000 teams of a 20,000-person organization), so the list is kept in memory per cycle and
 * publication: one header row tells whether a kept list is still the stored one. A cell is
 * taken only when it says it is shown and its value is a number: anything else reads as hidden.
 */
export async function publishedGroupsOf(
  db: Db,
  orgId: string,
  cycle: Pick<OpenedCycle, "id" | "bankVersion">,
): Promise<{ k: number; groups: readonly ListedGroup[]; heatmapOf(group: ListedGroup): HeatmapGroup } | null> {
  const [header] = await db
    .select({ inputs: trendSnapshots.inputs, k: trendSnapshots.k, version: sql<string>`${trendSnapshots.computedAt}::text` })
    .from(trendSnapshots)
    .innerJoin(cycles, and(eq(cycles.orgId, trendSnapshots.orgId), eq(cycles.id, trendSnapshots.cycleId)))
    .where(and(eq(trendSnapshots.orgId, orgId), eq(trendSnapshots.cycleId, cycle.id), eq(cycles.status, "closed")));
  if (!header || header.inputs !== inputsOf()) return null;
  const dimensions = getItemBank(cycle.bankVersion).dimensions.length;
  const listed = (groups: readonly KeptGroup[]) => ({ k: header.k, groups, heatmapOf: (g: ListedGroup) => heatmapOf(g as KeptGroup, dimensions) });
  const key = `${orgId}/${cycle.id}`;
  const kept = listedGroups.get(key);
  if (kept && kept.version === `${header.inputs}/${header.version}`) {
    keepListed(key, kept);
    return listed(kept.groups);
  }
  // A shown cell's value, else null: the same test as the output schemas' cells (hidden: false and a number).
  const shown = (cell: SQL) => sql`case when ${cell}->>'hidden' = 'false' and json_typeof(${cell}->'value') = 'number' then ${cell}->'value' end`;
  const result = await db.execute(sql`
    select s.inputs, s.computed_at::text as version, f.group_id as id, g.name, g.kind, g.depth,
      (select json_agg(json_build_array(${shown(sql`d.value->'mean'->'employee'`)}, ${shown(sql`d.value->'mean'->'manager'`)}, ${shown(sql`d.value->'meanAbsGap'`)}) order by d.ordinality)
        from json_array_elements(case when json_typeof(f.figures->'dimensions') = 'array' then f.figures->'dimensions' end) with ordinality as d(value, ordinality)) as cells
    from ${trendSnapshots} s
    join ${trendGroupFigures} f on f.org_id = s.org_id and f.cycle_id = s.cycle_id
    cross join lateral json_to_record(f.figures) as g(name text, kind text, depth int)
    where s.org_id = ${orgId} and s.cycle_id = ${cycle.id}
    order by f.position`);
  // postgres.js answers an array of rows, PGlite an object with `rows`.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    inputs: string;
    version: string;
    id: string;
    name: string;
    kind: ListedGroup["kind"];
    depth: number;
    cells: (number | null)[][] | string | null;
  }[];
  const groups = rows.map((r): KeptGroup => ({ id: r.id, name: r.name, kind: r.kind, depth: r.depth, cells: packCells(r.cells, dimensions) }));
  const [first] = rows;
  // Published again between the two reads: the list is the newer publication's, kept as such.
  if (first) keepListed(key, { version: `${first.inputs}/${first.version}`, groups });
  return listed(groups);
}

/** A group's heatmap figures as kept: null when none is shown. */
function packCells(cells: (number | null)[][] | string | null, dimensions: number): Float64Array | null {
  // A driver that hands json back as text (neither does today) is parsed here.
  const list = typeof cells === "string" ? (JSON.parse(cells) as (number | null)[][]) : cells;
  if (!list || !list.some((d) => d.some((v) => typeof v === "number"))) return null;
  const packed = new Float64Array(dimensions * 3).fill(Number.NaN);
  for (let i = 0; i < dimensions; i++) for (let j = 0; j < 3; j++) if (typeof list[i]?.[j] === "number") packed[i * 3 + j] = list[i]![j]!;
  return packed;
}

function heatmapOf(g: KeptGroup, dimensions: number): HeatmapGroup {
  const at = (j: number) => Array.from({ length: dimensions }, (_, i) => (g.cells === null || Number.isNaN(g.cells[i * 3 + j]!) ? null : g.cells[i * 3 + j]!));
  return { id: g.id, name: g.name, kind: g.kind, depth: g.depth, mean: { employee: at(0), manager: at(1) }, meanAbsGap: at(2) };
}

/** Published cycles' group lists by organization and cycle, the most recently used last. */
const listedGroups = new Map<string, { version: string; groups: readonly KeptGroup[] }>();
const LISTS_KEPT = 32;

function keepListed(key: string, list: { version: string; groups: readonly KeptGroup[] }) {
  listedGroups.delete(key);
  listedGroups.set(key, list);
  for (const oldest of listedGroups.keys()) {
    if (listedGroups.size <= LISTS_KEPT) break;
    listedGroups.delete(oldest);
  }
}

/**
 * These groups' published figures in one cycle, in the cycle's order; a group it does not have
 * is left out. Null while the cycle's figures are not published.
 */
export async function publishedFiguresOfGroups(
  db: Db,
  orgId: string,
  cycle: Pick<OpenedCycle, "id" | "bankVersion">,
  groupIds: readonly string[],
): Promise<CycleFigures | null> {
  const rows = await db
    .select({ inputs: trendSnapshots.inputs, k: trendSnapshots.k, figures: trendGroupFigures.figures })
    .from(trendSnapshots)
    .innerJoin(cycles, and(eq(cycles.orgId, trendSnapshots.orgId), eq(cycles.id, trendSnapshots.cycleId)))
    .leftJoin(
      trendGroupFigures,
      and(
        eq(trendGroupFigures.orgId, trendSnapshots.orgId),
        eq(trendGroupFigures.cycleId, trendSnapshots.cycleId),
        inArray(trendGroupFigures.groupId, groupIds.length > 0 ? [...groupIds] : [""]),
      ),
    )
    .where(and(eq(trendSnapshots.orgId, orgId), eq(trendSnapshots.cycleId, cycle.id), eq(cycles.status, "closed")))
    .orderBy(asc(trendGroupFigures.position));
  const [first] = rows;
  if (!first || first.inputs !== inputsOf()) return null;
  const bank = getItemBank(cycle.bankVersion);
  return { k: first.k, groups: rows.flatMap((r) => (r.figures ? [fromStored(bank, r.figures as StoredGroup)] : [])) };
}

/**
 * One group's published figures in each of these cycles (undefined where the cycle has no
 * published figures, or no such group), one stored row per cycle.
 */
export async function groupFiguresAcross(
  db: Db,
  orgId: string,
  all: readonly Pick<OpenedCycle, "id" | "status" | "bankVersion">[],
  groupId: string,
): Promise<(GroupFigures | undefined)[]> {
  const closed = all.filter((c) => c.status === "closed");
  if (closed.length === 0) return all.map(() => undefined);
  const rows = await db
    .select({ cycleId: trendSnapshots.cycleId, inputs: trendSnapshots.inputs, figures: trendGroupFigures.figures })
    .from(trendSnapshots)
    .leftJoin(
      trendGroupFigures,
      and(eq(trendGroupFigures.orgId, trendSnapshots.orgId), eq(trendGroupFigures.cycleId, trendSnapshots.cycleId), eq(trendGroupFigures.groupId, groupId)),
    )
    .where(
      and(
        eq(trendSnapshots.orgId, orgId),
        inArray(
          trendSnapshots.cycleId,
          closed.map((c) => c.id),
        ),
      ),
    );
  const stored = new Map(rows.map((r) => [r.cycleId, r]));
  return all.map((cycle) => {
    const row = cycle.status === "closed" ? stored.get(cycle.id) : undefined;
    return row && row.inputs === inputsOf() && row.figures ? fromStored(getItemBank(cycle.bankVersion), row.figures as StoredGroup) : undefined;
  });
}

/**
 * Computes a closed cycle's figures and stores them: against every cycle of the organization
 * published before it (or, for a first publication, published at all) with the same item bank.
 */
export async function publishCycle(db: Db, orgId: string, cycle: OpenedCycle): Promise<CycleFigures> {
  const input = await loadCycleInputs(db, orgId, cycle);
  const all = await openedCycles(db, orgId);
  const before = all.filter(
    (c) =>
      c.id !== cycle.id &&
      c.status === "closed" &&
      c.publishedAt !== null &&
      c.bankVersion === cycle.bankVersion &&
      (cycle.publishedAt === null || c.publishedAt < cycle.publishedAt),
  );
  const inputs = inputsOf();
  const computation = startFiguresComputation();
  let computed: ComputedFigures;
  // Earlier cycles published before contributors were kept: theirs are made from their answers
  // in this computation, and kept with this cycle's figures.
  const madeFor: string[] = [];
  try {
    for (const c of before) {
      const kept = await storedContributorsOf(db, orgId, c.id, inputs);
      if (kept) {
        computation.addEarlier(kept);
        continue;
      }
      const figures = await publishedFiguresOf(db, orgId, c);
      // An earlier cycle whose figures are not current yet is computed before this one (the
      // worker goes in publication order); one that is missing showed nothing to compare with.
      if (!figures) continue;
      const earlierInputs = await loadCycleInputs(db, orgId, c);
      computation.addEarlier({ id: c.id, groups: earlierInputs.groups, invited: earlierInputs.invited, rows: earlierInputs.rows, figures: figures.groups });
      madeFor.push(c.id);
    }
    computed = await computation.compute({ bankVersion: input.bankVersion, groups: input.groups, invited: input.invited, rows: input.rows, k: input.k });
  } finally {
    await computation.close();
  }
  const { groups } = computed;
  await db.transaction(async (tx) => {
    // The header row is the lock: two servers storing the same cycle take turns, and a reader
    // sees one complete set of groups or the other.
    await tx
      .insert(trendSnapshots)
      .values({ cycleId: cycle.id, orgId, inputs, k: input.k })
      .onConflictDoUpdate({ target: trendSnapshots.cycleId, set: { inputs, k: input.k, computedAt: sql`now()` } });
    await tx.delete(trendGroupFigures).where(and(eq(trendGroupFigures.orgId, orgId), eq(trendGroupFigures.cycleId, cycle.id)));
    // One statement, one parameter: the groups as a JSON array, one row per element.
    await tx.execute(sql`
      insert into ${trendGroupFigures} (org_id, cycle_id, group_id, position, figures)
      select ${orgId}::uuid, ${cycle.id}::uuid, g.value->>'id', (g.ordinality - 1)::int, g.value
      from json_array_elements(${JSON.stringify(groups.map(toStored))}::json) with ordinality as g(value, ordinality)`);
    await keepContributors(tx, orgId, cycle.id, computed.contributors);
    for (const [i, cycleId] of madeFor.entries()) {
      const made = computed.made[i];
      if (made) await keepContributors(tx, orgId, cycleId, made);
    }
  });
  return { k: input.k, groups };
}

/**
 * Publishes the figures of closed cycles that have none in the current format, first those
 * published before (in their order), then newly closed ones in the order they closed. The
 * worker calls it, one server at a time.
 *
 * Fair between organizations: one cycle per organization per call (an organization's cycles
 * go in order, each checked against those before it), organizations in the order of their
 * most overdue cycle; at most `limit` cycles, and none started once `budgetMs` has passed, so
 * one organization's backlog (a change of figure format recomputes all its cycles) delays the
 * next organization's newly closed cycle by one cycle's work, not by the whole backlog.
 */
export async function publishDueFigures(db: Db, limit = 2, budgetMs = Number.POSITIVE_INFINITY): Promise<number> {
  const started = performance.now();
  const due = await db
    .select({ orgId: cycles.orgId, cycleId: cycles.id })
    .from(cycles)
    .leftJoin(trendSnapshots, and(eq(trendSnapshots.orgId, cycles.orgId), eq(trendSnapshots.cycleId, cycles.id)))
    .where(and(eq(cycles.status, "closed"), or(isNull(trendSnapshots.cycleId), ne(trendSnapshots.inputs, inputsOf()))))
    .orderBy(sql`${trendSnapshots.publishedAt} asc nulls last`, asc(cycles.closedAt), asc(cycles.createdAt));
  const firstOfEachOrg = new Map<string, string>();
  for (const d of due) if (!firstOfEachOrg.has(d.orgId)) firstOfEachOrg.set(d.orgId, d.cycleId);
  let published = 0;
  let failed: unknown = null;
  for (const [orgId, cycleId] of firstOfEachOrg) {
    if (published >= limit || (published > 0 && performance.now() - started > budgetMs)) break;
    const failedAt = failedCycles.get(cycleId);
    if (failedAt !== undefined && Date.now() - failedAt < RETRY_FAILED_AFTER_MS) continue;
    const [cycle] = await openedCycles(db, orgId, cycleId);
    if (!cycle) continue;
    try {
      if (canPublishOnThread(isEmbedded(db))) await publishOnThread({ orgId, cycleId });
      else await publishCycle(db, orgId, cycle);
      failedCycles.delete(cycleId);
      published += 1;
    } catch (err) {
      // One organization's failing cycle (its figures' thread out of memory or time) must not
      // stop the others': tried again after a while, reported once the round is done.
      failedCycles.set(cycleId, Date.now());
      failed ??= err;
    }
  }
  if (failed !== null) throw failed;
  return published;
}

/** Cycles whose publication failed in this process, and when: not tried again for a while. */
const failedCycles = new Map<string, number>();
const RETRY_FAILED_AFTER_MS = 15 * 60_000;
