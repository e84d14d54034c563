import { isLargeDimensionGap } from "@/server/analysis/gaps";
import { assertValidK, cell, familyOrder, hiddenCell, suppressNumberedFamily, type Cell, type SideCounts } from "@/server/analysis/anonymity";
import { absoluteAgreement, MIN_DRIVER_PAIRS, spearmanOfCounts, type RankCorrelation } from "@/server/analysis/agreement";
import { balanceQuadrant, overallScore, QUADRANTS, readingOf, type Quadrant, type Reading } from "@/server/analysis/relationship";
import { cronbachAlphaOf, fisherInterval, pearson } from "@/server/analysis/statistics";
import { getItemBank, predictionKey, type DimensionKey, type ItemBank, type Side } from "@/server/assessments/item-bank";

// Org trend figures for one cycle, computed from submitted responses and released only as
// cells that pass the anonymity rules (PRODUCT.md §5). Pure: the service loads rows and k.
//
// Which groups a figure may be shown for is decided over the whole family of groups of the
// cycle at once (the org, every department, every team) with `suppressNumberedFamily`
// (server/analysis/anonymity.ts; the rules as applied here are in docs/anonymity.md), after the
// across-cycles rule has hidden what would let a figure of it be subtracted from the same
// figure of an earlier published cycle to isolate fewer than k people.

export interface ResponseRow {
  assessmentId: string;
  /** The pair: a manager's response counts as its pair's contribution (see `contributionOf`). */
  pairId: string;
  side: Side;
  respondentId: string;
  answers: Readonly<Record<string, number | string>>;
  /** The pair's groups: the org, the report's department, every team the pair is in. */
  groupIds: readonly string[];
}

/** A pair invited to the cycle, submitted or not. */
export interface InvitedPair {
  assessmentId: string;
  pairId: string;
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
  /** ICC(A,1) across the group's pairs, with McGraw & Wong's 95% interval (null where undefined). */
  absoluteAgreement: Cell<{ icc: number; lower: number | null; upper: number | null }>;
  alpha: Record<Side, Cell<number>>;
}

/** A rank correlation with its 95% interval; no n (see `computeCycleFigures`). */
export interface RankFigure {
  rho: number;
  lower: number;
  upper: number;
}

/** How one dimension goes with one side's "would you choose them again?" answer across pairs. */
export interface DriverFigure {
  key: DimensionKey;
  /** The side's own score in the dimension; null where too few pairs answered it. */
  score: RankFigure | null;
  /** The pair's absolute gap in the dimension. */
  gap: RankFigure | null;
}

/** Group means of each side's reading of the other (server/analysis/relationship.ts). */
export interface ReadingFigure {
  meanAbsError: number;
  /** Mean over pairs of the share of dimensions read within half a point. */
  withinShare: number;
  assumedSimilarity: number;
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
  /** Share of pairs per balance quadrant (Cogliser et al. 2009), a distribution over pairs. */
  balance: Cell<Record<Quadrant, number>>;
  /** Per predicting side: how closely it read the other side, as group means over pairs. */
  reading: Record<Side, Cell<ReadingFigure>>;
  /**
   * Per side: each dimension's rank correlation with that side's choose-again answer, in bank
   * order. Hidden below MIN_DRIVER_PAIRS complete pairs as well as by the anonymity rules.
   */
  chooseAgainDrivers: Record<Side, Cell<DriverFigure[]>>;
}

/** A submitted response with what the figures need of it, computed once however many groups it is in. */
interface Response {
  row: ResponseRow;
  /** Position among the cycle's responses from its side. */
  position: number;
  /** The respondent, numbered (see `Numbering`). */
  person: number;
  /** The contribution, numbered (see `contributionOf`): what the response counts as in suppression, the same in every cycle. */
  assessment: number;
  /** Per dimension (bank order): the mean of its items answered on the scale; null if none was. */
  means: (number | null)[];
  /** Per dimension: each item's answer, null where it is not on the scale ("can't say"). */
  scores: (number | null)[][];
  /** Per dimension: every item answered on the scale (Cronbach's α uses only those responses). */
  allAnswered: boolean[];
  /** Per dimension: the prediction of the other side's view, null if none on the scale. */
  predictions: (number | null)[];
  /** The choose-again answer as its rank, 1 ("Definitely not") to 5; null if not answered. */
  chooseAgain: number | null;
  /** The stance answer as its position among the options; null if not one of them. */
  stance: number | null;
  /**
   * Per dimension: the position of `means` among the cycle's distinct means of the dimension,
   * in increasing order; −1 where null. Set for the cycle being computed (see `rankLevels`).
   */
  meanLevels: Int32Array;
  /** An employee response's complete pair, once both sides are known to have submitted. */
  pair?: CompletePair;
}

interface CompletePair {
  assessmentId: string;
  /** Position among the cycle's complete pairs. */
  index: number;
  assessment: number;
  employee: Response;
  manager: Response;
  quadrant: Quadrant | null;
  reading: Record<Side, Reading | null>;
  /** Per dimension: as `Response.meanLevels`, for the pair's absolute gap; −1 where a side's mean is null. */
  gapLevels: Int32Array;
}

interface GroupData {
  def: GroupDef;
  /** Position in the family (the `groups` argument). */
  index: number;
  responses: Record<Side, Response[]>;
  /** Distinct people who submitted, per side. */
  people: SideCounts;
  complete: CompletePair[];
  /** Distinct people in complete pairs, per side. */
  pairPeople: SideCounts;
  /** Positions of the group's invited pairs among the cycle's. */
  invited: number[];
}

/**
 * People and contributions by number, given once per publication (the cycle and every cycle
 * published before it): suppression and the counts of distinct people then work on arrays of
 * numbers instead of sets of ids, thousands of times per cycle. Equal ids get equal numbers, so
 * counting numbers counts the same people, and a contribution (see `contributionOf`) has the
 * same number in every cycle.
 */
class Numbering {
  private readonly numbers = new Map<string, number>();

  of(id: string): number {
    let n = this.numbers.get(id);
    if (n === undefined) {
      n = this.numbers.size;
      this.numbers.set(id, n);
    }
    return n;
  }

  get size(): number {
    return this.numbers.size;
  }

  /** The ids in the order they were numbered: `ids()[n]` is the id numbered n. */
  ids(): string[] {
    return [...this.numbers.keys()];
  }
}

/** Counts distinct numbers (below `size`), with one scratch array for every count. */
class DistinctCounter {
  private readonly seen: Int32Array;
  private round = 0;

  constructor(size: number) {
    this.seen = new Int32Array(size);
  }

  count<T>(items: readonly T[], numberOf: (item: T) => number): number {
    this.round++;
    let distinct = 0;
    for (const item of items) {
      const n = numberOf(item);
      if (this.seen[n] !== this.round) {
        this.seen[n] = this.round;
        distinct++;
      }
    }
    return distinct;
  }
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
    const { employee, manager } = p;
    complete.push({
      assessmentId,
      index: complete.length,
      assessment: employee.assessment,
      employee,
      manager,
      quadrant: balanceQuadrant(overallScore(employee.means), overallScore(manager.means)),
      reading: {
        employee: readingOf(employee.predictions, manager.means, employee.means),
        manager: readingOf(manager.predictions, employee.means, manager.means),
      },
      gapLevels: NO_LEVELS,
    });
  }
  return complete;
}

/** Whether two lists name the same groups; the same list, as the service passes it, is checked first. */
function sameGroups(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length === b.length && a.every((id, i) => id === b[i])) return true;
  return [...new Set(a)].sort().join() === [...new Set(b)].sort().join();
}

/** The mean of one value per item, added in order (as `mean` does), without building a list. */
function meanOf<T>(items: readonly T[], value: (item: T) => number): number | null {
  if (items.length === 0) return null;
  let sum = 0;
  for (const item of items) sum += value(item);
  return sum / items.length;
}

/** `mean` of the answers on the scale, added in the same order, without building their list. */
function meanOfScores(scores: readonly (number | null)[]): number | null {
  let sum = 0;
  let count = 0;
  for (const v of scores) {
    if (v === null) continue;
    sum += v;
    count++;
  }
  return count === 0 ? null : sum / count;
}

/** `meanOf` the responses' means of one dimension, in a loop of its own: thousands of groups ask. */
function dimensionMean(responses: readonly Response[], di: number): number | null {
  if (responses.length === 0) return null;
  let sum = 0;
  for (const r of responses) sum += r.means[di] ?? 0;
  return sum / responses.length;
}

