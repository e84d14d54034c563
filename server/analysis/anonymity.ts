import type { Side } from "@/server/assessments/item-bank";

// The anonymity rules of HR org trends (PRODUCT.md §5, rules 1–3), as pure functions the server
// applies to every figure of every view, chart and export before anything leaves it.
// docs/anonymity.md says what the server does with them; the ADR
// docs/decisions/0002-anonymity-suppression.md says why, and what they do not cover.
//
// Everything here counts distinct PEOPLE per side, never responses: a manager who answered for
// six reports is one manager-side contributor. Counting responses would let one manager's own
// answers pass as "six" and be shown.
//
// Every group published together (the org, every department and every team of a cycle, however
// they overlap or nest) goes through `suppressFamily`, which hides groups until every "atom"
// (contributions held by exactly the same published groups) holds none or at least k people:
// that covers every sum and difference of published figures, the complement and secondary
// suppression of a hierarchy being special cases.

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
// The whole family of groups published together: org, departments, teams (overlapping, nested)
// ---------------------------------------------------------------------------------------------

/** A group published among others, with what went into its figures on each side they report. */
export interface FamilyGroup {
  id: string;
  /**
   * Per side the group's figures report, the contributions that went into them: the ids of
   * responses, or of complete pairs (one person on each side). Where each person contributes
   * once, the people's own ids will do.
   */
  members: Partial<Record<Side, ReadonlySet<string>>>;
}

export interface FamilyOptions {
  /**
   * The person behind a contribution on a side. By default a member id is a person id. Counting
   * contributions instead of people would let one manager's responses about six reports pass
   * for six people; counting people alone would miss that a manager with reports in two
   * departments contributes different answers to each.
   */
  personOf?: (side: Side, memberId: string) => string;
  /** Groups to hide whatever their size, e.g. those hidden for another set of figures. */
  forceHidden?: ReadonlySet<string>;
}

/**
 * Rules 1–3 over every group published together, however they overlap or nest: the org, every
 * department, every team (a manager's subtree), and anything else shown beside them. Returns
 * the ids of the groups to hide; a group is hidden when it must be on any side it reports.
 *
 * The guarantee, on each side: split the contributions by which published groups hold them.
 * Each part (an "atom": contributions held by exactly the same published groups) holds none or
 * at least k people. A figure computed by adding and subtracting published figures, any number
 * of them, is a weighted sum that takes one weight per atom, so it covers nobody or at least k
 * people. In particular, for any two published groups A and B, A \ B and B \ A each hold none or
 * at least k people, and every published group holds at least k.
 *
 * How: hide every group under k on a side it reports (and `forceHidden`). Then, while some atom
 * holds 1 to k−1 people, take the smallest such atom (fewest people, then held by the fewest
 * groups, then by the groups' numbers from the last one, see `compareSignatures`) and hide the smallest group whose hiding
 * merges it into another atom, or takes it out of every published group: for two groups that
 * differ by a few people, the smaller of the two. Fewest people on the side that falls short
 * first, then fewest contributions, then id. Groups are only ever added, so the loop ends;
 * hiding a group only merges atoms, so it never breaks what was already safe. The same input
 * gives the same result, whatever its order.
 */
export function suppressFamily(groups: readonly FamilyGroup[], k: number, options: FamilyOptions = {}): Set<string> {
  assertValidK(k);
  const order = familyOrder(groups.map((group) => group.id));
  const personOf = options.personOf ?? ((_side: Side, memberId: string) => memberId);
  const ordered = order.map((i) => groups[i] as FamilyGroup);
  for (const group of ordered) {
    if (!ALL_SIDES.some((side) => group.members[side] !== undefined)) throw new RangeError(`group ${group.id} reports no side`);
  }
  const sides = ALL_SIDES.flatMap((side) => (ordered.some((group) => group.members[side] !== undefined) ? [numberSide(ordered, side, personOf)] : []));
  const hidden = suppressNumberedFamily(
    sides,
    ordered.map((group) => options.forceHidden?.has(group.id) ?? false),
    k,
  );
  return new Set(ordered.filter((_, g) => hidden[g]).map((group) => group.id));
}

/**
 * The order `suppressFamily` numbers groups in: positions in `ids`, sorted by id. Numbering by id
 * makes the result independent of the input's order (ties are broken by number). Refuses an id
 * that appears twice.
 */
