import { BENCH_EMAIL_DOMAIN, type SyntheticShape } from "./options";
import type { Rng } from "./random";
import { FIRST, FUNCTIONS, LAST } from "./vocabulary";

// The reporting tree: one CEO, a head per function, then a management tree grown by expanding
// a random manager of the frontier at a time, so span (1–25) and depth (4–10) vary between
// branches as in a real company, plus a few managers with WIDE_SPAN reports (the home page of
// a manager with 50 reports, issue 21); or the exact chain and flat shapes.

/** Reports of each of the tree's few wide managers: 50 open pairs after the odd leaver. */
const WIDE_SPAN = 52;

export interface Person {
  id: string;
  index: number;
  parent: number | null;
  depth: number;
  fn: string;
  department: number | null;
  children: number[];
  name: string;
  email: string;
  title: string;
  startDate: Date;
  deactivatedAt: Date | null;
  managerEffect: number;
}

export interface Pair {
  id: string;
  managerIdx: number;
  reportIdx: number;
  startedAt: Date;
  endedAt: Date | null;
  base: number;
  disconnected: boolean;
  /** Meetings per month the two would report, from their series (or lack of one). */
  rhythm: "0" | "1" | "2" | "3-4" | "5+";
  drift: number;
}

export interface Department {
  id: string;
  name: string;
  effect: number;
}

export function buildTree(rng: Rng, n: number, shape: SyntheticShape) {
  const people: Person[] = [];
  const add = (parent: number | null, fn: string): Person => {
    const index = people.length;
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]+/g, "");
    const p: Person = {
      id: rng.uuid(),
      index,
      parent,
      depth: parent === null ? 0 : people[parent]!.depth + 1,
      fn,
      department: null,
      children: [],
      name: `${first} ${last}`,
      email: `${local}.${index}@${BENCH_EMAIL_DOMAIN}`,
      title: "",
      startDate: new Date(0),
      deactivatedAt: null,
      managerEffect: rng.normal(0.3),
    };
    people.push(p);
    if (parent !== null) people[parent]!.children.push(index);
    return p;
  };

  const ceo = add(null, "Executive");
  if (shape === "chain") {
    for (let i = 1; i < n; i++) add(i - 1, "Engineering");
    return people;
  }
  if (shape === "flat") {
    for (let i = 1; i < n; i++) add(ceo.index, "Engineering");
    return people;
  }
  const heads = FUNCTIONS.slice(0, Math.max(2, Math.min(FUNCTIONS.length, Math.floor(n / 40)))).map(([fn]) => add(ceo.index, fn));
  // Span of a head grows with the function's weight, so Engineering ends up the largest.
  const weight = new Map(FUNCTIONS);
  const frontier: number[] = [];
  for (const h of heads) frontier.push(h.index);
  // The first few managers expanded below the directors get WIDE_SPAN reports: 4 in a
  // 20,000-person organization, one in a small one.
  let wideLeft = Math.max(1, Math.min(4, Math.floor(n / 5000)));
  const spanFor = (p: Person): number => {
    if (p.depth === 1) return Math.max(2, Math.round((weight.get(p.fn) ?? 1) * (0.6 + rng.next() * 0.5)));
    if (p.depth >= 9) return 0;
    if (p.depth === 2) return rng.int(3, 9);
    if (p.depth === 3 && wideLeft > 0 && n >= 10 * WIDE_SPAN) {
      wideLeft -= 1;
      return WIDE_SPAN;
    }
    // Below: a third are individual contributors; managers mostly 3–8 reports, a few 12–25.
    if (frontier.length > 20 && rng.chance(0.33)) return 0;
    return rng.weighted([
      [rng.int(1, 2), 0.12],
      [rng.int(3, 8), 0.7],
      [rng.int(9, 12), 0.12],
      [rng.int(13, 25), 0.06],
    ]);
  };
  while (people.length < n && frontier.length > 0) {
    // A random member of the frontier, not the oldest: branches grow to different depths.
    const at = Math.floor(rng.next() * frontier.length);
    const p = people[frontier[at]!]!;
    frontier[at] = frontier.at(-1)!;
    frontier.pop();
    let span = spanFor(p);
    if (span === 0 && frontier.length === 0) span = 3;
    for (let i = 0; i < span && people.length < n; i++) frontier.push(add(p.index, p.fn).index);
  }
  return people;
}

export function titleOf(p: Person): string {
  if (p.depth === 0) return "Chief Executive Officer";
  if (p.depth === 1) return `VP of ${p.fn}`;
  if (p.children.length > 0) return p.depth === 2 ? `Director, ${p.fn}` : `${p.fn} Manager`;
  return `${p.fn} Specialist`;
}