function scaleScore(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5 ? value : null;
}

/** Shares of each option among the responses that picked one; `choice` gives its position from 1, or null. */
function distribution(rows: readonly Response[], choice: (r: Response) => number | null, values: readonly string[]): Record<string, number> {
  const counts = new Float64Array(values.length);
  let total = 0;
  for (const r of rows) {
    const c = choice(r);
    if (c === null) continue;
    counts[c - 1]! += 1;
    total += 1;
  }
  // Shares, not counts: a share of a group that passed the threshold reveals no small count.
  return Object.fromEntries(values.map((v, i) => [v, total ? (counts[i] ?? 0) / total : 0]));
}

const NO_LEVELS = new Int32Array(0);

/** Distinct values (null left out) in increasing order, and each value's position among them (−1 for null). */
function levelsOf(values: readonly (number | null)[]): { count: number; positions: Int32Array } {
  const distinct = Float64Array.from(new Set(values.filter((v): v is number => v !== null))).sort();
  const at = new Map<number, number>();
  distinct.forEach((v, i) => at.set(v, i));
  return { count: distinct.length, positions: Int32Array.from(values, (v) => (v === null ? -1 : (at.get(v) ?? -1))) };
}

/**
 * Ranks the cycle's dimension means and pair gaps once for the choose-again drivers: a group's
 * Spearman ρ is then computed from a table of counts (`spearmanOfCounts`) instead of sorting its
 * pairs, for every group, side and dimension. Returns the number of distinct values per
 * dimension, of means and of gaps.
 */
function rankLevels(dimensions: number, responses: readonly Response[], pairs: readonly CompletePair[]): { means: number[]; gaps: number[] } {
  for (const r of responses) r.meanLevels = new Int32Array(dimensions);
  for (const p of pairs) p.gapLevels = new Int32Array(dimensions);
  const means: number[] = [];
  const gaps: number[] = [];
  for (let di = 0; di < dimensions; di++) {
    const m = levelsOf(responses.map((r) => r.means[di] ?? null));
    responses.forEach((r, i) => (r.meanLevels[di] = m.positions[i] ?? -1));
    means.push(m.count);
    // The gap as the drivers had it: |employee − manager| of the two means.
    const g = levelsOf(
      pairs.map((p) => {
        const e = p.employee.means[di];
        const mm = p.manager.means[di];
        return e == null || mm == null ? null : Math.abs(e - mm);
      }),
    );
    pairs.forEach((p, i) => (p.gapLevels[di] = g.positions[i] ?? -1));
    gaps.push(g.count);
  }
  return { means, gaps };
}

/** A count is itself a figure: shown only when it is at least k. */
function countCell(n: number, k: number, suppressed: boolean): Cell<number> {
  return suppressed || n < k ? hiddenCell() : { hidden: false, value: n };
}

/**
 * Per group (by position in the family), the positions of the items in it (each once, in item
 * order). An item's ids are looked up once per list of ids: the service gives a pair's
 * invitation and both its responses the same list, as long as the reporting line above it.
 */
function byGroup(
  items: readonly { groupIds: readonly string[] }[],
  groupAt: ReadonlyMap<string, number>,
  known: WeakMap<readonly string[], number[]>,
): number[][] {
  const lists = Array.from({ length: groupAt.size }, (): number[] => []);
  items.forEach((item, position) => {
    let groups = known.get(item.groupIds);
    if (groups === undefined) {
      groups = [];
      for (const id of item.groupIds) {
        const g = groupAt.get(id);
        if (g !== undefined) groups.push(g);
      }
      known.set(item.groupIds, groups);
    }
    for (const g of groups) {
      const list = lists[g]!;
      // A group named twice for one item: its list already ends with this position (a scan
      // of the item's ids instead was quadratic in a deep reporting line's length).
      if (list[list.length - 1] !== position) list.push(position);
    }
  });
  return lists;
}

/**
 * One kind of contribution (employee responses, manager responses, complete pairs, invited
 * pairs): the sides its figures report, and what suppression needs of each contribution.
 */
interface Kind<T> {
  sides: readonly Side[];
  /** Every contribution of the kind; each group's are among them. */
  all: readonly T[];
  of: (g: GroupData) => readonly T[];
  /** The contribution's position in `all`. */
  position: (item: T) => number;
  /**
   * The contribution's number (see `contributionOf`): the report's for employee responses,
   * complete pairs and invitations, the pair's for manager responses; the same in every group
   * and every cycle.
   */
  assessment: (item: T) => number;
  person: (item: T, side: Side) => number;
  /** The groups the contribution is in, as the service gave them. */
  groupIds: (item: T) => readonly string[];
  /** By position in `all`: the contribution's traits (`responseTraits`, `pairTraits`), one bit each. */
  traits: Int32Array;
}

type KindName = "employee" | "manager" | "pairs" | "invited";
interface Kinds {
  employee: Kind<Response>;
  manager: Kind<Response>;
  pairs: Kind<CompletePair>;
  invited: Kind<number>;
}

/** One cycle's groups and contributions, ready for suppression. */
interface Family {
  data: GroupData[];
  kinds: Kinds;
  /** Per list of group ids a contribution is in (the service gives a pair's contributions one list), its groups' positions. */
  lines: WeakMap<readonly string[], number[]>;
}

/**
 * A cycle published earlier, as the across-cycles rule reads it (made from its
 * `CycleContributors`): per kind its contributions, numbered as in the cycle being computed,
 * the people behind them, their traits and each group's; and where it showed each basis.
 */
interface EarlierFamily {
  groupIds: readonly string[];
  /** Position of the organization among the groups, −1 if none. */
  org: number;
  kinds: Record<KindName, EarlierKind>;
  /** Per basis (see `shownBases`), per group: 1 where the cycle showed the basis for the group. */
  shown: Uint8Array;
}

interface EarlierKind {
  /** Per contribution (the kind's items in the cycle's order): its number, its person per side of the kind, its traits. */
  assessment: Int32Array;
  person: Int32Array[];
  traits: Int32Array;
  numbered: NumberedKind;
}

/** Which of an earlier cycle's groups showed the figures of one basis (a scope, or one figure): its position in `shownBases`. */
type ShownIn = number;

/** Which groups a figure is hidden for (by position in the family), and which contributions it counts. */
interface Decision {
  hidden: Uint8Array;
  /** The figure counts every contribution of its scope, in every group. */
  whole: boolean;
  /** By position in the kind's `all`: 1 where the figure counts the contribution. */
  kept: Uint8Array;
  /** Per group, its contributions the figure counts, once asked (several figures share a decision). */
  contributing?: (readonly unknown[] | undefined)[];
}

/** A group's contributions (`all`, of one kind) that the decision's figure counts. */
function contributorsOf<T>(decision: Decision, g: GroupData, all: readonly T[], position: (item: T) => number): readonly T[] {
  const { whole, kept } = decision;
  if (whole) return all;
  decision.contributing ??= [];
  const known = decision.contributing[g.index] as readonly T[] | undefined;
  if (known !== undefined) return known;
  let keepsAll = true;
  for (const x of all) {
    if (kept[position(x)] !== 1) {
      keepsAll = false;
      break;
    }
  }
  const list = keepsAll ? all : all.filter((x) => kept[position(x)] === 1);
  decision.contributing[g.index] = list;
  return list;
}

/** A kind's contributions per group as numbers, made once per family and kind. */
interface NumberedKind {
  /** Per group (the family's own order): its contributions' positions in the kind's `all`, and their pairs. */
  positions: Int32Array[];
  assessments: Int32Array[];
}

const EMPTY = new Int32Array(0);

/**
 * Which groups each figure is hidden for. A scope is one kind of contribution (employee
 * responses, manager responses, complete pairs, invited pairs) checked over the whole family
 * of groups at once. A figure that adds up its contributors (a mean, a share) is then checked on
 * its own contributors, which can be fewer than its scope's: a report who answered "can't say"
 * to every trust item is not in the trust mean, so two groups that differ by five responses can
 * differ by one trust answer. Where a figure's contributors are all of its scope's, in this
 * cycle and the earlier ones, and earlier cycles showed it exactly where they showed its
 * scope (the usual case), it shares the scope's result; otherwise it is checked again,
 * starting from what its scope hides. The counts (participation) are the scopes' own.
 *
 * Every check also looks at the cycles published before this one (`acrossCycles`): a group
 * whose figure an earlier cycle showed is hidden when its contributors, or the rest of the
 * organization outside it, changed by 1 to k−1 people since. A contribution is the same in
 * every cycle (see `contributionOf`), so "changed" means other answers, not other ids.
 */