export function familyOrder(ids: readonly string[]): number[] {
  assertUniqueIds(ids);
  return ids.map((_, i) => i).sort((a, b) => compareIds(ids[a] ?? "", ids[b] ?? ""));
}

/** One side of a family whose groups, contributions and people are numbered. */
export interface NumberedFamilySide {
  /**
   * Per group, numbered in id order (see `familyOrder`): its contributions on this side, each
   * once, or null if the group doesn't report the side. Not read for groups hidden up front.
   */
  members: readonly (ArrayLike<number> | null)[];
  /** Per contribution: the number of the person who made it (numbers from 0). */
  personOf: ArrayLike<number>;
}

/**
 * `suppressFamily` for callers that number things themselves, so that a family of thousands of
 * groups is not turned into sets of strings for every figure: `forceHidden` and the result are
 * per group, in the same id order as the sides' `members`. Callers that keep their own numbering
 * get exactly the decisions `suppressFamily` would make on the same groups.
 */
export function suppressNumberedFamily(sides: readonly NumberedFamilySide[], forceHidden: readonly boolean[], k: number): boolean[] {
  assertValidK(k);
  const hidden = [...forceHidden];
  const contributions = hidden.map((_, g) => sides.reduce((sum, s) => sum + (s.members[g]?.length ?? 0), 0));
  // A group's people per side. Groups hidden up front are never candidates, so not counted.
  const people = sides.map((s) => {
    const distinct = new DistinctCounter(s.personOf);
    return hidden.map((isHidden, g) => (isHidden ? 0 : distinct.count(s.members[g] ?? [])));
  });
  sides.forEach((s, i) => {
    people[i]?.forEach((count, g) => {
      if (!forceHidden[g] && s.members[g] !== null && count < k) hidden[g] = true;
    });
  });
  const atoms = sides.map((s, i) => new AtomIndex(s, people[i] ?? [], hidden, k));

  for (;;) {
    const violation = smallestViolation(atoms);
    if (violation === null) break;
    const { side, atom } = violation;
    const sizes = side.groupPeople;
    const bySize = (a: number, b: number) => (sizes[a] ?? 0) - (sizes[b] ?? 0) || (contributions[a] ?? 0) - (contributions[b] ?? 0) || a - b;
    const merging = side.mergingGroups(atom);
    // Hiding one group of the atom always changes its signature, so even without a merge the
    // loop moves on (it ends at the latest when the atom is in no published group).
    const next = (merging.length > 0 ? merging : signatureOf(atom)).sort(bySize)[0];
    if (next === undefined) throw new Error("suppression invariant broken: an atom with no published group");
    hidden[next] = true;
    for (const s of atoms) s.hide(next);
  }
  return hidden;
}

function numberSide(groups: readonly FamilyGroup[], side: Side, personOf: (side: Side, memberId: string) => string): NumberedFamilySide {
  const contributionIndex = new Map<string, number>();
  const personIndex = new Map<string, number>();
  const personOfContribution: number[] = [];
  const members = groups.map((group) => {
    const ids = group.members[side];
    if (ids === undefined) return null;
    return [...ids].map((id) => {
      let index = contributionIndex.get(id);
      if (index === undefined) {
        const person = personOf(side, id);
        let p = personIndex.get(person);
        if (p === undefined) {
          p = personIndex.size;
          personIndex.set(person, p);
        }
        index = personOfContribution.push(p) - 1;
        contributionIndex.set(id, index);
      }
      return index;
    });
  });
  return { members, personOf: personOfContribution };
}

/** Distinct people among lists of contributions, with one scratch array for every count. */
class DistinctCounter {
  private readonly seen: Int32Array;
  private round = 0;

  constructor(private readonly personOf: ArrayLike<number>) {
    let people = 0;
    for (let c = 0; c < personOf.length; c++) people = Math.max(people, (personOf[c] ?? 0) + 1);
    this.seen = new Int32Array(people);
  }

  count(contributions: ArrayLike<number>): number {
    this.round++;
    let distinct = 0;
    for (let i = 0; i < contributions.length; i++) {
      const person = this.personOf[contributions[i] ?? 0] ?? 0;
      if (this.seen[person] !== this.round) {
        this.seen[person] = this.round;
        distinct++;
      }
    }
    return distinct;
  }
}

