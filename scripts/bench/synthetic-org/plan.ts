import { DateTime } from "luxon";
import type { SyntheticShape } from "./options";
import { addDays, between, DAY, maxDate, type Rng } from "./random";
import { buildTree, titleOf, type Department, type Pair, type Person } from "./tree";
import { TEAMS } from "./vocabulary";

// The organization in memory, step by step, before anything is written. Each step draws from
// the one generator in a fixed order: the same seed gives the same organization.

export interface Cycle {
  id: string;
  index: number;
  name: string;
  opensOn: Date;
  closesOn: Date;
  openedAt: Date;
  closedAt: Date | null;
  open: boolean;
  allDepartments: boolean;
  departments: string[];
}

/** Quarterly cycles; the last opened ten days ago and is still open. */
export function planCycles(rng: Rng, cycleCount: number, today: Date): Cycle[] {
  return Array.from({ length: cycleCount }, (_, i) => {
    const opensOn = addDays(today, -10 - (cycleCount - 1 - i) * 91);
    const closesOn = addDays(opensOn, 24);
    const open = i === cycleCount - 1;
    const q = DateTime.fromJSDate(opensOn, { zone: "utc" });
    return {
      id: rng.uuid(),
      index: i,
      name: `Q${q.quarter} ${q.year} relationship check`,
      opensOn,
      closesOn,
      openedAt: new Date(opensOn.getTime() + 8 * 3600_000),
      closedAt: open ? null : new Date(closesOn.getTime() + 17 * 3600_000),
      open,
      // The first cycle was a pilot in some departments only.
      allDepartments: !(i === 0 && cycleCount > 2),
      departments: [] as string[],
    };
  });
}

/** People and the tree, with titles and start dates. */
export function planPeople(rng: Rng, input: { people: number; shape: SyntheticShape; founded: Date; firstOpen: Date; today: Date; everyoneAnswers: boolean }): Person[] {
  const { founded, firstOpen, today } = input;
  const people = buildTree(rng, input.people, input.shape);
  for (const p of people) {
    p.title = titleOf(p);
    // Most people were there before the first cycle; the rest joined since (the org grows).
    p.startDate = p.depth <= 1 ? between(rng, founded, addDays(founded, 400)) : input.everyoneAnswers || rng.chance(0.74) ? between(rng, founded, firstOpen) : between(rng, firstOpen, addDays(today, -7));
  }
  return people;
}

/**
 * Departments: every subtree at the level two or three below the CEO (whichever gives about 90
 * people per department), so departments range from a handful of people (below the anonymity
 * threshold) to several hundred; heads sit in their function's first one. Also picks the
 * department a reorganization hit two cycles ago.
 */
export function assignDepartments(rng: Rng, people: Person[]): { departments: Department[]; reorgDepartment: number } {
  const departments: Department[] = [{ id: rng.uuid(), name: "Executive Office", effect: 0 }];
  const deptNames = new Set<string>(["executive office"]);
  const newDepartment = (fn: string): number => {
    let name = `${fn}: ${rng.pick(TEAMS)}`;
    for (let k = 2; deptNames.has(name.toLowerCase()); k++) name = `${fn}: ${rng.pick(TEAMS)} ${k}`;
    deptNames.add(name.toLowerCase());
    departments.push({ id: rng.uuid(), name, effect: rng.normal(0.25) });
    return departments.length - 1;
  };
  // The level whose subtrees are closest to ~90 people each (two levels down in a small org,
  // three in a large one). People above it sit in the department of their first team.
  const perDepth = new Map<number, number>();
  for (const p of people) perDepth.set(p.depth, (perDepth.get(p.depth) ?? 0) + 1);
  const target = people.length / 90;
  let departmentDepth = 2;
  for (const [depth, count] of perDepth) if (depth >= 2 && depth <= 4 && Math.abs(count - target) < Math.abs((perDepth.get(departmentDepth) ?? 0) - target)) departmentDepth = depth;
  people[0]!.department = 0;
  for (const p of people) {
    if (p.depth === departmentDepth) p.department = newDepartment(p.fn);
    else if (p.depth > departmentDepth) p.department = people[p.parent!]!.department;
  }
  // Children come after their parent in `people`: backwards, every child is done first.
  for (let i = people.length - 1; i > 0; i--) {
    const p = people[i]!;
    if (p.depth < departmentDepth) p.department = p.children.map((c) => people[c]!.department).find((d) => d !== null) ?? 0;
  }
  // A few people have no department in the HR system.
  for (const p of people) if (p.depth > 2 && rng.chance(0.005)) p.department = null;
  // A reorganization hit one department two cycles ago.
  const reorgDepartment = 1 + Math.floor(rng.next() * (departments.length - 1));
  return { departments, reorgDepartment };
}