class Suppression {
  private readonly numbered = new Map<Family, Map<KindName, NumberedKind>>();
  private readonly checks = new Map<string, Uint8Array>();
  private readonly marks: { contributions: Marks; people: Marks };

  constructor(
    private readonly current: Family,
    private readonly earlier: readonly EarlierFamily[],
    private readonly k: number,
    private readonly contributions: number,
    people: number,
  ) {
    this.marks = { contributions: new Marks(contributions), people: new Marks(people) };
  }

  scope(name: KindName, shownIn: ShownIn, forceHidden?: Uint8Array): Uint8Array {
    return this.run(name, null, [], shownIn, forceHidden);
  }

  /**
   * `base`: what the figure's scope hides. `check`: the figure adds up its contributions, so it
   * is checked on its own; otherwise it is hidden where its scope is. `scopeShownIn` and
   * `shownIn` say where earlier cycles showed the scope and the figure.
   */
  figure(name: KindName, base: Uint8Array, check: boolean, trait: Trait, scopeShownIn: ShownIn, shownIn: ShownIn): Decision {
    const keptOf = (traits: Int32Array) => {
      const kept = new Uint8Array(traits.length);
      const dropped: number[] = [];
      for (let i = 0; i < traits.length; i++) {
        if (trait === ALL || (((traits[i] ?? 0) >> trait) & 1) === 1) kept[i] = 1;
        else dropped.push(i);
      }
      return { kept, dropped };
    };
    const { kept, dropped } = keptOf(this.current.kinds[name].traits);
    const whole = dropped.length === 0;
    if (!check) return { hidden: base, whole, kept };
    const earlier = this.earlier.map((e) => keptOf(e.kinds[name].traits));
    const sameEarlier = this.earlier.every((e, i) => {
      if (earlier[i]?.dropped.length !== 0) return false;
      for (let g = 0; g < e.groupIds.length; g++) if (shownOnce(e, g, shownIn) !== shownOnce(e, g, scopeShownIn)) return false;
      return true;
    });
    if (whole && sameEarlier) return { hidden: base, whole, kept };
    // Figures that count the same contributions, with the same earlier cells shown, share a check.
    const key = [
      name,
      dropped.join(),
      ...earlier.map((e) => e.dropped.join()),
      ...this.earlier.map((e) => e.shown.subarray(shownIn * e.groupIds.length, (shownIn + 1) * e.groupIds.length).join("")),
    ].join("|");
    let hidden = this.checks.get(key);
    if (hidden === undefined) {
      hidden = this.run(
        name,
        kept,
        earlier.map((e) => e.kept),
        shownIn,
        base,
      );
      this.checks.set(key, hidden);
    }
    return { hidden, whole, kept };
  }

  private numberedKind(family: Family, name: KindName): NumberedKind {
    const byKind = this.numbered.get(family) ?? new Map<KindName, NumberedKind>();
    this.numbered.set(family, byKind);
    let numbered = byKind.get(name);
    if (numbered === undefined) {
      const kind = family.kinds[name] as unknown as Kind<unknown>;
      // Every group's numbers in one buffer (see `membersOf`).
      let total = 0;
      for (const g of family.data) total += kind.of(g).length;
      const numbers = (numberOf: (item: unknown) => number) => {
        const buffer = new Int32Array(total);
        let start = 0;
        return family.data.map((g) => {
          const items = kind.of(g);
          for (let i = 0; i < items.length; i++) buffer[start + i] = numberOf(items[i]);
          const list = buffer.subarray(start, start + items.length);
          start += items.length;
          return list;
        });
      };
      numbered = { positions: numbers(kind.position), assessments: numbers(kind.assessment) };
      byKind.set(name, numbered);
    }
    return numbered;
  }

  /**
   * Per group of the family: its contributions of this kind that `kept` retains, each once;
   * none for the groups `skip` marks (hidden up front, so never read: in a figure's check most
   * groups of a deep reporting line are, and listing their pairs made every check quadratic).
   */
  private membersOf(numbered: NumberedKind, kept: Uint8Array | null, skip?: Uint8Array): Int32Array[] {
    const { positions, assessments } = numbered;
    const seen = this.marks.contributions;
    // One buffer for every group's list: thousands of groups, each checked dozens of times,
    // made as many typed arrays of their own (and their backing stores) to collect.
    let total = 0;
    assessments.forEach((list, i) => {
      if (skip?.[i] !== 1) total += list.length;
    });
    const buffer = new Int32Array(total);
    let start = 0;
    return assessments.map((_, i) => {
      if (skip?.[i] === 1) return EMPTY;
      const all = assessments[i] ?? EMPTY;
      const at = positions[i] ?? EMPTY;
      let length = start;
      const round = seen.next();
      for (let j = 0; j < all.length; j++) {
        if (kept !== null && kept[at[j] ?? 0] !== 1) continue;
        const a = all[j] ?? 0;
        if (!seen.mark(a, round)) continue;
        buffer[length++] = a;
      }
      const list = buffer.subarray(start, length);
      start = length;
      return list;
    });
  }

  /** Whether the contributions of `a` that `b` doesn't hold come from 1 to k−1 people. */
  private isolatesFew(a: ArrayLike<number>, b: ArrayLike<number>, personOf: ArrayLike<number>): boolean {
    const inB = this.marks.contributions;
    const inBRound = inB.next();
    for (let i = 0; i < b.length; i++) inB.mark(b[i] ?? 0, inBRound);
    const people = this.marks.people;
    const round = people.next();
    let count = 0;
    for (let i = 0; i < a.length; i++) {
      const c = a[i] ?? 0;
      if (inB.has(c, inBRound)) continue;
      if (people.mark(personOf[c] ?? 0, round) && ++count >= this.k) return false;
    }
    return count > 0;
  }

  private run(name: KindName, kept: Uint8Array | null, earlierKept: readonly Uint8Array[], shownIn: ShownIn, forceHidden?: Uint8Array): Uint8Array {
    assertValidK(this.k);
    const sides = this.current.kinds[name].sides;
    const personOf = sides.map(() => new Int32Array(this.contributions));
    // The current cycle last: where a report's pair changed, its manager is today's.
    for (const family of this.earlier) {
      const kind = family.kinds[name];
      sides.forEach((_, s) => {
        const people = personOf[s]!;
        const persons = kind.person[s]!;
        for (let i = 0; i < kind.assessment.length; i++) people[kind.assessment[i]!] = persons[i]!;
      });
    }
    const kind = this.current.kinds[name] as unknown as Kind<unknown>;
    for (const item of kind.all) {
      sides.forEach((side, s) => {
        const people = personOf[s];
        if (people) people[kind.assessment(item)] = kind.person(item, side);
      });
    }
    const forced = new Uint8Array(this.current.data.length);
    if (forceHidden) forced.set(forceHidden);
    // The groups hidden up front are neither suppressed nor compared with earlier cycles, but
    // the organization's contributions are (the rest of it outside a group, across cycles).
    const skip = forced.map((f, g) => (f === 1 && this.current.data[g]?.def.kind !== "org" ? 1 : 0));
    const current = this.membersOf(this.numberedKind(this.current, name), kept, skip);
    this.acrossCycles(name, current, earlierKept, shownIn, personOf, forced);
    const order = familyOrder(this.current.data.map((g) => g.def.id));
    const hidden = suppressNumberedFamily(
      personOf.map((people) => ({ members: order.map((g) => current[g] ?? EMPTY), personOf: people })),
      order.map((g) => forced[g] === 1),
      this.k,
    );
    const result = new Uint8Array(current.length);
    order.forEach((g, n) => {
      if (hidden[n]) result[g] = 1;
    });
    return result;
  }