/**
 * Contributions held by exactly the same published groups. Atoms are the nodes of a trie over
 * signatures, each listing its groups largest first (most contributions, then by number: the
 * side's "trie order"), so finding the atom of a signature walks it instead of building a key,
 * and every signature in use has one node. Largest first puts a group before the groups nested
 * in it, so nested teams share their path: a reporting line is one branch. In number order
 * (ids are random), a 1,000-level line made a branch per pair, and every group hidden copied
 * half of each of them. A node keeps its parent and its last
 * group, not its whole signature: in a deep reporting line a signature is as long as the line,
 * and copying it into every node made memory grow with the cube of the depth (a 1,000-level
 * chain ran out of memory). Nodes left empty and childless are taken out of the trie.
 */
interface Atom {
  /** The node of the signature without its last group; undefined for the root. */
  parent: Atom | undefined;
  /** The signature's last group in trie order; −1 for the root. */
  group: number;
  /** The signature's length. */
  depth: number;
  /**
   * The children: `kid` while there is one, `kids` (by group) from the second on. Most nodes of a
   * deep reporting line have one child and one person, and hiding a group makes a new node for
   * every contribution below it: a map for each made it spend its time allocating.
   */
  kid: Atom | undefined;
  kids: Map<number, Atom> | undefined;
  /** How many contributions it holds now. */
  size: number;
  /** While `people` is unmade: the person of all its contributions (it holds one person's, or none). */
  solo: number;
  /** Person → how many of the atom's contributions are theirs; made when a second person enters. */
  people: Map<number, number> | undefined;
  /** Scratch for a pass over contributions: the pass that last saw the atom, and its result. */
  seenIn: number;
  movesTo: Atom | undefined;
  /** The `hide` pass that last listed the atom as left or entered. */
  touchedIn: number;
}

function newAtom(parent: Atom | undefined, group: number): Atom {
  return {
    parent,
    group,
    depth: parent ? parent.depth + 1 : 0,
    kid: undefined,
    kids: undefined,
    size: 0,
    solo: -1,
    people: undefined,
    seenIn: 0,
    movesTo: undefined,
    touchedIn: 0,
  };
}

function childOf(atom: Atom, g: number): Atom | undefined {
  if (atom.kids !== undefined) return atom.kids.get(g);
  return atom.kid?.group === g ? atom.kid : undefined;
}

function hasChildren(atom: Atom): boolean {
  return atom.kids !== undefined ? atom.kids.size > 0 : atom.kid !== undefined;
}

/** Distinct people among the atom's contributions. */
function peopleIn(atom: Atom): number {
  return atom.people !== undefined ? atom.people.size : atom.size > 0 ? 1 : 0;
}

/**
 * An order of signatures, for breaking ties between atoms: shorter first, then by the last
 * group, then the one before, and so on; it depends on the signatures alone, so on neither the
 * order of the input nor the order atoms were made in. Comparing their keys (`join(",")`)
 * instead built a string as long as the reporting line for every atom of a deep one, and a
 * fully answered 1,000-level chain spent most of its time making and collecting them.
 */
function compareSignatures(a: Atom, b: Atom): number {
  for (let x: Atom | undefined = a, y: Atom | undefined = b; x !== y && x !== undefined && y !== undefined; x = x.parent, y = y.parent) {
    const order = x.depth - y.depth || x.group - y.group;
    if (order !== 0) return order;
  }
  return 0;
}

/** Numbers of the published groups holding the atom, in trie order. */
function signatureOf(atom: Atom): number[] {
  const groups: number[] = [];
  for (let a: Atom | undefined = atom; a?.parent !== undefined; a = a.parent) groups.push(a.group);
  return groups.reverse();
}

/**
 * One side's atoms, kept up to date as groups are hidden: hiding a group moves only its own
 * contributions, so a large organization's thousands of teams are settled in one pass over
 * the groups hidden rather than a recount per group.
 */
