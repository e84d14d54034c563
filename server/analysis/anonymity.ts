import type { Side } from "@/server/assessment/item-bank";

// The anonymity rules of HR org trends (PRODUCT.md §5, rules 1–3), as pure functions the server
// applies to every figure of every view, filter, chart and export before anything leaves it.
// docs/decisions/0002-anonymity-suppression.md explains each rule and its limits.
//
// Everything here counts distinct PEOPLE per side, never responses: a manager who answered for
// six reports is one manager-side contributor. Counting responses would let one manager's own
// answers pass as "six" and be shown.
//
// Two families of protection:
// - Hierarchies (org → departments → teams, or nested manager subtrees) are laminar: a group's
//   children are disjoint parts of it. `suppressTree` hides groups so that no published figure
//   and no figure computable from published ones by adding and subtracting covers 1 to k−1
//   people (threshold, complement and secondary suppression).
// - Overlapping groups (filters, teams that cut across departments) are checked on their actual
//   members: `safeToPublish` finds pairs of figures whose difference isolates 1 to k−1 people,
//   and `enforce` hides figures until there are none.

export const MIN_GROUP_SIZE_DEFAULT = 5;
export const MIN_GROUP_SIZE_MIN = 3;
export const MIN_GROUP_SIZE_MAX = 10;

const ALL_SIDES: readonly Side[] = ["employee", "manager"];

/** Distinct people who contributed to a figure, per side of the pair. */
export type SideCounts = Readonly<Record<Side, number>>;

/** k must be a whole number from 3 to 10 (PRODUCT.md §5 rule 1); anything else is a bug. */
export function assertValidK(k: number): void {
  if (!Number.isInteger(k) || k < MIN_GROUP_SIZE_MIN || k > MIN_GROUP_SIZE_MAX) {
    throw new RangeError(`minimum group size k must be a whole number from ${MIN_GROUP_SIZE_MIN} to ${MIN_GROUP_SIZE_MAX}, got ${k}`);
  }
}

/**
 * Rule 1: a figure is shown only if at least k people contributed on each side it reports.
 * Sides it does not report do not count: an employee-side mean may be shown when few managers
 * answered, because no manager answer is in it.
 */
export function figureVisible(counts: SideCounts, k: number, sides: readonly Side[]): boolean {
  assertValidK(k);
  assertValidSides(sides);
  assertValidCounts(counts);
  return sides.every((side) => counts[side] >= k);
}

// ---------------------------------------------------------------------------------------------
// Hierarchies: threshold, complement and secondary suppression
// ---------------------------------------------------------------------------------------------

export interface Group {
  id: string;
  counts: SideCounts;
}

/** A group and its subgroups. Children must be disjoint parts of their parent. */
export interface GroupNode extends Group {
  children?: readonly GroupNode[];
}

/**
 * PRODUCT.md §5 rules 1 and 2 for one parent and its direct children; returns the ids of the
 * children to hide.
 *
 * In order: (1) threshold: a child with fewer than k on a reported side; (2) complement: a
 * child whose parent minus that child would leave 1 to k−1 people (the parent's figure minus
 * the child's would show the rest); (3) secondary: while the hidden children, plus anyone in
 * the parent who belongs to no child, add up to 1 to k−1 people on a reported side, or while a
 * single hidden child could be computed as parent minus the visible ones, hide the next-smallest
 * visible sibling (ties by id). See `suppressTree`, which this is the one-level case of.
 */
export function suppressGroups(parent: Group, children: readonly Group[], k: number, sides: readonly Side[]): Set<string> {
  const hidden = suppressTree({ ...parent, children }, k, sides);
  return new Set(children.filter((child) => hidden.has(child.id)).map((child) => child.id));
}