  /**
   * The across-cycles rule: a group is hidden in this cycle when an earlier cycle showed the
   * same figure for it and the two cycles' contributors differ by 1 to k−1 people either way,
   * on a side the figure reports; or, when the earlier cycle showed the organization too, the
   * same holds for the rest of the organization outside it (organization minus group, in each
   * cycle). With answers that stay alike, either difference would give those few people's
   * answers. The groups it hides are then forced hidden in the cycle's own suppression.
   */
  private acrossCycles(
    name: KindName,
    current: readonly Int32Array[],
    earlierKept: readonly Uint8Array[],
    shownIn: ShownIn,
    personOf: readonly Int32Array[],
    forced: Uint8Array,
  ): void {
    if (this.earlier.length === 0) return;
    const index = new Map(this.current.data.map((g, i) => [g.def.id, i]));
    const org = this.current.data.findIndex((g) => g.def.kind === "org");
    const isolates = (a: ArrayLike<number>, b: ArrayLike<number>) =>
      personOf.some((people) => this.isolatesFew(a, b, people) || this.isolatesFew(b, a, people));
    const bitmap = (list: ArrayLike<number>) => {
      const map = new Uint8Array(this.contributions);
      for (let i = 0; i < list.length; i++) map[list[i] ?? 0] = 1;
      return map;
    };
    const orgNow = org >= 0 ? (current[org] ?? EMPTY) : EMPTY;
    const inOrgNow = bitmap(orgNow);
    this.earlier.forEach((e, ei) => {
      const earlier = this.membersOf(e.kinds[name].numbered, earlierKept[ei] ?? null);
      const eOrg = e.org;
      const orgShown = eOrg >= 0 && shownOnce(e, eOrg, shownIn);
      const orgThen = eOrg >= 0 ? (earlier[eOrg] ?? EMPTY) : EMPTY;
      const inOrgThen = bitmap(orgThen);
      const onlyThen = Array.from(orgThen).filter((c) => inOrgNow[c] !== 1);
      const onlyNow = Array.from(orgNow).filter((c) => inOrgThen[c] !== 1);
      e.groupIds.forEach((id, j) => {
        const i = index.get(id);
        if (i === undefined || forced[i] === 1 || !shownOnce(e, j, shownIn)) return;
        const now = current[i] ?? EMPTY;
        const then = earlier[j] ?? EMPTY;
        if (isolates(then, now)) {
          forced[i] = 1;
          return;
        }
        if (!orgShown || j === eOrg || org < 0 || i === org) return;
        // The rest of the organization outside the group, then and now: only contributions that
        // changed organization or group can differ, so only those are looked at.
        if (personOf.some((people) => this.restDiffers(onlyThen, inOrgThen, then, now, people) || this.restDiffers(onlyNow, inOrgNow, now, then, people)))
          forced[i] = 1;
      });
    });
  }

  /**
   * Whether (org A minus group A) minus (org B minus group B) comes from 1 to k−1 people: those
   * of A's organization alone outside group A, and those of group B inside A's organization but
   * outside group A (`inOrgA` marks A's organization; `onlyA` lists A's organization minus B's).
   */
  private restDiffers(
    onlyA: readonly number[],
    inOrgA: Uint8Array,
    groupA: ArrayLike<number>,
    groupB: ArrayLike<number>,
    personOf: ArrayLike<number>,
  ): boolean {
    const inGroupA = this.marks.contributions;
    const roundA = inGroupA.next();
    for (let i = 0; i < groupA.length; i++) inGroupA.mark(groupA[i] ?? 0, roundA);
    const people = this.marks.people;
    const round = people.next();
    let count = 0;
    const counts = (c: number) => people.mark(personOf[c] ?? 0, round) && ++count >= this.k;
    for (const c of onlyA) if (!inGroupA.has(c, roundA) && counts(c)) return false;
    // Group B's contributions (all in B's organization) that are in A's organization, outside group A.
    for (let i = 0; i < groupB.length; i++) {
      const c = groupB[i] ?? 0;
      if (inOrgA[c] !== 1 || inGroupA.has(c, roundA)) continue;
      if (counts(c)) return false;
    }
    return count > 0;
  }
}

/** Marks on numbers below a size, one round at a time, without clearing between rounds. */
class Marks {
  private readonly stamps: Int32Array;
  private round = 0;

  constructor(size: number) {
    this.stamps = new Int32Array(size);
  }

  next(): number {
    return ++this.round;
  }

  /** Marks `n` in `round`; false if it already was. */
  mark(n: number, round: number): boolean {
    if (this.stamps[n] === round) return false;
    this.stamps[n] = round;
    return true;
  }

  has(n: number, round: number): boolean {
    return this.stamps[n] === round;
  }
}

/** Whether an earlier cycle showed the basis for its group at position `g` (a group it has no figures of showed nothing). */
function shownOnce(earlier: EarlierFamily, g: number, shownIn: ShownIn): boolean {
  return earlier.shown[shownIn * earlier.groupIds.length + g] === 1;
}

/** Computes once, when first asked. */
function once<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

/**
 * A bit of a contribution's traits, or ALL: which of a scope's contributions a figure counts
 * (`Suppression.figure`). Traits are worked out once per contribution, for the cycle being
 * computed and, kept in its `CycleContributors`, for every cycle published before it.
 */
type Trait = number;
const ALL: Trait = -1;
const traitOf = {
  /** A response with a mean in the dimension (an answer on the scale). */
  mean: (di: number): Trait => di,
  /** A response with every item of the dimension answered on the scale (Cronbach's α). */
  allAnswered: (dimensions: number, di: number): Trait => dimensions + di,
  /** A response that picked one of the choose-again options. */
  chooseAgain: (dimensions: number): Trait => 2 * dimensions,
  /** A response that picked one of the stance options. */
  stance: (dimensions: number): Trait => 2 * dimensions + 1,
  /** A complete pair with both sides' means in the dimension. */
  gap: (di: number): Trait => di,
  /** A complete pair with a balance quadrant. */
  quadrant: (dimensions: number): Trait => dimensions,
  /** A complete pair where the side's reading of the other is defined. */
  reading: (dimensions: number, side: Side): Trait => dimensions + 1 + SIDES.indexOf(side),
  /** A complete pair where the side answered choose-again. */
  driver: (dimensions: number, side: Side): Trait => dimensions + 3 + SIDES.indexOf(side),
};

function responseTraits(r: Response, dimensions: number): number {
  // 31 bits of an int: up to 14 dimensions.
  if (traitOf.stance(dimensions) > 30) throw new RangeError(`too many dimensions for the traits of a response: ${dimensions}`);
  let traits = 0;
  for (let di = 0; di < dimensions; di++) {
    if (r.means[di] != null) traits |= 1 << traitOf.mean(di);
    if (r.allAnswered[di] === true) traits |= 1 << traitOf.allAnswered(dimensions, di);
  }
  if (r.chooseAgain !== null) traits |= 1 << traitOf.chooseAgain(dimensions);
  if (r.stance !== null) traits |= 1 << traitOf.stance(dimensions);
  return traits;
}

function pairTraits(p: CompletePair, dimensions: number): number {
  let traits = 0;
  for (let di = 0; di < dimensions; di++) if (p.employee.means[di] != null && p.manager.means[di] != null) traits |= 1 << traitOf.gap(di);
  if (p.quadrant !== null) traits |= 1 << traitOf.quadrant(dimensions);
  for (const side of SIDES) {
    if (p.reading[side]?.assumedSimilarity != null) traits |= 1 << traitOf.reading(dimensions, side);
    if (p[side].chooseAgain !== null) traits |= 1 << traitOf.driver(dimensions, side);
  }
  return traits;
}

/** Something a cycle shows or hides per group: a scope, or the figures of one check. */
interface Basis {
  name: string;
  shown: (g: GroupFigures) => boolean;
}

/**
 * Every basis the across-cycles rule compares, by name: where a published cycle showed each is
 * all it needs of that cycle's figures, and is kept with its contributors.
 */
function shownBases(bank: ItemBank): Basis[] {
  const bases: Basis[] = [];
  const add = (name: string, shown: Basis["shown"]) => void bases.push({ name, shown });
  for (const side of SIDES) add(`side:${side}`, (g) => !g.hiddenSides.includes(side));
  add("pairs", (g) => !g.participation.complete.hidden);
  add("invited", (g) => !g.participation.invited.hidden);
  for (const side of SIDES) {
    add(`chooseAgain:${side}`, (g) => !g.chooseAgain[side].hidden);
    add(`stance:${side}`, (g) => !g.stance[side].hidden);
    for (const d of bank.dimensions) add(`mean:${side}:${d.key}`, (g) => g.dimensions.find((x) => x.key === d.key)?.mean[side].hidden === false);
  }
  for (const d of bank.dimensions) add(`gap:${d.key}`, (g) => g.dimensions.find((x) => x.key === d.key)?.meanAbsGap.hidden === false);
  add("largeGap", (g) => !g.largeTrustOrGoalsGapShare.hidden);
  add("balance", (g) => g.balance?.hidden === false);
  for (const side of SIDES) {
    add(`reading:${side}`, (g) => g.reading?.[side].hidden === false);
    add(`drivers:${side}`, (g) => g.chooseAgainDrivers?.[side].hidden === false);
  }
  return bases;
}

