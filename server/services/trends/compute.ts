import { isLargeDimensionGap } from "@/server/analysis/gaps";
import { assertValidK, cell, familyOrder, hiddenCell, suppressNumberedFamily, type Cell, type SideCounts } from "@/server/analysis/anonymity";
import { cronbachAlpha, fisherInterval, pearson } from "@/server/analysis/statistics";
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
  /** Position among the cycle's responses from its side. */
  position: number;
  /** The respondent, numbered (see `Numbering`). */
  person: number;
  /** The assessment, numbered: what the response counts as in suppression. */
  assessment: number;
  /** Per dimension (bank order): the mean of its items answered on the scale; null if none was. */
  means: (number | null)[];
  /** Per dimension: each item's answer, null where it is not on the scale ("can't say"). */
  scores: (number | null)[][];
  /** Per dimension: every item answered on the scale (Cronbach's α uses only those responses). */
  allAnswered: boolean[];
}

interface CompletePair {
  assessmentId: string;
  /** Position among the cycle's complete pairs. */
  index: number;
  assessment: number;
  employee: Response;
  manager: Response;
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
 * People and assessments by number, given once per cycle: suppression and the counts of distinct
 * people then work on arrays of numbers instead of sets of ids, thousands of times per cycle.
 * Equal ids get equal numbers, so counting numbers counts the same people.
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
    complete.push({ assessmentId, index: complete.length, assessment: p.employee.assessment, employee: p.employee, manager: p.manager });
  }
  return complete;
}

