import { isLargeDimensionGap } from "@/server/analysis/gaps";
import { cell, hiddenCell, suppressFamily, type Cell, type SideCounts } from "@/server/analysis/anonymity";
import { cronbachAlpha, fisherInterval, mean, pearson } from "@/server/analysis/statistics";
import type { DimensionKey, ItemBank, Side } from "@/server/assessment/item-bank";

// Org trend figures for one cycle, computed from submitted responses and released only as
// cells that pass the anonymity rules (PRODUCT.md §5). Pure: the service loads rows and k.
//
// Which groups a figure may be shown for is decided over the whole family of groups of the
// cycle at once (the org, every department, every team) with `suppressFamily`
// (server/analysis/anonymity.ts; docs/decisions/0002-anonymity-suppression.md).

export interface ResponseRow {
  assessmentId: string;
  side: Side;
  respondentId: string;
  answers: Readonly<Record<string, number | string>>;
  /** The pair's groups: the org, the report's department, every team the pair is in. */
  groupIds: readonly string[];
}

/** A pair invited to the cycle, submitted or not. */
export interface InvitedPair {
  assessmentId: string;
  reportId: string;
  groupIds: readonly string[];
}

export interface GroupDef {
  id: string;
  name: string;
  kind: "org" | "department" | "team";
  /** Teams: 0 for the team of a manager nobody in the cycle manages, 1 for a team inside it, … */
  depth: number;
}

const SIDES: readonly Side[] = ["employee", "manager"];

export interface DimensionFigures {
  key: DimensionKey;
  name: string;
  mean: Record<Side, Cell<number>>;
  meanAbsGap: Cell<number>;
  agreement: Cell<{ r: number; lower: number; upper: number; pairs: number }>;
  alpha: Record<Side, Cell<number>>;
}

export interface GroupFigures {
  id: string;
  name: string;
  kind: GroupDef["kind"];
  depth: number;
  /** Hidden on both sides: nothing of this group is shown. */
  hidden: boolean;
  /** Sides whose figures are all hidden for this group. */
  hiddenSides: Side[];
  participation: { invited: Cell<number>; employeeSubmitted: Cell<number>; managerSubmitted: Cell<number>; complete: Cell<number> };
  dimensions: DimensionFigures[];
  largeTrustOrGoalsGapShare: Cell<number>;
  chooseAgain: Record<Side, Cell<Record<string, number>>>;
  stance: Record<Side, Cell<Record<string, number>>>;
}

/** A submitted response with what the figures need of it, computed once however many groups it is in. */
interface Response {
  row: ResponseRow;
  contribution: Contribution;
  /** Per dimension (bank order): the mean of its items answered on the scale; null if none was. */
  means: (number | null)[];
  /** Per dimension: each item's answer, null where it is not on the scale ("can't say"). */
  scores: (number | null)[][];
  /** Per dimension: every item answered on the scale (Cronbach's α uses only those responses). */
  allAnswered: boolean[];
}

interface CompletePair {
  assessmentId: string;
  employee: Response;
  manager: Response;
  contribution: Contribution;
}

interface GroupData {
  def: GroupDef;
  responses: Record<Side, Response[]>;
  /** Distinct people who submitted, per side. */
  people: SideCounts;
  complete: CompletePair[];
  /** Distinct people in complete pairs, per side. */
  pairPeople: SideCounts;
  invited: InvitedPair[];
}

/** What went into a figure: one response (one person), or one complete pair (a person on each side). */
interface Contribution {
  id: string;
  people: Partial<Record<Side, string>>;
}

const responseContribution = (r: Response): Contribution => r.contribution;
const pairContribution = (p: CompletePair): Contribution => p.contribution;

/** Distinct respondents of responses from one side, as the counts of a one-side figure. */
function respondentCounts(responses: readonly Response[], side: Side): SideCounts {
  const people = new Set<string>();
  for (const r of responses) people.add(r.row.respondentId);
  return side === "employee" ? { employee: people.size, manager: 0 } : { employee: 0, manager: people.size };
}

/** The pairs among these responses where both sides submitted. */
function completePairs(responses: readonly Response[]): CompletePair[] {
  const byAssessment = new Map<string, Partial<Record<Side, Response>>>();
  for (const r of responses) {
    const sides = byAssessment.get(r.row.assessmentId) ?? {};
    sides[r.row.side] = r;
    byAssessment.set(r.row.assessmentId, sides);
  }
  const complete: CompletePair[] = [];
  for (const [assessmentId, p] of byAssessment) {
    if (!p.employee || !p.manager) continue;
    const contribution = { id: assessmentId, people: { employee: p.employee.row.respondentId, manager: p.manager.row.respondentId } };
    complete.push({ assessmentId, employee: p.employee, manager: p.manager, contribution });
  }
  return complete;
}