/** Per basis, per group: 1 where the group's figures (none: nothing shown) show the basis. */
function shownBits(bases: readonly Basis[], groupIds: readonly string[], figuresOf: (id: string, i: number) => GroupFigures | undefined): Uint8Array {
  const shown = new Uint8Array(bases.length * groupIds.length);
  groupIds.forEach((id, g) => {
    const figures = figuresOf(id, g);
    if (figures === undefined) return;
    bases.forEach((b, bi) => {
      if (b.shown(figures)) shown[bi * groupIds.length + g] = 1;
    });
  });
  return shown;
}

/** One kind of contribution of a published cycle (see `CycleContributors`). */
export interface KindContributors {
  /** Per contribution, in the cycle's order: its id (a position in `contributionIds`). */
  contribution: Int32Array;
  /** Per side the kind reports (employee, manager; complete pairs both), per contribution: its person (a position in `personIds`). */
  person: Int32Array[];
  /** Per contribution: its traits (see `traitOf`). */
  traits: Int32Array;
  /** Per contribution: its groups (a position in the cycle's `lineOffsets`). */
  line: Int32Array;
}

/**
 * What the across-cycles rule needs of a published cycle, without its answers: per kind of
 * contribution (employee responses, manager responses, complete pairs, invited pairs) who
 * contributed, which traits each contribution has and which groups it is in; and where the
 * cycle showed each basis (`bases`, by name). Made when the cycle is published and kept with its
 * figures, so a later cycle is checked against it without loading and reading its answers again.
 */
export interface CycleContributors {
  groupIds: string[];
  /** Position of the organization among the groups, −1 if none. */
  org: number;
  contributionIds: string[];
  personIds: string[];
  kinds: Record<KindName, KindContributors>;
  /**
   * The lists of groups contributions are in, each once for every kind (a pair's contributions
   * are all in its groups): line l holds the groups at `linePositions[lineOffsets[l] .. lineOffsets[l + 1]]`.
   */
  lineOffsets: Int32Array;
  linePositions: Int32Array;
  bases: string[];
  /** Per basis (in `bases` order), per group: 1 where the cycle showed it. */
  shown: Uint8Array;
}

const KIND_NAMES: readonly KindName[] = ["employee", "manager", "pairs", "invited"];

function recordOf(family: Family, personIds: string[], contributionIds: string[], bases: readonly Basis[], shown: Uint8Array): CycleContributors {
  const lineAt = new Map<readonly number[], number>();
  const offsets = [0];
  const positions: number[] = [];
  const seen = new Int32Array(family.data.length);
  let stamp = 0;
  const lineOf = (groupIds: readonly string[]) => {
    const groups = family.lines.get(groupIds);
    if (groups === undefined) throw new Error("a contribution whose groups were not sorted into the family");
    let line = lineAt.get(groups);
    if (line === undefined) {
      line = lineAt.size;
      lineAt.set(groups, line);
      // A group named twice for one contribution holds it once.
      stamp++;
      for (const g of groups) {
        if (seen[g] === stamp) continue;
        seen[g] = stamp;
        positions.push(g);
      }
      offsets.push(positions.length);
    }
    return line;
  };
  const kindRecord = <T>(kind: Kind<T>): KindContributors => {
    const n = kind.all.length;
    const contribution = new Int32Array(n);
    const person = kind.sides.map(() => new Int32Array(n));
    const line = new Int32Array(n);
    kind.all.forEach((item, i) => {
      contribution[i] = kind.assessment(item);
      kind.sides.forEach((side, s) => (person[s]![i] = kind.person(item, side)));
      line[i] = lineOf(kind.groupIds(item));
    });
    return { contribution, person, traits: kind.traits, line };
  };
  const { kinds } = family;
  return {
    groupIds: family.data.map((g) => g.def.id),
    org: family.data.findIndex((g) => g.def.kind === "org"),
    contributionIds,
    personIds,
    kinds: { employee: kindRecord(kinds.employee), manager: kindRecord(kinds.manager), pairs: kindRecord(kinds.pairs), invited: kindRecord(kinds.invited) },
    lineOffsets: Int32Array.from(offsets),
    linePositions: Int32Array.from(positions),
    bases: bases.map((b) => b.name),
    shown,
  };
}

/** A published cycle's contributors, from its answers and the figures it published. */
export function contributorsFromAnswers(bank: ItemBank, cycle: PublishedCycle): CycleContributors {
  const people = new Numbering();
  const pairNumbers = new Numbering();
  for (const r of cycle.rows) {
    people.of(r.respondentId);
    pairNumbers.of(contributionOf(r));
  }
  for (const p of cycle.invited) {
    people.of(p.reportId);
    pairNumbers.of(reportContribution(p.reportId));
  }
  const family = prepare(bank, cycle, people, pairNumbers, new DistinctCounter(people.size));
  const bases = shownBases(bank);
  const figures = new Map(cycle.figures.map((g) => [g.id, g]));
  return recordOf(
    family,
    people.ids(),
    pairNumbers.ids(),
    bases,
    shownBits(
      bases,
      family.data.map((g) => g.def.id),
      (id) => figures.get(id),
    ),
  );
}

/** An earlier cycle's contributors numbered as the cycle being computed numbers people and contributions. */
function earlierFamily(c: CycleContributors, numbers: { people: Int32Array; contributions: Int32Array }, bases: readonly Basis[]): EarlierFamily {
  if (c.bases.length !== bases.length || c.bases.some((name, i) => name !== bases[i]?.name)) {
    throw new Error("an earlier cycle's contributors were kept for other figures than these");
  }
  const groups = c.groupIds.length;
  if (c.shown.length !== bases.length * groups) throw new Error("an earlier cycle's contributors are incomplete");
  // Plain loops: Int32Array.from with a mapping function was most of reading six cycles.
  const renumber = (ids: Int32Array, numbers: Int32Array) => {
    const out = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = numbers[ids[i]!]!;
    return out;
  };
  const kind = (k: KindContributors): EarlierKind => {
    const assessment = renumber(k.contribution, numbers.contributions);
    const person = k.person.map((p) => renumber(p, numbers.people));
    // Each group's contributions, in the cycle's order, from the lists of groups they are in.
    const sizes = new Int32Array(groups + 1);
    for (let i = 0; i < k.line.length; i++) {
      const l = k.line[i]!;
      for (let j = c.lineOffsets[l]!; j < c.lineOffsets[l + 1]!; j++) sizes[c.linePositions[j]! + 1]!++;
    }
    for (let g = 0; g < groups; g++) sizes[g + 1]! += sizes[g]!;
    const items = new Int32Array(sizes[groups]!);
    const flat = new Int32Array(items.length);
    const next = sizes.slice(0, groups);
    for (let i = 0; i < k.line.length; i++) {
      const l = k.line[i]!;
      for (let j = c.lineOffsets[l]!; j < c.lineOffsets[l + 1]!; j++) {
        const at = next[c.linePositions[j]!]!++;
        items[at] = i;
        flat[at] = assessment[i]!;
      }
    }
    const positions: Int32Array[] = [];
    const assessments: Int32Array[] = [];
    for (let g = 0; g < groups; g++) {
      positions.push(items.subarray(sizes[g]!, sizes[g + 1]!));
      assessments.push(flat.subarray(sizes[g]!, sizes[g + 1]!));
    }
    return { assessment, person, traits: k.traits, numbered: { positions, assessments } };
  };
  const kinds = Object.fromEntries(KIND_NAMES.map((name) => [name, kind(c.kinds[name])])) as Record<KindName, EarlierKind>;
  return { groupIds: c.groupIds, org: c.org, kinds, shown: c.shown };
}

/** A cycle's groups, invitations and submitted responses. */
export interface CycleData {
  groups: readonly GroupDef[];
  invited: readonly InvitedPair[];
  rows: readonly ResponseRow[];
}

/** A cycle published before the one being computed, with the figures it published. */
export interface PublishedCycle extends CycleData {
  id: string;
  figures: readonly GroupFigures[];
}

/**
 * What a contribution is, the same in every cycle. A report's answers (and their pair's figures,
 * and their invitation) are the report's: one per cycle, whoever their manager is. A manager's
 * answers are per report, so the pair: a manager who gains a report adds a contribution, and a
 * team whose manager-side answers differ by that one between two cycles is caught by the
 * across-cycles rule even though the same managers answered.
 */