/** Whether two lists name the same groups; the same list, as the service passes it, is checked first. */
function sameGroups(a: readonly string[], b: readonly string[]): boolean {
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

/** Per group id, the positions of the items in it (each once, in item order). */
function byGroup(items: readonly { groupIds: readonly string[] }[]): Map<string, number[]> {
  const lists = new Map<string, number[]>();
  items.forEach((item, position) => {
    item.groupIds.forEach((id, i) => {
      if (item.groupIds.indexOf(id) !== i) return;
      const list = lists.get(id);
      if (list) list.push(position);
      else lists.set(id, [position]);
    });
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
  /** A contribution is its assessment: the same assessment in two groups is the same contribution. */
  assessment: (item: T) => number;
  person: (item: T, side: Side) => number;
}

/** Which groups a figure is hidden for (by position in the family), and which contributions it counts. */
interface Decision {
  hidden: Uint8Array;
  /** The figure counts every contribution of its scope, in every group. */
  whole: boolean;
  /** By position in the kind's `all`: 1 where the figure counts the contribution. */
  kept: Uint8Array;
}

/**
 * Which groups each figure is hidden for. A scope is one kind of contribution (employee
 * responses, manager responses, complete pairs, invited pairs) checked over the whole family
 * of groups at once. A figure that adds up its contributors (a mean, a share, a count) is then
 * checked on its own contributors, which can be fewer than its scope's: a report who answered
 * "can't say" to every trust item is not in the trust mean, so two groups that differ by five
 * responses can differ by one trust answer. Where a figure's contributors are all of its
 * scope's (the usual case) it shares the scope's result; otherwise it is checked again,
 * starting from what its scope hides. Figures that count the same contributions (the means of
 * dimensions nobody left entirely unanswered, say) share one check.
 */
class Suppression {
  /** Group positions in id order, the order suppression numbers groups in. */
  private order: number[] | undefined;
  private readonly numbered = new Map<object, NumberedKind>();
  /** Per kind and base, per contributions left out: what the check hid. */
  private readonly checks = new Map<object, Map<Uint8Array, Map<string, Uint8Array>>>();

  constructor(
    private readonly groups: readonly GroupData[],
    private readonly k: number,
    private readonly assessments: number,
  ) {}

  scope<T>(kind: Kind<T>, forceHidden?: Uint8Array): Uint8Array {
    return this.run(kind, null, forceHidden);
  }

  /**
   * `base`: what the figure's scope hides. `check`: the figure adds up its contributions, so it
   * is checked on its own; otherwise it is hidden where its scope is.
   */
  figure<T>(kind: Kind<T>, base: Uint8Array, check: boolean, keep: (item: T) => boolean): Decision {
    const kept = new Uint8Array(kind.all.length);
    const dropped: number[] = [];
    kind.all.forEach((item, i) => {
      if (keep(item)) kept[i] = 1;
      else dropped.push(i);
    });
    const whole = dropped.length === 0;
    if (whole || !check) return { hidden: base, whole, kept };
    const checked = memo(memo(this.checks, kind, () => new Map()), base, () => new Map());
    return { hidden: memo(checked, dropped.join(), () => this.run(kind, kept, base)), whole, kept };
  }

  /** A kind's contributions per group as numbers, made once for all its figures. */
  private numberedKind<T>(kind: Kind<T>): NumberedKind {
    let numbered = this.numbered.get(kind);
    if (numbered === undefined) {
      const seen = new Uint8Array(this.assessments);
      let shared = false;
      const personOf = kind.sides.map(() => new Int32Array(this.assessments));
      for (const item of kind.all) {
        const a = kind.assessment(item);
        if (seen[a] === 1) shared = true;
        seen[a] = 1;
        kind.sides.forEach((side, s) => {
          const people = personOf[s];
          if (people) people[a] = kind.person(item, side);
        });
      }
      const numbers = (g: GroupData, numberOf: (item: T) => number) => {
        const items = kind.of(g);
        const list = new Int32Array(items.length);
        items.forEach((item, i) => (list[i] = numberOf(item)));
        return list;
      };
      numbered = {
        positions: this.groups.map((g) => numbers(g, kind.position)),
        assessments: this.groups.map((g) => numbers(g, kind.assessment)),
        personOf,
        shared,
      };
      this.numbered.set(kind, numbered);
    }
    return numbered;
  }

  private run<T>(kind: Kind<T>, kept: Uint8Array | null, forceHidden?: Uint8Array): Uint8Array {
    assertValidK(this.k);
    const order = (this.order ??= familyOrder(this.groups.map((g) => g.def.id)));
    const { positions, assessments, shared, ...numbered } = this.numberedKind(kind);
    const upFront = order.map((g) => forceHidden?.[g] === 1);

    // A contribution's people are those of the last item counted as its assessment, group by
    // group, as keying them by assessment id does. Where no two items share an assessment
    // (always, for data from the database) that is simply each item's.
    let personOf = numbered.personOf;
    if (shared) {
      personOf = kind.sides.map(() => new Int32Array(this.assessments));
      this.groups.forEach((group) => {
        for (const item of kind.of(group)) {
          if (kept !== null && kept[kind.position(item)] !== 1) continue;
          kind.sides.forEach((side, s) => {
            const people = personOf[s];
            if (people) people[kind.assessment(item)] = kind.person(item, side);
          });
        }
      });
    }

    const seen = shared ? new Int32Array(this.assessments).fill(-1) : null;
    const members = order.map((g, n): Int32Array => {
      const all = assessments[g];
      // A group hidden up front is never read.
      if (upFront[n] || all === undefined) return EMPTY;
      if (kept === null && seen === null) return all;
      const at = positions[g] ?? EMPTY;
      const list = new Int32Array(all.length);
      let length = 0;
      for (let i = 0; i < all.length; i++) {
        if (kept !== null && kept[at[i] ?? 0] !== 1) continue;
        const a = all[i] ?? 0;
        if (seen !== null) {
          if (seen[a] === n) continue;
          seen[a] = n;
        }
        list[length++] = a;
      }
      return list.subarray(0, length);
    });
    const hidden = suppressNumberedFamily(
      personOf.map((people) => ({ members, personOf: people })),
      upFront,
      this.k,
    );
    const result = new Uint8Array(this.groups.length);
    order.forEach((g, n) => {
      if (hidden[n]) result[g] = 1;
    });
    return result;
  }
}

const EMPTY = new Int32Array(0);

/** A kind's contributions as suppression numbers them. */
interface NumberedKind {
  /** Per group (family order): its contributions' positions in the kind's `all`, and their assessments. */
  positions: Int32Array[];
  assessments: Int32Array[];
  /** Per side the kind reports, per assessment: the person behind it. */
  personOf: Int32Array[];
  /** Whether two contributions share an assessment (never, from the database). */
  shared: boolean;
}

/** `map.get(key)`, made with `make` and kept the first time. */
function memo<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** Computes once, when first asked. */
function once<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

/**
 * Figures per group for one cycle. `groups` is the whole family published for the cycle, and
 * suppression is decided over all of it.
 */
export function computeCycleFigures(
  bank: ItemBank,
  groups: readonly GroupDef[],
  invited: readonly InvitedPair[],
  rows: readonly ResponseRow[],
  k: number,
): GroupFigures[] {
  const people = new Numbering();
  const assessments = new Numbering();
  const dimensionItems = bank.dimensions.map((d) => d.items.map((i) => i.key));
  const responses: Response[] = rows.map((row) => {
    const scores = dimensionItems.map((items) => items.map((key) => scaleScore(row.answers[key])));
    return {
      row,
      position: -1,
      person: people.of(row.respondentId),
      assessment: assessments.of(row.assessmentId),
      scores,
      means: scores.map(meanOfScores),
      allAnswered: scores.map((s) => !s.includes(null)),
    };
  });
  const invitedAssessment = invited.map((p) => assessments.of(p.assessmentId));
  const invitedReport = invited.map((p) => people.of(p.reportId));
  const distinct = new DistinctCounter(people.size);
  const respondents = (rs: readonly Response[]) => distinct.count(rs, (r) => r.person);
  /** Distinct people per side in complete pairs. */
  const pairCounts = (ps: readonly CompletePair[]): SideCounts => ({ employee: distinct.count(ps, (p) => p.employee.person), manager: distinct.count(ps, (p) => p.manager.person) });

  const responsesByGroup = byGroup(rows);
  const invitedByGroup = byGroup(invited);
  const allResponses = { employee: responses.filter((r) => r.row.side === "employee"), manager: responses.filter((r) => r.row.side === "manager") };
  for (const side of SIDES) allResponses[side].forEach((r, i) => (r.position = i));
  const allPairs = completePairs(responses);
  // Both responses of a pair are in the same groups: a group's complete pairs are the complete
  // pairs of its employee responses.
  const pairOf = new Map(allPairs.map((p) => [p.employee, p]));
  for (const p of allPairs) {
    if (!sameGroups(p.employee.row.groupIds, p.manager.row.groupIds)) {
      throw new Error(`the two responses of pair ${p.assessmentId} are in different groups`);
    }
  }
  const data: GroupData[] = groups.map((def, index) => {
    const employee: Response[] = [];
    const manager: Response[] = [];
    const complete: CompletePair[] = [];
    for (const i of responsesByGroup.get(def.id) ?? []) {
      const r = responses[i];
      if (r?.row.side === "employee") {
        employee.push(r);
        const pair = pairOf.get(r);
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
      invited: invitedByGroup.get(def.id) ?? [],
    };
  });

  const responseKind = (side: Side): Kind<Response> => ({
    sides: [side],
    all: allResponses[side],
    of: (g) => g.responses[side],
    position: (r) => r.position,
    assessment: (r) => r.assessment,
    person: (r) => r.person,
  });
  const kinds = { employee: responseKind("employee"), manager: responseKind("manager") };
  const pairKind: Kind<CompletePair> = {
    sides: SIDES,
    all: allPairs,
    of: (g) => g.complete,
    position: (p) => p.index,
    assessment: (p) => p.assessment,
    person: (p, side) => p[side].person,
  };
  // One report per pair: invited pairs count reports, an employee-side figure.
  const invitedKind: Kind<number> = {
    sides: ["employee"],
    all: invited.map((_, i) => i),
    of: (g) => g.invited,
    position: (i) => i,
    assessment: (i) => invitedAssessment[i] ?? 0,
    person: (i) => invitedReport[i] ?? 0,
  };

  const suppression = new Suppression(data, k, assessments.size);
  const sideHidden: Record<Side, Uint8Array> = {
    employee: suppression.scope(kinds.employee),
    manager: suppression.scope(kinds.manager),
  };
  // Pair figures report both sides: hidden wherever either side is, and checked on complete pairs.
  const pairHidden = suppression.scope(
    pairKind,
    sideHidden.employee.map((e, g) => e | (sideHidden.manager[g] ?? 0)),
  );
  const invitedHidden = suppression.scope(invitedKind, sideHidden.employee);

  // A hidden cell is decided before anything is computed: most teams of a large organization
  // are hidden, and their figures are never computed.
  /**
   * A one-side figure over the responses `keep` retains. `sum`: the figure adds up its
   * contributions (a mean, a share), so subtracting two groups' figures isolates the
   * contributions in one and not the other, and the figure is checked on its own contributors.
   * The others (Cronbach's α) are not sums; they are shown where their scope is, from at least k
   * contributors of their own.
   */
  const sideDecision = (side: Side, sum: boolean, keep: (r: Response) => boolean) => once(() => suppression.figure(kinds[side], sideHidden[side], sum, keep));
  const sideFigure = <T,>(g: GroupData, decision: () => Decision, side: Side, value: (rs: readonly Response[]) => T | null): Cell<T> => {
    const { hidden, whole, kept } = decision();
    if (hidden[g.index]) return hiddenCell();
    const all = g.responses[side];
    const contributing = whole || all.every((r) => kept[r.position] === 1) ? all : all.filter((r) => kept[r.position] === 1);
    const v = value(contributing);
    if (v === null) return hiddenCell();
    if (contributing === all) return cell(v, g.people, k, [side]);
    const n = respondents(contributing);
    return cell(v, side === "employee" ? { employee: n, manager: 0 } : { employee: 0, manager: n }, k, [side]);
  };
  /** A figure over the complete pairs `keep` retains; it reports both sides. */
  const pairDecision = (keep: (p: CompletePair) => boolean) => once(() => suppression.figure(pairKind, pairHidden, true, keep));
  const pairFigure = <T,>(g: GroupData, decision: () => Decision, value: (ps: readonly CompletePair[]) => T | null): Cell<T> => {
    const { hidden, whole, kept } = decision();
    if (hidden[g.index]) return hiddenCell();
    const all = g.complete;
    const contributing = whole || all.every((p) => kept[p.index] === 1) ? all : all.filter((p) => kept[p.index] === 1);
    const v = value(contributing);
    return v === null ? hiddenCell() : cell(v, contributing === all ? g.pairPeople : pairCounts(contributing), k, SIDES);
  };
  const bySide = <T,>(make: (side: Side) => T): Record<Side, T> => ({ employee: make("employee"), manager: make("manager") });
  const trust = bank.dimensions.findIndex((d) => d.key === "trust");
  const goals = bank.dimensions.findIndex((d) => d.key === "goals");
  const largeGap = (p: CompletePair) =>
    [trust, goals].some((di) => {
      const e = p.employee.means[di];
      const m = p.manager.means[di];
      return e != null && m != null && isLargeDimensionGap(e - m);
    });
  const options = (key: string, values: readonly string[]) => ({
    values,
    decision: bySide((side) => sideDecision(side, true, (r) => isOption(r.row.answers[key], values))),
  });
  const chooseAgain = options(bank.chooseAgain.key, bank.chooseAgain.options.map((o) => o.value));
  const stance = options(bank.stance.key, bank.stance.options.map((o) => o.value));
  const dimensionDecisions = bank.dimensions.map((_, di) => ({
    mean: bySide((side) => sideDecision(side, true, (r) => r.means[di] != null)),
    alpha: bySide((side) => sideDecision(side, false, (r) => r.allAnswered[di] === true)),
    // The gap's pairs: pearson leaves out pairs without both means, so agreement shares the check.
    gap: pairDecision((p) => p.employee.means[di] != null && p.manager.means[di] != null),
  }));
  const allPairsDecision = pairDecision(() => true);

  return data
    .map((g) => {
      const id = g.def.id;
      const hiddenOn = (side: Side) => sideHidden[side][g.index] === 1;
      const dimensions: DimensionFigures[] = bank.dimensions.map((d, di) => {
        const decisions = dimensionDecisions[di];
        if (decisions === undefined) throw new Error(`no figures for dimension ${d.key}`);
        const sideMean = (side: Side) => sideFigure(g, decisions.mean[side], side, (rs) => dimensionMean(rs, di));
        const alpha = (side: Side) => sideFigure(g, decisions.alpha[side], side, (rs) => cronbachAlpha(rs.map((r) => r.scores[di] ?? []))?.alpha ?? null);
        return {
          key: d.key,
          name: d.name,
          mean: { employee: sideMean("employee"), manager: sideMean("manager") },
          meanAbsGap: pairFigure(g, decisions.gap, (ps) => meanOf(ps, (p) => Math.abs((p.employee.means[di] ?? 0) - (p.manager.means[di] ?? 0)))),
          agreement: pairFigure(g, decisions.gap, (ps) => {
            const corr = pearson(
              ps.map((p) => p.employee.means[di] ?? null),
              ps.map((p) => p.manager.means[di] ?? null),
            );
            return corr ? { r: corr.r, ...fisherInterval(corr.r, corr.n), pairs: corr.n } : null;
          }),
          alpha: { employee: alpha("employee"), manager: alpha("manager") },
        };
      });
      const optionFigure = ({ values, decision }: ReturnType<typeof options>, key: string) => (side: Side) =>
        sideFigure(g, decision[side], side, (rs) => distribution(rs, key, values));
      const chooseAgainOf = optionFigure(chooseAgain, bank.chooseAgain.key);
      const stanceOf = optionFigure(stance, bank.stance.key);
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
        largeTrustOrGoalsGapShare: pairFigure(g, allPairsDecision, (ps) => (ps.length ? ps.filter(largeGap).length / ps.length : null)),
        chooseAgain: { employee: chooseAgainOf("employee"), manager: chooseAgainOf("manager") },
        stance: { employee: stanceOf("employee"), manager: stanceOf("manager") },
      };
    });
}