/**
 * Applies the rules at every level of one hierarchy and returns the ids of every group to hide.
 *
 * The guarantee, for each reported side: every published group has at least k contributors,
 * and every figure computable from published ones by adding and subtracting ("parent minus its
 * visible subgroups", at any depth) covers no one or at least k people. A hidden group can't be
 * computed either, unless on that side it has the same contributors as a published group or is
 * exactly the sum of published groups below it (each of which has at least k there).
 *
 * Why that is enough: in a hierarchy, what can be derived from published figures is exactly
 * the sums over "residues": for each published group, its people minus those of its nearest
 * published subgroups. Every other combination is a sum of residues. So each residue must be
 * empty or hold at least k people; that one check covers complement (one child leaves a small
 * rest) and secondary suppression (the hidden children together are too few), at every depth,
 * including grandchildren published under a hidden child.
 *
 * `forceHidden` hides groups up front, e.g. those `enforce` hid for overlapping filters, so that
 * the hierarchy is then made consistent around them.
 */
export function suppressTree(
  root: GroupNode,
  k: number,
  sides: readonly Side[],
  forceHidden: ReadonlySet<string> = new Set(),
): Set<string> {
  assertValidK(k);
  assertValidSides(sides);
  const tree = indexTree(root);
  const belowThreshold = new Set(tree.nodes.filter((node) => !sides.every((side) => node.counts[side] >= k)).map((node) => node.index));
  const hidden = new Set<number>(belowThreshold);
  for (const node of tree.nodes) if (forceHidden.has(node.id)) hidden.add(node.index);

  for (;;) {
    const next = nextToHide(tree, hidden, k, sides);
    if (next === null) break;
    hidden.add(next);
  }
  unhideComputable(tree, hidden, sides, (node) => belowThreshold.has(node.index) || forceHidden.has(node.id));
  return new Set(tree.nodes.filter((node) => hidden.has(node.index)).map((node) => node.id));
}

interface IndexedNode {
  index: number;
  id: string;
  counts: SideCounts;
  children: number[];
  /** Pre-order position range [index, end): a node's descendants are exactly the indexes inside. */
  end: number;
}

interface IndexedTree {
  /** In pre-order, so parents come before their children. */
  nodes: IndexedNode[];
}

function indexTree(root: GroupNode): IndexedTree {
  const nodes: IndexedNode[] = [];
  const ids = new Set<string>();
  const visit = (group: GroupNode): number => {
    if (ids.has(group.id)) throw new RangeError(`group id ${group.id} appears twice in the hierarchy`);
    ids.add(group.id);
    assertValidCounts(group.counts);
    const node: IndexedNode = { index: nodes.length, id: group.id, counts: group.counts, children: [], end: 0 };
    nodes.push(node);
    for (const child of group.children ?? []) node.children.push(visit(child));
    node.end = nodes.length;
    assertChildrenFit(group);
    return node.index;
  };
  visit(root);
  return { nodes };
}

// Counts alone can't prove the children are disjoint, but children adding up to more than their
// parent proves they are not: overlapping groups belong with `enforce`, whose arithmetic is on
// the actual members, not in a hierarchy whose arithmetic would then be wrong.
function assertChildrenFit(group: GroupNode): void {
  for (const side of ALL_SIDES) {
    const total = (group.children ?? []).reduce((sum, child) => sum + child.counts[side], 0);
    if (total > group.counts[side]) {
      throw new RangeError(`the subgroups of ${group.id} hold more ${side}s than it does: they must be disjoint parts of it`);
    }
  }
}

/**
 * What a node contributes to the published figures above it on one side: all its people if it
 * is published, otherwise whatever its published descendants cover.
 */
function publishedCover(tree: IndexedTree, hidden: ReadonlySet<number>, side: Side): number[] {
  const cover = new Array<number>(tree.nodes.length).fill(0);
  for (let i = tree.nodes.length - 1; i >= 0; i--) {
    const node = tree.nodes[i];
    if (node === undefined) continue;
    cover[i] = hidden.has(i) ? node.children.reduce((sum, child) => sum + (cover[child] ?? 0), 0) : node.counts[side];
  }
  return cover;
}