/** Distinct people per side in complete pairs. */
function pairCounts(pairs: readonly CompletePair[]): SideCounts {
  const employees = new Set<string>();
  const managers = new Set<string>();
  for (const p of pairs) {
    employees.add(p.employee.row.respondentId);
    managers.add(p.manager.row.respondentId);
  }
  return { employee: employees.size, manager: managers.size };
}

/** The mean of one value per item, added in order (as `mean` does), without building a list. */
function meanOf<T>(items: readonly T[], value: (item: T) => number): number | null {
  if (items.length === 0) return null;
  let sum = 0;
  for (const item of items) sum += value(item);
  return sum / items.length;
}

function scaleScore(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5 ? value : null;
}

function isOption(value: unknown, values: readonly string[]): value is string {
  return typeof value === "string" && values.includes(value);
}

function distribution(rows: readonly Response[], key: string, values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(values.map((v) => [v, 0]));
  let total = 0;
  for (const { row } of rows) {
    const v = row.answers[key];
    if (isOption(v, values)) {
      counts[v] = (counts[v] ?? 0) + 1;
      total += 1;
    }
  }
  // Shares, not counts: a share of a group that passed the threshold reveals no small count.
  return Object.fromEntries(values.map((v) => [v, total ? (counts[v] ?? 0) / total : 0]));
}

/** A count is itself a figure: shown only when it is at least k. */
function countCell(n: number, k: number, suppressed: boolean): Cell<number> {
  return suppressed || n < k ? hiddenCell() : { hidden: false, value: n, n: {} };
}

function byGroup<T extends { groupIds: readonly string[] }>(items: readonly T[]): Map<string, T[]> {
  const lists = new Map<string, T[]>();
  for (const item of items) {
    for (const id of new Set(item.groupIds)) {
      const list = lists.get(id);
      if (list) list.push(item);
      else lists.set(id, [item]);
    }
  }
  return lists;
}

/**
 * Which groups each figure is hidden for. A scope is one kind of contribution (employee
 * responses, manager responses, complete pairs, invited pairs) checked over the whole family
 * of groups at once. A figure that adds up its contributors (a mean, a share, a count) is then
 * checked on its own contributors, which can be fewer than its scope's: a report who answered
 * "can't say" to every trust item is not in the trust mean, so two groups that differ by five
 * responses can differ by one trust answer. Where a figure's contributors are all of its
 * scope's (the usual case) it shares the scope's result; otherwise it is checked again,
 * starting from what its scope hides.
 */
class Suppression {
  private readonly scopes = new Map<string, Set<string>>();
  private readonly figures = new Map<string, { hidden: Set<string>; whole: boolean }>();

  constructor(
    private readonly groups: readonly GroupData[],
    private readonly k: number,
  ) {}

  scope(key: string, sides: readonly Side[], of: (g: GroupData) => readonly Contribution[], forceHidden?: ReadonlySet<string>): Set<string> {
    let hidden = this.scopes.get(key);
    if (hidden === undefined) {
      hidden = this.run(sides, of, forceHidden);
      this.scopes.set(key, hidden);
    }
    return hidden;
  }

  /**
   * `all`: every contribution of the scope (each group's are among them). `whole`: the figure's
   * contributors are its scope's, in every group. `check`: the figure adds up its contributions,
   * so it is checked on its own; otherwise it is hidden where its scope is.
   */
  figure<T>(
    key: string,
    base: Set<string>,
    check: boolean,
    sides: readonly Side[],
    all: readonly T[],
    items: (g: GroupData) => readonly T[],
    keep: (item: T) => boolean,
    contribution: (item: T) => Contribution,
  ): { hidden: Set<string>; whole: boolean } {
    let known = this.figures.get(key);
    if (known === undefined) {
      const whole = all.every(keep);
      known = { hidden: whole || !check ? base : this.run(sides, (g) => items(g).filter(keep).map(contribution), base), whole };
      this.figures.set(key, known);
    }
    return known;
  }