const reportContribution = (reportId: string) => `r:${reportId}`;
const contributionOf = (row: ResponseRow) => (row.side === "employee" ? reportContribution(row.respondentId) : `p:${row.pairId}`);

/** Numbers one cycle's responses and pairs and sorts them into its groups. */
function prepare(bank: ItemBank, cycle: CycleData, people: Numbering, pairNumbers: Numbering, distinct: DistinctCounter): Family {
  const dimensionItems = bank.dimensions.map((d) => d.items.map((i) => i.key));
  const predictionKeys = bank.dimensions.map((d) => predictionKey(d.key));
  const chooseAgainRank = new Map(bank.chooseAgain.options.map((o, i) => [o.value, i + 1]));
  const stanceRank = new Map(bank.stance.options.map((o, i) => [o.value, i + 1]));
  const responses: Response[] = cycle.rows.map((row) => {
    const scores = dimensionItems.map((items) => items.map((key) => scaleScore(row.answers[key])));
    const choice = row.answers[bank.chooseAgain.key];
    const stance = row.answers[bank.stance.key];
    return {
      row,
      position: -1,
      person: people.of(row.respondentId),
      assessment: pairNumbers.of(contributionOf(row)),
      scores,
      means: scores.map(meanOfScores),
      allAnswered: scores.map((s) => !s.includes(null)),
      predictions: predictionKeys.map((key) => scaleScore(row.answers[key])),
      chooseAgain: typeof choice === "string" ? (chooseAgainRank.get(choice) ?? null) : null,
      stance: typeof stance === "string" ? (stanceRank.get(stance) ?? null) : null,
      meanLevels: NO_LEVELS,
    };
  });
  const invitedAssessment = cycle.invited.map((p) => pairNumbers.of(reportContribution(p.reportId)));
  const invitedReport = cycle.invited.map((p) => people.of(p.reportId));
  const respondents = (rs: readonly Response[]) => distinct.count(rs, (r) => r.person);
  const pairCounts = (ps: readonly CompletePair[]): SideCounts => ({
    employee: distinct.count(ps, (p) => p.employee.person),
    manager: distinct.count(ps, (p) => p.manager.person),
  });

  const groupAt = new Map(cycle.groups.map((g, i) => [g.id, i]));
  const known = new WeakMap<readonly string[], number[]>();
  const responsesByGroup = byGroup(cycle.rows, groupAt, known);
  const invitedByGroup = byGroup(cycle.invited, groupAt, known);
  const allResponses = { employee: responses.filter((r) => r.row.side === "employee"), manager: responses.filter((r) => r.row.side === "manager") };
  for (const side of SIDES) allResponses[side].forEach((r, i) => (r.position = i));
  const allPairs = completePairs(responses);
  // Both responses of a pair are in the same groups: a group's complete pairs are the complete
  // pairs of its employee responses.
  for (const p of allPairs) p.employee.pair = p;
  for (const p of allPairs) {
    if (!sameGroups(p.employee.row.groupIds, p.manager.row.groupIds)) {
      throw new Error(`the two responses of pair ${p.assessmentId} are in different groups`);
    }
  }
  const data: GroupData[] = cycle.groups.map((def, index) => {
    const employee: Response[] = [];
    const manager: Response[] = [];
    const complete: CompletePair[] = [];
    for (const i of responsesByGroup[groupAt.get(def.id) ?? -1] ?? []) {
      const r = responses[i];
      if (r?.row.side === "employee") {
        employee.push(r);
        const pair = r.pair;
        if (pair) complete.push(pair);
      } else if (r?.row.side === "manager") manager.push(r);
    }
    return {
      def,
      index,
      responses: { employee, manager },
      people: { employee: respondents(employee), manager: respondents(manager) },
      complete,
      pairPeople: pairCounts(complete),
      invited: invitedByGroup[groupAt.get(def.id) ?? -1] ?? [],
    };
  });
  const dimensions = bank.dimensions.length;
  const responseKind = (side: Side): Kind<Response> => ({
    sides: [side],
    all: allResponses[side],
    of: (g) => g.responses[side],
    position: (r) => r.position,
    assessment: (r) => r.assessment,
    person: (r) => r.person,
    groupIds: (r) => r.row.groupIds,
    traits: Int32Array.from(allResponses[side], (r) => responseTraits(r, dimensions)),
  });
  const kinds: Kinds = {
    employee: responseKind("employee"),
    manager: responseKind("manager"),
    pairs: {
      sides: SIDES,
      all: allPairs,
      of: (g) => g.complete,
      position: (p) => p.index,
      assessment: (p) => p.assessment,
      person: (p, side) => p[side].person,
      groupIds: (p) => p.employee.row.groupIds,
      traits: Int32Array.from(allPairs, (p) => pairTraits(p, dimensions)),
    },
    // One report per pair: invited pairs count reports, an employee-side figure.
    invited: {
      sides: ["employee"],
      all: cycle.invited.map((_, i) => i),
      of: (g) => g.invited,
      position: (i) => i,
      assessment: (i) => invitedAssessment[i] ?? 0,
      person: (i) => invitedReport[i] ?? 0,
      groupIds: (i) => cycle.invited[i]?.groupIds ?? [],
      // Invitations are only ever checked whole (a scope).
      traits: new Int32Array(cycle.invited.length),
    },
  };
  return { data, kinds, lines: known };
}

/**
 * Figures per group for one cycle. `groups` is the whole family published for the cycle, and
 * suppression is decided over all of it, together with `earlier`: the cycles of the same
 * organization published before this one (same item bank), each with the figures it published
 * (its answers) or as its `CycleContributors` (what the across-cycles rule needs of it, kept
 * when it was published): either way the same decisions.
 */
export function computeCycleFigures(
  bank: ItemBank,
  groups: readonly GroupDef[],
  invited: readonly InvitedPair[],
  rows: readonly ResponseRow[],
  k: number,
  earlier: readonly EarlierCycle[] = [],
): GroupFigures[] {
  return computeCycleFiguresAndContributors(bank, groups, invited, rows, k, earlier).groups;
}

/** A cycle published before the one being computed: its answers and figures, or its contributors. */
export type EarlierCycle = PublishedCycle | CycleContributors;

/**
 * As `computeCycleFigures`, and the cycle's own `CycleContributors` once its figures are
 * known (made when asked: what a later cycle is checked against, kept with the figures), and
 * the earlier cycles' (`earlier`, in order; made from their answers where given those).
 */
export function computeCycleFiguresAndContributors(
  bank: ItemBank,
  groups: readonly GroupDef[],
  invited: readonly InvitedPair[],
  rows: readonly ResponseRow[],
  k: number,
  earlier: readonly EarlierCycle[] = [],
): { groups: GroupFigures[]; contributors: () => CycleContributors; earlier: CycleContributors[] } {
  const bases = shownBases(bank);
  const records = earlier.map((c) => ("rows" in c ? contributorsFromAnswers(bank, c) : c));
  const people = new Numbering();
  const pairNumbers = new Numbering();
  // Numbered before anything is counted, so one counter fits every cycle's people; this
  // cycle's first, so its own are the first numbers.
  for (const r of rows) {
    people.of(r.respondentId);
    pairNumbers.of(contributionOf(r));
  }
  for (const p of invited) {
    people.of(p.reportId);
    pairNumbers.of(reportContribution(p.reportId));
  }
  const own = { people: people.size, contributions: pairNumbers.size };
  const earlierNumbers = records.map((c) => ({
    people: Int32Array.from(c.personIds, (id) => people.of(id)),
    contributions: Int32Array.from(c.contributionIds, (id) => pairNumbers.of(id)),
  }));
  const distinct = new DistinctCounter(people.size);
  const respondents = (rs: readonly Response[]) => distinct.count(rs, (r) => r.person);
  const pairCounts = (ps: readonly CompletePair[]): SideCounts => ({
    employee: distinct.count(ps, (p) => p.employee.person),
    manager: distinct.count(ps, (p) => p.manager.person),
  });
  const current = prepare(bank, { groups, invited, rows }, people, pairNumbers, distinct);
  const earlierFamilies: EarlierFamily[] = records.map((c, i) => earlierFamily(c, earlierNumbers[i]!, bases));
  const figures = computeFigures(bank, current, earlierFamilies, k, people, pairNumbers, respondents, pairCounts, bases);
  const contributors = () =>
    recordOf(
      current,
      people.ids().slice(0, own.people),
      pairNumbers.ids().slice(0, own.contributions),
      bases,
      shownBits(
        bases,
        current.data.map((g) => g.def.id),
        (_, i) => figures[i],
      ),
    );
  return { groups: figures, contributors, earlier: records };
}