class AtomIndex {
  /** The empty signature: contributions in no published group, part of no figure. Never an atom. */
  private readonly root = newAtom(undefined, -1);
  /** Per contribution: the atom holding it. */
  private readonly atomOf: Atom[];
  /** Atoms holding 1 to k−1 people. */
  private readonly violating = new Set<Atom>();
  /**
   * The same atoms ordered by people, then signature (`compareSignatures`); an entry is stale
   * once its atom left `violating` or its people changed (a fresh entry was pushed then).
   * Scanning every violating atom for the smallest each round took a fully answered
   * 1,000-level chain minutes.
   */
  private readonly queue = new MinHeap<{ atom: Atom; people: number }>((a, b) => a.people - b.people || compareSignatures(a.atom, b.atom));
  private pass = 0;
  /** Every contribution in the trie is a different person's (see the constructor). */
  private readonly onePersonEach: boolean;

  constructor(
    private readonly numbered: NumberedFamilySide,
    /** Per group: distinct people on this side (counted for the groups not hidden up front). */
    readonly groupPeople: readonly number[],
    hidden: readonly boolean[],
    private readonly k: number,
  ) {
    this.atomOf = new Array<Atom>(numbered.personOf.length).fill(this.root);
    // Groups in trie order, so each contribution walks down the trie along its signature.
    const size = (g: number) => numbered.members[g]?.length ?? 0;
    const order = numbered.members.flatMap((list, g) => (list === null || hidden[g] ? [] : [g])).sort((a, b) => size(b) - size(a) || a - b);
    for (const g of order) {
      const list = numbered.members[g] ?? [];
      const pass = ++this.pass;
      for (let i = 0; i < list.length; i++) {
        const c = list[i] ?? 0;
        const from = this.atomOf[c] ?? this.root;
        if (from.seenIn !== pass) {
          from.seenIn = pass;
          from.movesTo = this.child(from, g);
        }
        this.atomOf[c] = from.movesTo ?? this.root;
      }
    }
    // Whether every contribution in a published group is a different person's: then an atom
    // holds as many people as contributions, and no atom keeps a count per person. Contributions
    // only ever leave the published groups or move between atoms, so it stays true.
    const seen = new Set<number>();
    this.onePersonEach = this.atomOf.every((atom, c) => {
      if (atom === this.root) return true;
      const person = numbered.personOf[c] ?? -1;
      if (seen.has(person)) return false;
      seen.add(person);
      return true;
    });
    const entered = new Set<Atom>();
    this.atomOf.forEach((atom, c) => {
      if (atom === this.root) return;
      this.enter(atom, c);
      entered.add(atom);
    });
    for (const atom of entered) this.check(atom);
  }

  /**
   * The published groups whose hiding would merge this atom into another atom, or take it out
   * of every published group. Hiding a group that holds the atom merges it with the atom held
   * by the others alone; hiding one that doesn't merges it with the atom held by the same groups
   * and that one. Those atoms lie inside every group of the signature, so the smallest of them
   * is the only place to look.
   */
  mergingGroups(atom: Atom): number[] {
    const signature = signatureOf(atom);
    const found = new Set<number>();
    // The node of the signature without its j-th group: from the node of the first j groups,
    // down along the rest. The walk stops at the first missing node, which in nested groups
    // (a reporting line) is the first step, so this stays linear in the signature's length.
    let prefix = this.root;
    for (let j = 0; j < signature.length; j++) {
      const g = signature[j]!;
      if (signature.length === 1) found.add(g);
      else {
        let node: Atom | undefined = prefix;
        for (let i = j + 1; i < signature.length && node !== undefined; i++) node = childOf(node, signature[i]!);
        if (this.holdsAny(node)) found.add(g);
      }
      prefix = childOf(prefix, g) ?? this.root;
    }
    const size = (g: number) => this.numbered.members[g]?.length ?? 0;
    const narrowest = signature.reduce((a, b) => (size(b) < size(a) ? b : a));
    const pass = ++this.pass;
    const list = this.numbered.members[narrowest] ?? [];
    for (let i = 0; i < list.length; i++) {
      const other = this.atomOf[list[i] ?? 0];
      if (other === undefined || other.seenIn === pass) continue;
      other.seenIn = pass;
      const extra = oneMoreAtom(atom, other);
      if (extra !== null) found.add(extra);
    }
    return [...found];
  }