/** Leavers: individual contributors who left (only in the realistic tree); their pair ended then. */
export function chooseLeavers(rng: Rng, people: Person[], shape: SyntheticShape, today: Date): void {
  for (const p of people) if (shape === "tree" && p.depth > 2 && p.children.length === 0 && rng.chance(0.02)) p.deactivatedAt = between(rng, addDays(p.startDate, 60), addDays(today, -3));
  for (const p of people) if (p.deactivatedAt && p.deactivatedAt <= p.startDate) p.deactivatedAt = null;
}

/** Pairs: the current one per person, and an earlier one for people who changed manager. */
export function planPairs(rng: Rng, people: Person[], shape: SyntheticShape, today: Date): { pairs: Pair[]; managers: number[] } {
  const managers = people.filter((p) => p.children.length > 0).map((p) => p.index);
  const pairs: Pair[] = [];
  const rhythmOf = (): Pair["rhythm"] => rng.weighted<Pair["rhythm"]>([["0", 0.05], ["1", 0.15], ["2", 0.4], ["3-4", 0.3], ["5+", 0.1]]);
  const newPair = (managerIdx: number, reportIdx: number, startedAt: Date, endedAt: Date | null): Pair => ({
    id: rng.uuid(),
    managerIdx,
    reportIdx,
    startedAt,
    endedAt,
    base: rng.normal(0.45),
    disconnected: rng.chance(0.08),
    rhythm: rhythmOf(),
    drift: 0,
  });
  for (const p of people) {
    if (p.parent === null) continue;
    const manager = people[p.parent]!;
    let start = maxDate(p.startDate, manager.startDate);
    const tenure = (p.deactivatedAt ?? today).getTime() - start.getTime();
    if (shape === "tree" && tenure > 200 * DAY && rng.chance(0.07)) {
      const changedAt = between(rng, addDays(start, 90), addDays(p.deactivatedAt ?? today, -20));
      let previous = rng.pick(managers);
      if (previous === p.index || previous === manager.index) previous = manager.parent ?? people[0]!.index;
      const previousStart = maxDate(p.startDate, people[previous]!.startDate);
      if (previous !== p.index && previous !== manager.index && previousStart < changedAt) {
        pairs.push(newPair(previous, p.index, previousStart, changedAt));
        start = changedAt;
      }
    }
    // Someone who left before this manager arrived did not leave from this pair: keep them.
    if (p.deactivatedAt && p.deactivatedAt <= start) p.deactivatedAt = null;
    pairs.push(newPair(manager.index, p.index, start, p.deactivatedAt));
  }
  return { pairs, managers };
}

/** The planned organization the writing steps put in the database. */
export interface World {
  rng: Rng;
  orgId: string;
  now: Date;
  today: Date;
  /** When the organization was founded: six years before the first cycle. */
  founded: Date;
  firstOpen: Date;
  shape: SyntheticShape;
  everyoneAnswers: boolean;
  cycles: Cycle[];
  people: Person[];
  departments: Department[];
  reorgDepartment: number;
  pairs: Pair[];
  managers: number[];
}