/** A node's people on one side that none of its nearest published descendants cover. */
function residue(node: IndexedNode, cover: readonly number[], side: Side): number {
  return node.counts[side] - node.children.reduce((sum, child) => sum + (cover[child] ?? 0), 0);
}

/**
 * Below a published node: its nearest published descendants (the figures that can be
 * subtracted from it) and the hidden groups in between (whose people make up its residue).
 */
function publishedBelow(tree: IndexedTree, hidden: ReadonlySet<number>, node: IndexedNode): { frontier: IndexedNode[]; hiddenBetween: IndexedNode[] } {
  const frontier: IndexedNode[] = [];
  const hiddenBetween: IndexedNode[] = [];
  const stack = [...node.children].reverse();
  for (let index = stack.pop(); index !== undefined; index = stack.pop()) {
    const current = tree.nodes[index];
    if (current === undefined) continue;
    if (!hidden.has(index)) {
      frontier.push(current);
      continue;
    }
    hiddenBetween.push(current);
    stack.push(...[...current.children].reverse());
  }
  return { frontier, hiddenBetween };
}

/**
 * The first group that must be hidden, scanning published groups top-down; null when the
 * hierarchy is safe. Deterministic: the same input always hides the same groups.
 */
function nextToHide(tree: IndexedTree, hidden: ReadonlySet<number>, k: number, sides: readonly Side[]): number | null {
  const covers = new Map(sides.map((side) => [side, publishedCover(tree, hidden, side)] as const));
  const coverOn = (side: Side) => covers.get(side) ?? [];
  for (const node of tree.nodes) {
    if (hidden.has(node.index)) continue;
    const { frontier, hiddenBetween } = publishedBelow(tree, hidden, node);
    // Rules 2 and 3: parent minus its visible subgroups would show 1 to k−1 people. Hiding the
    // smallest visible subgroup adds its people to the hidden rest, and the loop goes on until
    // the rest reaches k (complement is the case of a single visible subgroup). Checked on every
    // side before the next rule, so that the side falling short chooses what to hide.
    for (const side of sides) {
      const rest = residue(node, coverOn(side), side);
      if (rest > 0 && rest < k) return mustExist(smallest(frontier, side, sides)).index;
    }
    // Rule 3, "not exactly one": the rest lies inside one hidden group, so parent minus the
    // visible subgroups would compute that group. Hide one more outside it. If there is none
    // with anyone on this side, the hidden group's figure there equals the parent's and reveals
    // nothing the parent doesn't.
    // Nested hidden groups can share the rest; each is checked, since one may have a visible
    // subgroup outside it even when the group around it has none.
    for (const side of sides) {
      const rest = residue(node, coverOn(side), side);
      if (rest === 0) continue;
      for (const computable of hiddenBetween.filter((group) => residue(group, coverOn(side), side) === rest)) {
        const outside = frontier.filter((group) => group.index < computable.index || group.index >= computable.end);
        const next = smallest(outside, side, sides);
        if (next !== undefined) return next.index;
      }
    }
  }
  return null;
}

// A published group has at least k people on the side, so a rest below k means some visible
// subgroup with people on that side exists to be hidden.
function mustExist(node: IndexedNode | undefined): IndexedNode {
  if (node === undefined) throw new Error("suppression invariant broken: a short rest with no visible subgroup to hide");
  return node;
}

/** The next group to hide: fewest people on the side that falls short, then overall, then id. */
function smallest(candidates: readonly IndexedNode[], side: Side, sides: readonly Side[]): IndexedNode | undefined {
  const total = (node: IndexedNode) => sides.reduce((sum, s) => sum + node.counts[s], 0);
  return candidates
    .filter((node) => node.counts[side] > 0)
    .sort((a, b) => a.counts[side] - b.counts[side] || total(a) - total(b) || compareIds(a.id, b.id))[0];
}