  private run(sides: readonly Side[], of: (g: GroupData) => readonly Contribution[], forceHidden?: ReadonlySet<string>): Set<string> {
    const people = new Map<string, Contribution["people"]>();
    const family = this.groups.map((g) => {
      const ids = new Set<string>();
      for (const c of of(g)) {
        ids.add(c.id);
        people.set(c.id, c.people);
      }
      return { id: g.def.id, members: Object.fromEntries(sides.map((side) => [side, ids])) };
    });
    const personOf = (side: Side, id: string) => {
      const person = people.get(id)?.[side];
      if (person === undefined) throw new Error(`contribution ${id} has nobody on the ${side} side`);
      return person;
    };
    return suppressFamily(family, this.k, { personOf, ...(forceHidden ? { forceHidden } : {}) });
  }
}

/**
 * Figures per group for one cycle. `groups` is the whole family published for the cycle, and
 * suppression is decided over all of it; `only` limits which groups' figures are computed and
 * returned (one group's trend across cycles needs that group alone).
 */
export function computeCycleFigures(
  bank: ItemBank,
  groups: readonly GroupDef[],
  invited: readonly InvitedPair[],
  rows: readonly ResponseRow[],
  k: number,
  only?: ReadonlySet<string>,
): GroupFigures[] {
  const dimensionItems = bank.dimensions.map((d) => d.items.map((i) => i.key));
  const responses = rows.map((row) => {
    const scores = dimensionItems.map((items) => items.map((key) => scaleScore(row.answers[key])));
    return {
      row,
      contribution: { id: row.assessmentId, people: { [row.side]: row.respondentId } },
      groupIds: row.groupIds,
      scores,
      means: scores.map((s) => mean(s.filter((v): v is number => v !== null))),
      allAnswered: scores.map((s) => s.every((v) => v !== null)),
    };
  });
  const responsesByGroup = byGroup(responses);
  const invitedByGroup = byGroup(invited);
  const allResponses = { employee: responses.filter((r) => r.row.side === "employee"), manager: responses.filter((r) => r.row.side === "manager") };
  const allPairs = completePairs(responses);
  // Both responses of a pair are in the same groups: a group's complete pairs are the complete
  // pairs of its employee responses.
  const pairOf = new Map(allPairs.map((p) => [p.employee, p]));
  for (const p of allPairs) {
    if ([...new Set(p.employee.row.groupIds)].sort().join() !== [...new Set(p.manager.row.groupIds)].sort().join()) {
      throw new Error(`the two responses of pair ${p.assessmentId} are in different groups`);
    }
  }
  const data: GroupData[] = groups.map((def) => {
    const own = responsesByGroup.get(def.id) ?? [];
    const employee = own.filter((r) => r.row.side === "employee");
    const manager = own.filter((r) => r.row.side === "manager");
    const complete = employee.flatMap((r) => pairOf.get(r) ?? []);
    return {
      def,
      responses: { employee, manager },
      people: { employee: respondentCounts(employee, "employee").employee, manager: respondentCounts(manager, "manager").manager },
      complete,
      pairPeople: pairCounts(complete),
      invited: invitedByGroup.get(def.id) ?? [],
    };
  });

  const suppression = new Suppression(data, k);
  const sideHidden: Record<Side, Set<string>> = {
    employee: suppression.scope("employee", ["employee"], (g) => g.responses.employee.map(responseContribution)),
    manager: suppression.scope("manager", ["manager"], (g) => g.responses.manager.map(responseContribution)),
  };
  // Pair figures report both sides: hidden wherever either side is, and checked on complete pairs.
  const pairHidden = suppression.scope("pairs", SIDES, (g) => g.complete.map(pairContribution), new Set([...sideHidden.employee, ...sideHidden.manager]));
  // One report per pair: invited pairs count reports, an employee-side figure.
  const invitedContribution = new Map(invited.map((p) => [p, { id: p.assessmentId, people: { employee: p.reportId } }]));
  const invitedHidden = suppression.scope("invited", ["employee"], (g) => g.invited.flatMap((p) => invitedContribution.get(p) ?? []), sideHidden.employee);

  // A hidden cell is decided before anything is computed: most teams of a large organization
  // are hidden, and their figures are never computed.
  /**
   * A one-side figure over the responses `keep` retains. `sum`: the figure adds up its
   * contributions (a mean, a share), so subtracting two groups' figures isolates the
   * contributions in one and not the other, and the figure is checked on its own contributors.
   * The others (Cronbach's α) are not sums; they are shown where their scope is, from at least k
   * contributors of their own.
   */
  const sideFigure = <T,>(g: GroupData, key: string, side: Side, sum: boolean, keep: (r: Response) => boolean, value: (rs: readonly Response[]) => T | null): Cell<T> => {
    const { hidden, whole } = suppression.figure(`${key}:${side}`, sideHidden[side], sum, [side], allResponses[side], (x) => x.responses[side], keep, responseContribution);
    if (hidden.has(g.def.id)) return hiddenCell();
    const contributing = whole ? g.responses[side] : g.responses[side].filter(keep);
    const v = value(contributing);
    return v === null ? hiddenCell() : cell(v, whole ? g.people : respondentCounts(contributing, side), k, [side]);
  };
  /** A figure over the complete pairs `keep` retains; it reports both sides. */
  const pairFigure = <T,>(g: GroupData, key: string, keep: (p: CompletePair) => boolean, value: (ps: readonly CompletePair[]) => T | null): Cell<T> => {
    const { hidden, whole } = suppression.figure(key, pairHidden, true, SIDES, allPairs, (x) => x.complete, keep, pairContribution);
    if (hidden.has(g.def.id)) return hiddenCell();
    const contributing = whole ? g.complete : g.complete.filter(keep);
    const v = value(contributing);
    return v === null ? hiddenCell() : cell(v, whole ? g.pairPeople : pairCounts(contributing), k, SIDES);
  };
  const trust = bank.dimensions.findIndex((d) => d.key === "trust");
  const goals = bank.dimensions.findIndex((d) => d.key === "goals");
  const largeGap = (p: CompletePair) =>
    [trust, goals].some((di) => {
      const e = p.employee.means[di];
      const m = p.manager.means[di];
      return e != null && m != null && isLargeDimensionGap(e - m);
    });
  const chooseValues = bank.chooseAgain.options.map((o) => o.value);
  const stanceValues = bank.stance.options.map((o) => o.value);

  return data
    .filter((g) => only === undefined || only.has(g.def.id))
    .map((g) => {
      const id = g.def.id;
      const hiddenOn = (side: Side) => sideHidden[side].has(id);
      const dimensions: DimensionFigures[] = bank.dimensions.map((d, di) => {
        const sideMean = (side: Side) =>
          sideFigure(g, `mean:${d.key}`, side, true, (r) => r.means[di] != null, (rs) => meanOf(rs, (r) => r.means[di] ?? 0));
        const alpha = (side: Side) => sideFigure(g, `alpha:${d.key}`, side, false, (r) => r.allAnswered[di] === true, (rs) => cronbachAlpha(rs.map((r) => r.scores[di] ?? []))?.alpha ?? null);
        const bothMeans = (p: CompletePair) => p.employee.means[di] != null && p.manager.means[di] != null;
        return {
          key: d.key,
          name: d.name,
          mean: { employee: sideMean("employee"), manager: sideMean("manager") },
          meanAbsGap: pairFigure(g, `gap:${d.key}`, bothMeans, (ps) => meanOf(ps, (p) => Math.abs((p.employee.means[di] ?? 0) - (p.manager.means[di] ?? 0)))),
          // The gap's pairs: pearson leaves out pairs without both means, so this is the same check.
          agreement: pairFigure(g, `gap:${d.key}`, bothMeans, (ps) => {
            const corr = pearson(
              ps.map((p) => p.employee.means[di] ?? null),
              ps.map((p) => p.manager.means[di] ?? null),
            );
            return corr ? { r: corr.r, ...fisherInterval(corr.r, corr.n), pairs: corr.n } : null;
          }),
          alpha: { employee: alpha("employee"), manager: alpha("manager") },
        };
      });
      const options = (key: string, values: readonly string[]) => (side: Side) =>
        sideFigure(g, key, side, true, (r) => isOption(r.row.answers[key], values), (rs) => distribution(rs, key, values));
      const chooseAgain = options(bank.chooseAgain.key, chooseValues);
      const stance = options(bank.stance.key, stanceValues);
      return {
        id,
        name: g.def.name,
        kind: g.def.kind,
        depth: g.def.depth,
        hidden: hiddenOn("employee") && hiddenOn("manager"),
        hiddenSides: SIDES.filter(hiddenOn),
        participation: {
          invited: countCell(g.invited.length, k, invitedHidden.has(id)),
          employeeSubmitted: countCell(g.people.employee, k, hiddenOn("employee")),
          managerSubmitted: countCell(g.people.manager, k, hiddenOn("manager")),
          complete: countCell(g.complete.length, k, pairHidden.has(id)),
        },
        dimensions,
        largeTrustOrGoalsGapShare: pairFigure(g, "pairs", () => true, (ps) => (ps.length ? ps.filter(largeGap).length / ps.length : null)),
        chooseAgain: { employee: chooseAgain("employee"), manager: chooseAgain("manager") },
        stance: { employee: stance("employee"), manager: stance("manager") },
      };
    });
}