  hide(g: number): void {
    const list = this.numbered.members[g];
    if (list === null || list === undefined) return;
    const pass = ++this.pass;
    // Every atom a contribution leaves or enters (an atom can be worked out on another's way up
    // before its own contributions come, so "seen in this pass" does not mean "touched").
    // In the order first touched (a list with a mark on each atom, not a set: hiding a group
    // of a deep reporting line touches every atom below it).
    const touched: Atom[] = [];
    for (let i = 0; i < list.length; i++) {
      const c = list[i] ?? 0;
      const from = this.atomOf[c] ?? this.root;
      const to = from.seenIn === pass ? (from.movesTo ?? this.root) : this.movedBy(from, g, pass);
      if (from.touchedIn !== pass) {
        from.touchedIn = pass;
        touched.push(from);
      }
      if (to.touchedIn !== pass) {
        to.touchedIn = pass;
        touched.push(to);
      }
      this.leave(from, c);
      if (to !== this.root) this.enter(to, c);
      this.atomOf[c] = to;
    }
    for (const atom of touched) this.check(atom);
    for (const atom of touched) this.prune(atom);
  }

  /**
   * Sets `atom.movesTo` to the node of its signature without `g` (made if missing), for this
   * pass: the parent's node without `g`, plus the atom's own last group; or, when that group
   * is `g`, the parent itself. Each node is worked out once per pass, so hiding a group costs
   * its contributions plus the nodes above them, not their depth each.
   */
  private movedBy(atom: Atom, g: number, pass: number): Atom {
    const chain: Atom[] = [];
    let a: Atom = atom;
    while (a.seenIn !== pass && a.parent !== undefined && a.group !== g) {
      chain.push(a);
      a = a.parent;
    }
    let target: Atom;
    if (a.seenIn === pass) target = a.movesTo ?? this.root;
    else if (a.parent === undefined)
      target = a; // the root: `g` was not in the signature
    else target = a.parent; // `a.group === g`
    if (a.seenIn !== pass) {
      a.seenIn = pass;
      a.movesTo = target;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const node = chain[i]!;
      target = this.child(target, node.group);
      node.seenIn = pass;
      node.movesTo = target;
    }
    return atom.movesTo ?? this.root;
  }

  private child(atom: Atom, g: number): Atom {
    let next = childOf(atom, g);
    if (next === undefined) {
      next = newAtom(atom, g);
      if (atom.kids !== undefined) atom.kids.set(g, next);
      else if (atom.kid === undefined) atom.kid = next;
      else {
        atom.kids = new Map([
          [atom.kid.group, atom.kid],
          [g, next],
        ]);
        atom.kid = undefined;
      }
    }
    return next;
  }

  /** Takes an empty, childless node out of the trie, and so its parents that are left so. */
  private prune(atom: Atom): void {
    for (let a: Atom = atom; a.parent !== undefined && a.size === 0 && !hasChildren(a); a = a.parent) {
      const parent = a.parent;
      if (parent.kids !== undefined) parent.kids.delete(a.group);
      else if (parent.kid === a) parent.kid = undefined;
      a.people = undefined;
      a.solo = -1;
    }
  }

  private holdsAny(atom: Atom | undefined): boolean {
    return atom !== undefined && atom !== this.root && atom.size > 0;
  }

  /** Distinct people among the atom's contributions. */
  private peopleIn(atom: Atom): number {
    return this.onePersonEach ? atom.size : peopleIn(atom);
  }

  private enter(atom: Atom, c: number): void {
    if (this.onePersonEach) {
      atom.size++;
      return;
    }
    const person = this.numbered.personOf[c] ?? -1;
    if (atom.people !== undefined) atom.people.set(person, (atom.people.get(person) ?? 0) + 1);
    else if (atom.size === 0) atom.solo = person;
    else if (atom.solo !== person) {
      atom.people = new Map([
        [atom.solo, atom.size],
        [person, 1],
      ]);
    }
    atom.size++;
  }

  private leave(atom: Atom, c: number): void {
    atom.size--;
    if (this.onePersonEach) return;
    const person = this.numbered.personOf[c] ?? -1;
    if (atom.people === undefined) return;
    const count = (atom.people.get(person) ?? 0) - 1;
    if (count > 0) atom.people.set(person, count);
    else atom.people.delete(person);
  }