/** A cycle to publish, as the publication loads it. */
export interface CurrentCycle {
  bankVersion: number;
  groups: readonly GroupDef[];
  invited: readonly InvitedPair[];
  rows: readonly ResponseRow[];
  k: number;
}

/**
 * The cycle's figures and contributors, and the contributors made for the earlier cycles handed
 * over with their answers (in the order they were handed over): to be kept.
 */
export interface ComputedFigures {
  groups: GroupFigures[];
  contributors: CycleContributors;
  made: CycleContributors[];
}

/** The figures of `current` against `earlier`, with what is to be kept of each (`ComputedFigures`). */
export function computePublication(earlier: readonly EarlierCycle[], { bankVersion, groups, invited, rows, k }: CurrentCycle): ComputedFigures {
  const computed = computeCycleFiguresAndContributors(getItemBank(bankVersion), groups, invited, rows, k, earlier);
  return { groups: computed.groups, contributors: computed.contributors(), made: computed.earlier.filter((_, i) => "rows" in earlier[i]!) };
}

function computeFigures(
  bank: ItemBank,
  current: Family,
  earlierFamilies: readonly EarlierFamily[],
  k: number,
  people: Numbering,
  pairNumbers: Numbering,
  respondents: (rs: readonly Response[]) => number,
  pairCounts: (ps: readonly CompletePair[]) => SideCounts,
  bases: readonly Basis[],
): GroupFigures[] {
  const { data } = current;
  const levels = rankLevels(bank.dimensions.length, [...current.kinds.employee.all, ...current.kinds.manager.all], current.kinds.pairs.all);
  const choices = bank.chooseAgain.options.length;

  const suppression = new Suppression(current, earlierFamilies, k, pairNumbers.size, people.size);
  const basisAt = new Map(bases.map((b, i) => [b.name, i]));
  const basis = (name: string): ShownIn => {
    const at = basisAt.get(name);
    if (at === undefined) throw new Error(`no basis ${name}`);
    return at;
  };
  const shownSide = (side: Side): ShownIn => basis(`side:${side}`);
  const shownPairs: ShownIn = basis("pairs");
  const sideHidden: Record<Side, Uint8Array> = {
    employee: suppression.scope("employee", shownSide("employee")),
    manager: suppression.scope("manager", shownSide("manager")),
  };
  // Pair figures report both sides: hidden wherever either side is, and checked on complete pairs.
  const pairHidden = suppression.scope(
    "pairs",
    shownPairs,
    sideHidden.employee.map((e, g) => e | (sideHidden.manager[g] ?? 0)),
  );
  const invitedHidden = suppression.scope("invited", basis("invited"), sideHidden.employee);

  // A hidden cell is decided before anything is computed: most teams of a large organization
  // are hidden, and their figures are never computed.
  /**
   * A one-side figure over the responses `keep` retains. `sum`: the figure adds up its
   * contributions (a mean, a share), so subtracting two groups' figures isolates the
   * contributions in one and not the other, and the figure is checked on its own contributors.
   * The others (Cronbach's α) are not sums; they are shown where their scope is, from at least k
   * contributors of their own. `shownIn`: where earlier cycles showed this figure.
   */
  const sideDecision = (side: Side, sum: boolean, keep: Trait, shownIn: ShownIn) =>
    once(() => suppression.figure(side, sideHidden[side], sum, keep, shownSide(side), shownIn));
  const sideFigure = <T>(g: GroupData, decision: () => Decision, side: Side, value: (rs: readonly Response[]) => T | null): Cell<T> => {
    const d = decision();
    if (d.hidden[g.index]) return hiddenCell();
    const all = g.responses[side];
    const contributing = contributorsOf(d, g, all, (r) => r.position);
    const v = value(contributing);
    if (v === null) return hiddenCell();
    if (contributing === all) return cell(v, g.people, k, [side]);
    const n = respondents(contributing);
    return cell(v, side === "employee" ? { employee: n, manager: 0 } : { employee: 0, manager: n }, k, [side]);
  };
  /** A figure over the complete pairs `keep` retains; it reports both sides. */
  const pairDecision = (keep: Trait, shownIn: ShownIn) => once(() => suppression.figure("pairs", pairHidden, true, keep, shownPairs, shownIn));
  const pairFigure = <T>(g: GroupData, decision: () => Decision, value: (ps: readonly CompletePair[]) => T | null): Cell<T> => {
    const d = decision();
    if (d.hidden[g.index]) return hiddenCell();
    const all = g.complete;
    const contributing = contributorsOf(d, g, all, (p) => p.index);
    const v = value(contributing);
    return v === null ? hiddenCell() : cell(v, contributing === all ? g.pairPeople : pairCounts(contributing), k, SIDES);
  };
  const bySide = <T>(make: (side: Side) => T): Record<Side, T> => ({ employee: make("employee"), manager: make("manager") });
  const trust = bank.dimensions.findIndex((d) => d.key === "trust");
  const goals = bank.dimensions.findIndex((d) => d.key === "goals");
  const largeIn = (p: CompletePair, di: number) => {
    const e = p.employee.means[di];
    const m = p.manager.means[di];
    return e != null && m != null && isLargeDimensionGap(e - m);
  };
  // A property of the pair, worked out once rather than in every group it is in.
  const largeGaps = new Uint8Array(current.kinds.pairs.all.length);
  for (const p of current.kinds.pairs.all) largeGaps[p.index] = largeIn(p, trust) || largeIn(p, goals) ? 1 : 0;
  const largeShare = (ps: readonly CompletePair[]) => {
    let large = 0;
    for (const p of ps) large += largeGaps[p.index] ?? 0;
    return large / ps.length;
  };
  const dimensions = bank.dimensions.length;
  // Responses that picked one of the options (`Response.chooseAgain`, `.stance`).
  const options = (values: readonly string[], trait: Trait, name: string) => ({
    values,
    decision: bySide((side) => sideDecision(side, true, trait, basis(`${name}:${side}`))),
  });
  const chooseAgain = options(
    bank.chooseAgain.options.map((o) => o.value),
    traitOf.chooseAgain(dimensions),
    "chooseAgain",
  );
  const stance = options(
    bank.stance.options.map((o) => o.value),
    traitOf.stance(dimensions),
    "stance",
  );
  const dimensionDecisions = bank.dimensions.map((d, di) => ({
    mean: bySide((side) => sideDecision(side, true, traitOf.mean(di), basis(`mean:${side}:${d.key}`))),
    alpha: bySide((side) => sideDecision(side, false, traitOf.allAnswered(dimensions, di), shownSide(side))),
    // The gap's pairs: pearson leaves out pairs without both means, so agreement shares the check.
    gap: pairDecision(traitOf.gap(di), basis(`gap:${d.key}`)),
  }));
  const allPairsDecision = pairDecision(ALL, basis("largeGap"));
  // The quadrant shares and reading means add up pairs, the drivers rank them: each is checked on
  // its own pairs like every pair figure, so a difference between groups or cycles isolates no one.
  const balanceDecision = pairDecision(traitOf.quadrant(dimensions), basis("balance"));
  const readingDecision = bySide((side) => pairDecision(traitOf.reading(dimensions, side), basis(`reading:${side}`)));
  const driverDecision = bySide((side) => pairDecision(traitOf.driver(dimensions, side), basis(`drivers:${side}`)));
  // The group's complete pairs not among `ps` (pairs of the group): marked by their position
  // among the cycle's pairs rather than put in a set, thousands of times per cycle.
  const inPairs = new Int32Array(current.kinds.pairs.all.length);
  let pairsRound = 0;
  const leftOut = (g: GroupData, ps: readonly CompletePair[]): CompletePair[] => {
    const round = ++pairsRound;
    for (const p of ps) inPairs[p.index] = round;
    return g.complete.filter((p) => inPairs[p.index] !== round);
  };
  /**
   * Whether a statistic over `ps`, whose interval tells how many pairs it is over, may be shown:
   * when it leaves out none of the group's complete pairs, or pairs of at least k people on each
   * side. Otherwise its interval would tell how many pairs left the question unanswered.
   */
  const leavesOutFewNone = (g: GroupData, ps: readonly CompletePair[]) => {
    if (ps.length === g.complete.length) return true;
    const counts = pairCounts(leftOut(g, ps));
    return counts.employee >= k && counts.manager >= k;
  };
  // Correlations are stored to 4 decimals (pages and exports show 2): they are no sums, nothing
  // adds them up, and a cycle stores them for hundreds of groups.
  const stored = (v: number) => Math.round(v * 1e4) / 1e4;
  const rank = (r: RankCorrelation | null): RankFigure | null => (r ? { rho: stored(r.rho), lower: stored(r.lower), upper: stored(r.upper) } : null);
  const drivers = (g: GroupData, side: Side, ps: readonly CompletePair[]): DriverFigure[] | null => {
    // Counted against the group's complete pairs, a published count, so hiding says nothing new.
    if (g.complete.length < MIN_DRIVER_PAIRS) return null;
    // Per dimension, the pairs with the side's own mean in it, and among them those with both
    // sides' means (the gap's), counted by value and choose-again answer in one pass over the
    // group's pairs: Spearman's ρ needs no more (`spearmanOfCounts`). The pairs themselves are
    // listed only when some are left out (see `leavesOutFewNone`).
    const dimensions = bank.dimensions.length;
    const scoreTables = levels.means.map((n) => new Int32Array(n * choices));
    const gapTables = levels.gaps.map((n) => new Int32Array(n * choices));
    const scored = new Int32Array(dimensions);
    const gapped = new Int32Array(dimensions);
    for (const p of ps) {
      const own = p[side];
      const choice = own.chooseAgain === null ? -1 : own.chooseAgain - 1;
      for (let di = 0; di < dimensions; di++) {
        const level = own.meanLevels[di] ?? -1;
        if (level < 0) continue;
        scored[di]!++;
        if (choice >= 0) scoreTables[di]![level * choices + choice]! += 1;
        const gap = p.gapLevels[di] ?? -1;
        if (gap < 0) continue;
        gapped[di]!++;
        if (choice >= 0) gapTables[di]![gap * choices + choice]! += 1;
      }
    }
    const round = ++pairsRound;
    for (const p of ps) inPairs[p.index] = round;
    const rows = bank.dimensions.map((d, di): DriverFigure => {
      const scoredPairs = scored[di] ?? 0;
      const gappedPairs = gapped[di] ?? 0;
      const scoreTable = scoreTables[di]!;
      const gapTable = gapTables[di]!;
      // As `leavesOutFewNone` of the pairs that count (in `ps`, with the side's mean, and for the
      // gap both sides' means), found in one pass over the group's pairs, `ps` marked once.
      const leavesOutFew = (gapToo: boolean) => {
        const left: CompletePair[] = [];
        for (const p of g.complete) {
          const counts = inPairs[p.index] === round && p[side].means[di] != null && (!gapToo || (p.employee.means[di] != null && p.manager.means[di] != null));
          if (!counts) left.push(p);
        }
        if (left.length === 0) return true;
        const people = pairCounts(left);
        return people.employee >= k && people.manager >= k;
      };
      const all = g.complete.length;
      const score = scoredPairs === all || leavesOutFew(false) ? rank(spearmanOfCounts(scoreTable, levels.means[di] ?? 0, choices)) : null;
      const gap = gappedPairs === all || leavesOutFew(true) ? rank(spearmanOfCounts(gapTable, levels.gaps[di] ?? 0, choices)) : null;
      return { key: d.key, score, gap };
    });
    return rows.some((r) => r.score !== null || r.gap !== null) ? rows : null;
  };

  return data.map((g) => {
    const id = g.def.id;
    const hiddenOn = (side: Side) => sideHidden[side][g.index] === 1;
    const dimensions: DimensionFigures[] = bank.dimensions.map((d, di) => {
      const decisions = dimensionDecisions[di];
      if (decisions === undefined) throw new Error(`no figures for dimension ${d.key}`);
      const sideMean = (side: Side) => sideFigure(g, decisions.mean[side], side, (rs) => dimensionMean(rs, di));
      const alpha = (side: Side) => sideFigure(g, decisions.alpha[side], side, (rs) => cronbachAlphaOf(rs, (r) => r.scores[di] ?? [])?.alpha ?? null);
      return {
        key: d.key,
        name: d.name,
        mean: { employee: sideMean("employee"), manager: sideMean("manager") },
        meanAbsGap: pairFigure(g, decisions.gap, (ps) => meanOf(ps, (p) => Math.abs((p.employee.means[di] ?? 0) - (p.manager.means[di] ?? 0)))),
        agreement: pairFigure(g, decisions.gap, (ps) => {
          // r's interval depends on how many pairs it is over. When that is fewer than the
          // group's complete pairs, the interval would tell how many pairs left the dimension
          // unanswered: shown only when those are none, or at least k people on each side.
          const left = ps.length < g.complete.length ? leftOut(g, ps) : [];
          if (left.length > 0) {
            const counts = pairCounts(left);
            if (counts.employee < k || counts.manager < k) return null;
          }
          const corr = pearson(
            ps.map((p) => p.employee.means[di] ?? null),
            ps.map((p) => p.manager.means[di] ?? null),
          );
          return corr ? { r: corr.r, ...fisherInterval(corr.r, corr.n), pairs: corr.n } : null;
        }),
        absoluteAgreement: pairFigure(g, decisions.gap, (ps) => {
          if (!leavesOutFewNone(g, ps)) return null;
          const icc = absoluteAgreement(ps.map((p) => [p.employee.means[di] ?? null, p.manager.means[di] ?? null]));
          const bound = (v: number | undefined) => (v === undefined ? null : stored(v));
          return icc ? { icc: stored(icc.icc), lower: bound(icc.interval?.lower), upper: bound(icc.interval?.upper) } : null;
        }),
        alpha: { employee: alpha("employee"), manager: alpha("manager") },
      };
    });
    const optionFigure =
      ({ values, decision }: ReturnType<typeof options>, choice: (r: Response) => number | null) =>
      (side: Side) =>
        sideFigure(g, decision[side], side, (rs) => distribution(rs, choice, values));
    const chooseAgainOf = optionFigure(chooseAgain, (r) => r.chooseAgain);
    const stanceOf = optionFigure(stance, (r) => r.stance);
    return {
      id,
      name: g.def.name,
      kind: g.def.kind,
      depth: g.def.depth,
      hidden: hiddenOn("employee") && hiddenOn("manager"),
      hiddenSides: SIDES.filter(hiddenOn),
      participation: {
        invited: countCell(g.invited.length, k, invitedHidden[g.index] === 1),
        employeeSubmitted: countCell(g.people.employee, k, hiddenOn("employee")),
        managerSubmitted: countCell(g.people.manager, k, hiddenOn("manager")),
        complete: countCell(g.complete.length, k, pairHidden[g.index] === 1),
      },
      dimensions,
      largeTrustOrGoalsGapShare: pairFigure(g, allPairsDecision, (ps) => (ps.length ? largeShare(ps) : null)),
      chooseAgain: { employee: chooseAgainOf("employee"), manager: chooseAgainOf("manager") },
      stance: { employee: stanceOf("employee"), manager: stanceOf("manager") },
      balance: pairFigure(g, balanceDecision, (ps) => {
        if (ps.length === 0) return null;
        const counts = Object.fromEntries(QUADRANTS.map((q) => [q, 0])) as Record<Quadrant, number>;
        for (const p of ps) if (p.quadrant) counts[p.quadrant] += 1;
        // Shares, not counts (as every distribution): a share of a group that passed reveals no small count.
        return Object.fromEntries(QUADRANTS.map((q) => [q, counts[q] / ps.length])) as Record<Quadrant, number>;
      }),
      reading: bySide((side) =>
        pairFigure(g, readingDecision[side], (ps) => {
          const readings: Reading[] = [];
          for (const p of ps) {
            const reading = p.reading[side];
            if (reading) readings.push(reading);
          }
          return readings.length === 0
            ? null
            : {
                meanAbsError: meanOf(readings, (r) => r.meanAbsError) ?? 0,
                withinShare: meanOf(readings, (r) => r.within / r.dimensions) ?? 0,
                assumedSimilarity: meanOf(readings, (r) => r.assumedSimilarity ?? 0) ?? 0,
              };
        }),
      ),
      chooseAgainDrivers: bySide((side) => pairFigure(g, driverDecision[side], (ps) => drivers(g, side, ps))),
    };
  });
}