/**
 * Secondary suppression can hide a group whose people all turn out to be covered by its own
 * published subgroups (its residue is empty): hiding it protects nobody, and it could be computed
 * as the sum of those subgroups anyway. Such groups are shown again; their figures add nothing
 * that isn't already derivable, so no residue changes.
 */
function unhideComputable(tree: IndexedTree, hidden: Set<number>, sides: readonly Side[], mustStayHidden: (node: IndexedNode) => boolean): void {
  const covers = sides.map((side) => [side, publishedCover(tree, hidden, side)] as const);
  const redundant = tree.nodes.filter(
    (node) => hidden.has(node.index) && !mustStayHidden(node) && covers.every(([side, cover]) => residue(node, cover, side) === 0),
  );
  for (const node of redundant) hidden.delete(node.index);
}

// ---------------------------------------------------------------------------------------------
// Overlapping groups and filters: differencing across figures
// ---------------------------------------------------------------------------------------------

export interface PublishedFigure {
  groupId: string;
  /** The distinct people who contributed to this figure on one side. */
  memberIds: ReadonlySet<string>;
}

/**
 * Problems never carry counts: a list of problems may end up in a log, and a count below k is
 * exactly what must not leave the analysis.
 */
export type PublicationProblem =
  | { kind: "too-few-people"; groupId: string }
  | { kind: "isolating-difference"; groupIds: readonly [string, string] };

/**
 * Checks a set of figures that would be published together (one side's contributors each): a
 * figure over fewer than k people, and any two figures whose symmetric difference holds 1 to
 * k−1 people, e.g. "Engineering" and "Engineering without team X", or two overlapping filters;
 * subtracting one from the other would isolate those people. Identical member sets are fine.
 *
 * Only pairs are checked. Sums over a hierarchy are `suppressTree`'s job; combinations of three
 * or more overlapping filters are a known limit (docs/decisions/0002-anonymity-suppression.md).
 */
export function safeToPublish(figures: readonly PublishedFigure[], k: number): PublicationProblem[] {
  assertValidK(k);
  assertUniqueGroupIds(figures);
  const problems: PublicationProblem[] = [];
  for (const figure of figures) {
    if (figure.memberIds.size < k) problems.push({ kind: "too-few-people", groupId: figure.groupId });
  }
  figures.forEach((a, i) => {
    for (const b of figures.slice(i + 1)) {
      if (isolatesFewerThanK(a.memberIds, b.memberIds, k)) problems.push({ kind: "isolating-difference", groupIds: [a.groupId, b.groupId] });
    }
  });
  return problems;
}

/**
 * Hides figures until `safeToPublish` finds nothing: first every figure under k, then, one at a
 * time, the smallest figure involved in a problem (ties by id), because the smallest figure is
 * usually the narrowest filter, the one losing it costs least. Returns the hidden group ids.
 */
export function enforce(figures: readonly PublishedFigure[], k: number): Set<string> {
  assertValidK(k);
  assertUniqueGroupIds(figures);
  const hidden = new Set(figures.filter((figure) => figure.memberIds.size < k).map((figure) => figure.groupId));
  for (;;) {
    const published = figures.filter((figure) => !hidden.has(figure.groupId));
    const involved = new Set(safeToPublish(published, k).flatMap(problemGroupIds));
    const next = published
      .filter((figure) => involved.has(figure.groupId))
      .sort((a, b) => a.memberIds.size - b.memberIds.size || compareIds(a.groupId, b.groupId))[0];
    if (next === undefined) return hidden;
    hidden.add(next.groupId);
  }
}

/** A figure with its contributors on each side it reports. */
export interface SidedFigure {
  groupId: string;
  members: Partial<Record<Side, ReadonlySet<string>>>;
}