  private check(atom: Atom): void {
    const people = this.peopleIn(atom);
    if (atom !== this.root && people > 0 && people < this.k) {
      this.violating.add(atom);
      this.queue.push({ atom, people });
      // Stale entries pile up where atoms are made and emptied by the thousand (a deep reporting
      // line makes a new atom for every contribution below each group hidden): start afresh
      // from the violating atoms once they are outnumbered, so the heap stays their size.
      if (this.queue.size > 2 * this.violating.size + 1024) {
        this.queue.replaceAll([...this.violating].map((a) => ({ atom: a, people: this.peopleIn(a) })));
      }
    } else this.violating.delete(atom);
  }

  /** The violating atom with the fewest people, ties by signature; null when none. */
  smallest(): { atom: Atom; people: number } | null {
    for (let top = this.queue.peek(); top !== undefined; top = this.queue.peek()) {
      if (this.violating.has(top.atom) && this.peopleIn(top.atom) === top.people) return top;
      this.queue.pop();
    }
    return null;
  }
}

/** If `wider`'s signature is `atom`'s plus one group, that group; otherwise null. */
function oneMoreAtom(atom: Atom, wider: Atom): number | null {
  if (wider.depth !== atom.depth + 1) return null;
  // Cheap first: the same parent (the extra group is the last), or the wider one's parent is
  // this atom itself.
  if (wider.parent === atom) return wider.group;
  return oneMore(signatureOf(atom), signatureOf(wider));
}

/** If `wider` is `signature` plus one group (both in trie order), that group; otherwise null. */
function oneMore(signature: readonly number[], wider: readonly number[]): number | null {
  if (wider.length !== signature.length + 1) return null;
  let extra: number | null = null;
  for (let i = 0, j = 0; j < wider.length; j++) {
    if (i < signature.length && wider[j] === signature[i]) i++;
    else if (extra === null) extra = wider[j] ?? null;
    else return null;
  }
  return extra;
}

/** The atom to fix first: fewest people, then the employee side, then by the groups holding it. */
function smallestViolation(sides: readonly AtomIndex[]): { side: AtomIndex; atom: Atom } | null {
  let found: { side: AtomIndex; atom: Atom; people: number } | null = null;
  for (const side of sides) {
    const top = side.smallest();
    if (top !== null && (found === null || top.people < found.people)) found = { side, ...top };
  }
  return found;
}

/** A binary min-heap. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    let i = items.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.less(items[i]!, items[parent]!) >= 0) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  get size(): number {
    return this.items.length;
  }

  /** Makes the heap hold exactly these items. */
  replaceAll(items: T[]): void {
    this.items.length = 0;
    for (const item of items) this.items.push(item);
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(from: number): void {
    const items = this.items;
    for (let i = from; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && this.less(items[l]!, items[m]!) < 0) m = l;
      if (r < items.length && this.less(items[r]!, items[m]!) < 0) m = r;
      if (m === i) break;
      [items[i], items[m]] = [items[m]!, items[i]!];
      i = m;
    }
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

/**
 * What a person reads for a hidden cell: the organization's actual minimum, never the letter k
 * ("fewer than 5 people"). As HIDDEN_REASON, the same whatever hid the cell.
 */
export function hiddenText(k: number): string {
  return `fewer than ${k} people`;
}

export interface VisibleCell<T> {
  hidden: false;
  value: T;
}

export interface HiddenCell {
  hidden: true;
  reason: typeof HIDDEN_REASON;
}

export type Cell<T> = VisibleCell<T> | HiddenCell;

/**
 * Builds a cell, the only shape in which a figure leaves the analysis. Hidden when a reported
 * side has fewer than k contributors or when suppression hid the group; a hidden cell carries
 * no value and no count. A visible cell carries its value alone: how many people a figure is
 * computed from can be fewer than the group's participation (those who answered "can't say"
 * are left out), and that difference would say how many did, in a group of any size. The
 * counts HR reads are the participation cells, each a figure of its own.
 */
export function cell<T>(value: T, counts: SideCounts, k: number, sides: readonly Side[], suppressed = false): Cell<T> {
  if (suppressed || !figureVisible(counts, k, sides)) return hiddenCell();
  return { hidden: false, value };
}

export function hiddenCell(): HiddenCell {
  return { hidden: true, reason: HIDDEN_REASON };
}

// ---------------------------------------------------------------------------------------------

function assertUniqueIds(ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new RangeError(`group ${id} appears twice`);
    seen.add(id);
  }
}

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