/**
 * `enforce` for figures that report one or both sides: each side is checked on its own
 * contributors (two figures can differ by five employees yet by one manager, and that one
 * manager's answers would be isolated). A figure hidden for either side is hidden. Hiding more
 * figures never creates a problem between the remaining ones, so the union is safe on both sides.
 */
export function enforceEachSide(figures: readonly SidedFigure[], k: number): Set<string> {
  const hidden = new Set<string>();
  for (const side of ALL_SIDES) {
    const onSide = figures.flatMap((figure) => {
      const memberIds = figure.members[side];
      return memberIds === undefined ? [] : [{ groupId: figure.groupId, memberIds }];
    });
    for (const id of enforce(onSide, k)) hidden.add(id);
  }
  return hidden;
}

function problemGroupIds(problem: PublicationProblem): readonly string[] {
  return problem.kind === "too-few-people" ? [problem.groupId] : problem.groupIds;
}

/** Whether |a Δ b| is between 1 and k−1, without building the difference. */
function isolatesFewerThanK(a: ReadonlySet<string>, b: ReadonlySet<string>, k: number): boolean {
  // |a Δ b| ≥ ||a| − |b||, so sizes far apart can't isolate fewer than k.
  if (Math.abs(a.size - b.size) >= k) return false;
  const [smaller, larger] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const id of smaller) if (larger.has(id)) shared++;
  const difference = a.size + b.size - 2 * shared;
  return difference > 0 && difference < k;
}

function assertUniqueGroupIds(figures: readonly PublishedFigure[]): void {
  const seen = new Set<string>();
  for (const figure of figures) {
    if (seen.has(figure.groupId)) throw new RangeError(`figure ${figure.groupId} appears twice`);
    seen.add(figure.groupId);
  }
}

// ---------------------------------------------------------------------------------------------
// Cells: what a view, chart or export receives
// ---------------------------------------------------------------------------------------------

/**
 * The one thing a hidden cell says. Deliberately the same whether a group had too few people or
 * was hidden to protect another (complement, secondary, differencing): telling them apart would
 * itself reveal that some remainder is small.
 */
export const HIDDEN_REASON = "fewer than k responses";

export interface VisibleCell<T> {
  hidden: false;
  value: T;
  /** Contributors on each side the figure reports (always at least k); other sides are left out. */
  n: Partial<Record<Side, number>>;
}

export interface HiddenCell {
  hidden: true;
  reason: typeof HIDDEN_REASON;
}

export type Cell<T> = VisibleCell<T> | HiddenCell;

/**
 * Builds a cell, the only shape in which a figure leaves the analysis. Hidden when a reported
 * side has fewer than k contributors or when suppression hid the group; a hidden cell carries
 * no value and no count. A visible cell carries the counts of the sides it reports only, since an
 * unreported side may be below k and its count must not travel either.
 */
export function cell<T>(value: T, counts: SideCounts, k: number, sides: readonly Side[], suppressed = false): Cell<T> {
  if (suppressed || !figureVisible(counts, k, sides)) return hiddenCell();
  const n: Partial<Record<Side, number>> = {};
  for (const side of sides) n[side] = counts[side];
  return { hidden: false, value, n };
}

export function hiddenCell(): HiddenCell {
  return { hidden: true, reason: HIDDEN_REASON };
}

// ---------------------------------------------------------------------------------------------

function assertValidSides(sides: readonly Side[]): void {
  if (sides.length === 0) throw new RangeError("a figure reports at least one side");
  for (const side of sides) {
    if (!ALL_SIDES.includes(side)) throw new RangeError(`unknown side ${String(side)}`);
  }
}

function assertValidCounts(counts: SideCounts): void {
  for (const side of ALL_SIDES) {
    const count = counts[side];
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`a ${side} count must be a whole number ≥ 0, got ${count}`);
  }
}

// Plain code-unit order, not localeCompare: the result must not depend on the server's locale.
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
