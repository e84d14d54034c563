import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  HIDDEN_REASON,
  MIN_GROUP_SIZE_DEFAULT,
  assertValidK,
  cell,
  enforce,
  enforceEachSide,
  familyOrder,
  familyProblems,
  figureVisible,
  hiddenCell,
  safeToPublish,
  suppressFamily,
  suppressGroups,
  suppressNumberedFamily,
  suppressTree,
  type FamilyGroup,
  type GroupNode,
  type PublishedFigure,
  type SideCounts,
  type SidedFigure,
} from "@/server/analysis/anonymity";
import type { Side } from "@/server/assessment/item-bank";

// PRODUCT.md §5 rules 1–3. Counts are distinct people per side. Where only one side matters the
// examples report the employee side alone and give both sides the same count.

const BOTH: Side[] = ["employee", "manager"];
const EMPLOYEE: Side[] = ["employee"];
const MANAGER: Side[] = ["manager"];
const k = MIN_GROUP_SIZE_DEFAULT;

function people(employee: number, manager = employee): SideCounts {
  return { employee, manager };
}

function group(id: string, employee: number, manager = employee, children?: GroupNode[]): GroupNode {
  return { id, counts: people(employee, manager), ...(children ? { children } : {}) };
}

function sorted(ids: Iterable<string>): string[] {
  return [...ids].sort();
}

describe("k", () => {
  it("defaults to 5 and accepts whole numbers from 3 to 10", () => {
    expect(MIN_GROUP_SIZE_DEFAULT).toBe(5);
    for (const valid of [3, 4, 5, 6, 7, 8, 9, 10]) expect(() => assertValidK(valid)).not.toThrow();
  });

  it.each([2, 11, 0, -5, 5.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses k = %s", (invalid) => {
    expect(() => assertValidK(invalid)).toThrow(RangeError);
    expect(() => figureVisible(people(20), invalid, EMPLOYEE)).toThrow(RangeError);
  });
});

describe("figureVisible (rule 1: at least k people on each side it reports)", () => {
  it.each([
    [k - 1, false],
    [k, true],
    [k + 1, true],
  ])("%s contributors → visible: %s", (count, visible) => {
    expect(figureVisible(people(count), k, EMPLOYEE)).toBe(visible);
    expect(figureVisible(people(count), k, BOTH)).toBe(visible);
  });

  it("checks each reported side, and only those", () => {
    const counts = people(12, 2);
    expect(figureVisible(counts, k, BOTH)).toBe(false);
    expect(figureVisible(counts, k, MANAGER)).toBe(false);
    // An employee-side mean holds no manager answer, so few managers do not hide it.
    expect(figureVisible(counts, k, EMPLOYEE)).toBe(true);
  });

  it("follows k at both ends of its range", () => {
    expect(figureVisible(people(3), 3, EMPLOYEE)).toBe(true);
    expect(figureVisible(people(2), 3, EMPLOYEE)).toBe(false);
    expect(figureVisible(people(10), 10, EMPLOYEE)).toBe(true);
    expect(figureVisible(people(9), 10, EMPLOYEE)).toBe(false);
  });

  it("refuses a figure reporting no side, and impossible counts", () => {
    expect(() => figureVisible(people(10), k, [])).toThrow(RangeError);
    expect(() => figureVisible(people(-1), k, EMPLOYEE)).toThrow(RangeError);
    expect(() => figureVisible(people(2.5), k, EMPLOYEE)).toThrow(RangeError);
  });
});

describe("suppressGroups (rules 1–2 for one parent and its children)", () => {
  const parentOf = (employee: number, manager = employee) => ({ id: "org", counts: people(employee, manager) });

  it("threshold: hides a child at k−1, shows children at k and k+1", () => {
    // 25 people of the org are in no department, so the hidden department can't be singled out:
    // org minus the visible departments is 4 + 25 people.
    const children = [group("a", k - 1), group("b", k), group("c", k + 1)];
    expect(sorted(suppressGroups(parentOf(40), children, k, EMPLOYEE))).toEqual(["a"]);
  });

  it("a department of k−1 inside an org of k+2: hidden, and not recoverable from the rest", () => {
    // Org 7 = A 4 + B 3. A is under k. B is under k too, so both are hidden; the org figure (7
    // people) stays visible, and org minus the visible departments is all 7: nobody isolated.
    const hidden = suppressGroups(parentOf(k + 2), [group("A", k - 1), group("B", 3)], k, EMPLOYEE);
    expect(sorted(hidden)).toEqual(["A", "B"]);
    expect(figureVisible(people(k + 2), k, EMPLOYEE)).toBe(true);

    // If the other 3 people belong to no department, A is the only department and is hidden;
    // the org figure covers A's 4 and those 3 together, which is again 7 ≥ k.
    expect(sorted(suppressGroups(parentOf(k + 2), [group("A", k - 1)], k, EMPLOYEE))).toEqual(["A"]);
  });

  it("complement: a department of k+1 inside an org of k+2 is hidden (org minus it is 1 person)", () => {
    expect(sorted(suppressGroups(parentOf(k + 2), [group("A", k + 1), group("B", 1)], k, EMPLOYEE))).toEqual(["A", "B"]);
    // Same when the one other person belongs to no department.
    expect(sorted(suppressGroups(parentOf(k + 2), [group("A", k + 1)], k, EMPLOYEE))).toEqual(["A"]);
  });

  it("complement: a remainder of exactly k keeps the child visible", () => {
    expect(sorted(suppressGroups(parentOf(2 * k), [group("A", k), group("B", k)], k, EMPLOYEE))).toEqual([]);
  });

  it("complement: a child that is the whole parent stays visible (the remainder is nobody)", () => {
    expect(sorted(suppressGroups(parentOf(12), [group("A", 12)], k, EMPLOYEE))).toEqual([]);
  });

  it("secondary: hides the next-smallest sibling, ties broken by id, not by input order", () => {
    // a (3) is under k; org minus the visible ones would show a. b and c tie at 6: b goes.
    const children = [group("d", 25), group("c", 6), group("a", 3), group("b", 6)];
    expect(sorted(suppressGroups(parentOf(40), children, k, EMPLOYEE))).toEqual(["a", "b"]);
    expect(sorted(suppressGroups(parentOf(40), [...children].reverse(), k, EMPLOYEE))).toEqual(["a", "b"]);
  });

  it("secondary: keeps hiding until the hidden siblings together reach k", () => {
    // a 1 + b 2 = 3 < k: one more, the smallest visible (c, 5), makes 8.
    const children = [group("a", 1), group("b", 2), group("c", 5), group("d", 7)];
    expect(sorted(suppressGroups(parentOf(15), children, k, EMPLOYEE))).toEqual(["a", "b", "c"]);
  });

  it("secondary: never exactly one hidden child under a visible parent", () => {
    // Org 20 = A 10 + B 10; if A must be hidden (here: forced, as a filter conflict would), org
    // minus B would compute it, so B goes too.
    const tree = group("org", 20, 20, [group("A", 10), group("B", 10)]);
    expect(sorted(suppressTree(tree, k, EMPLOYEE, new Set(["A"])))).toEqual(["A", "B"]);
  });

  it("secondary: people in no child count with the hidden ones, as they are never shown alone", () => {
    // a (3) hidden; org minus b is a's 3 plus 12 people in no department: 15, a can't be singled
    // out, so b stays.
    expect(sorted(suppressGroups(parentOf(25), [group("a", 3), group("b", 10)], k, EMPLOYEE))).toEqual(["a"]);
    // But 2 people in no department and no hidden child: org minus both departments shows those 2.
    expect(sorted(suppressGroups(parentOf(12), [group("a", 5), group("b", 5)], k, EMPLOYEE))).toEqual(["a"]);
  });

  it("both sides: each reported side is checked, and the side that falls short picks the next group", () => {
    // a has 7 employees but 3 managers: hidden when the figure reports managers. The manager
    // side is then short (3 < k), so the smallest group by managers goes: c (8), not b (9),
    // although b is the smaller one by employees.
    const children = [group("a", 7, 3), group("b", 5, 9), group("c", 8, 8)];
    expect(sorted(suppressGroups(parentOf(20, 20), children, k, BOTH))).toEqual(["a", "c"]);
    expect(sorted(suppressGroups(parentOf(20, 20), children, k, MANAGER))).toEqual(["a", "c"]);
    expect(sorted(suppressGroups(parentOf(20, 20), children, k, EMPLOYEE))).toEqual([]);
  });

  it("k = 3: small groups show, the rule still covers the rest", () => {
    const children = [group("A", 2), group("B", 3), group("C", 7)];
    expect(sorted(suppressGroups(parentOf(12), children, 3, EMPLOYEE))).toEqual(["A", "B"]);
    expect(sorted(suppressGroups(parentOf(12), [group("A", 3), group("B", 3), group("C", 6)], 3, EMPLOYEE))).toEqual([]);
  });

  it("k = 10: every department under 10 hides, the org of 12 stays", () => {
    const children = [group("A", 2), group("B", 3), group("C", 7)];
    expect(sorted(suppressGroups(parentOf(12), children, 10, EMPLOYEE))).toEqual(["A", "B", "C"]);
    expect(figureVisible(people(12), 10, EMPLOYEE)).toBe(true);
    // With a department of 10 and 2 others, that department is hidden by complement.
    expect(sorted(suppressGroups(parentOf(12), [group("A", 10), group("B", 2)], 10, EMPLOYEE))).toEqual(["A", "B"]);
  });

  it("hides every child of a parent that is itself under k", () => {
    expect(sorted(suppressGroups(parentOf(4), [group("a", 2), group("b", 2)], k, EMPLOYEE))).toEqual(["a", "b"]);
  });
});

describe("suppressTree (every level of a hierarchy)", () => {
  it("org → departments → teams: applies the rules at each level", () => {
    const tree = group("org", 40, 40, [
      group("eng", 22, 22, [group("eng-api", 10), group("eng-web", 9), group("eng-ops", 3)]),
      group("sales", 18, 18, [group("sales-emea", 12), group("sales-us", 6)]),
    ]);
    // eng-ops (3) is under k; eng minus its visible teams would show it, so the smallest other
    // eng team (eng-web, 9) goes too. Sales' teams are both ≥ k and leave no small rest.
    expect(sorted(suppressTree(tree, k, EMPLOYEE))).toEqual(["eng-ops", "eng-web"]);
  });

  it("cascades through levels: a visible grandchild must not rebuild a hidden child", () => {
    // Org 12 = A 10 + B 2, A = A1 5 + A2 5. B is under k. Hiding A is not enough: org − A1 − A2
    // would still be B. So A1 goes too (tie with A2, by id); org − A2 = 7 people.
    const tree = group("org", 12, 12, [group("A", 10, 10, [group("A1", 5), group("A2", 5)]), group("B", 2)]);
    expect(sorted(suppressTree(tree, k, EMPLOYEE))).toEqual(["A", "A1", "B"]);
  });

  it("shows again a group whose hiding protected nobody", () => {
    // Org 14 = B 2 + A 6 + C 6, A = Z1 6. B is under k. A goes first (tie with C, by id), but A
    // is all of Z1, so that adds nobody to the hidden rest; C goes next. A's figure is then Z1's:
    // hiding it protects nothing, so it is shown.
    const tree = group("org", 14, 14, [group("B", 2), group("A", 6, 6, [group("Z1", 6)]), group("C", 6)]);
    expect(sorted(suppressTree(tree, k, EMPLOYEE))).toEqual(["B", "C"]);
  });

  it("manager subtrees: a manager's own answers can't be isolated by subtracting their sub-teams", () => {
    // Team M (M's subtree): 15 employees, 7 managers (M and six below). Sub-teams A and B hold 6
    // employees and 3 managers each; the rest of team M is 3 direct reports and M. With k = 3,
    // team M minus A and B would show M's own manager answers (1 person): one sub-team is hidden
    // (A and B tie; by id A).
    const tree = group("team-M", 15, 7, [group("team-A", 6, 3), group("team-B", 6, 3)]);
    expect(sorted(suppressTree(tree, 3, BOTH))).toEqual(["team-A"]);
    expect(sorted(suppressTree(tree, 3, MANAGER))).toEqual(["team-A"]);
    // The employee side alone has a rest of 3 direct reports: nothing to hide.
    expect(sorted(suppressTree(tree, 3, EMPLOYEE))).toEqual([]);
  });

  it("nested hidden groups: a hidden team can't be computed as org minus its visible sibling team", () => {
    // Org 20 is all department D; D = team H 8 + team T 12. D and H are hidden (forced, as a
    // filter conflict would). Org minus T would compute H, so T goes too. D's figure is then the
    // org's own, which reveals nothing more.
    const tree = group("org", 20, 20, [group("D", 20, 20, [group("H", 8), group("T", 12)])]);
    expect(sorted(suppressTree(tree, k, EMPLOYEE, new Set(["D", "H"])))).toEqual(["D", "H", "T"]);
  });

  it("refuses a hierarchy whose subgroups overlap or repeat", () => {
    expect(() => suppressTree(group("org", 10, 10, [group("A", 6), group("B", 6)]), k, EMPLOYEE)).toThrow(RangeError);
    expect(() => suppressTree(group("org", 10, 10, [group("A", 5), group("A", 5)]), k, EMPLOYEE)).toThrow(RangeError);
  });

  it("is deterministic", () => {
    const tree = group("org", 40, 40, [group("x", 3), group("y", 6), group("z", 6), group("w", 25)]);
    expect(sorted(suppressTree(tree, k, EMPLOYEE))).toEqual(sorted(suppressTree(tree, k, EMPLOYEE)));
    expect(sorted(suppressTree(tree, k, EMPLOYEE))).toEqual(["x", "y"]);
  });
});

describe("safeToPublish and enforce (differencing across filters and overlapping groups)", () => {
  const ids = (prefix: string, from: number, to: number) => new Set(Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`));
  const figure = (groupId: string, memberIds: Set<string>): PublishedFigure => ({ groupId, memberIds });

  it("two filters whose difference isolates one person: flagged, and enforce hides one of them", () => {
    // Engineering has 12 people; "Engineering, without team X" has 11: subtracting one from the
    // other shows the one person in team X.
    const engineering = ids("p", 1, 12);
    const withoutTeamX = ids("p", 1, 11);
    const figures = [figure("engineering", engineering), figure("engineering-without-x", withoutTeamX)];
    expect(safeToPublish(figures, k)).toEqual([{ kind: "isolating-difference", groupIds: ["engineering", "engineering-without-x"] }]);
    const hidden = enforce(figures, k);
    expect(sorted(hidden)).toEqual(["engineering-without-x"]);
    expect(safeToPublish(figures.filter((f) => !hidden.has(f.groupId)), k)).toEqual([]);
  });

  it("overlapping filters: flags a symmetric difference of 1 to k−1, accepts k or more, and equal sets", () => {
    const a = ids("p", 1, 8);
    expect(safeToPublish([figure("a", a), figure("b", ids("p", 3, 10))], k)).toHaveLength(1); // Δ = 4
    expect(safeToPublish([figure("a", a), figure("b", ids("p", 4, 11))], k)).toEqual([]); // Δ = 6
    expect(safeToPublish([figure("a", a), figure("same", new Set(a))], k)).toEqual([]); // Δ = 0
    expect(safeToPublish([figure("a", a), figure("b", ids("q", 1, 5))], k)).toEqual([]); // disjoint
  });

  it("flags a figure under k, without saying how many", () => {
    const problems = safeToPublish([figure("tiny", ids("p", 1, 4))], k);
    expect(problems).toEqual([{ kind: "too-few-people", groupId: "tiny" }]);
    expect(JSON.stringify(problems)).not.toMatch(/\d/);
  });

  it("follows k: at k = 3 a difference of 2 is flagged and 3 is not; at k = 10, 9 is flagged and 10 is not", () => {
    const base = ids("p", 1, 20);
    expect(safeToPublish([figure("all", base), figure("minus-2", ids("p", 1, 18))], 3)).toHaveLength(1);
    expect(safeToPublish([figure("all", base), figure("minus-3", ids("p", 1, 17))], 3)).toEqual([]);
    expect(safeToPublish([figure("all", base), figure("minus-9", ids("p", 1, 11))], 10)).toHaveLength(1);
    expect(safeToPublish([figure("all", base), figure("minus-10", ids("p", 1, 10))], 10)).toEqual([]);
  });

  it("enforce hides smallest first, ties by id, whatever the input order", () => {
    const figures = [
      figure("dept", ids("p", 1, 20)),
      figure("dept-minus-a", ids("p", 2, 20)), // Δ 1 with dept
      figure("dept-minus-b", ids("p", 1, 19)), // Δ 1 with dept
      figure("tiny", ids("p", 1, 3)),
    ];
    const hidden = sorted(enforce(figures, k));
    // tiny is under k. Then dept-minus-a and dept-minus-b (19 each, Δ 2 between them, Δ 1 with
    // dept): dept-minus-a goes first by id; dept-minus-b still differs from dept by 1, so it goes.
    expect(hidden).toEqual(["dept-minus-a", "dept-minus-b", "tiny"]);
    expect(sorted(enforce([...figures].reverse(), k))).toEqual(hidden);
  });

  it("enforceEachSide: a difference of one manager is caught even when employees differ by many", () => {
    // Team M against team M without M's own pairs: 6 employees apart, but 1 manager (M) apart.
    const teamM: SidedFigure = { groupId: "team-M", members: { employee: ids("e", 1, 20), manager: ids("m", 1, 7) } };
    const withoutOwnPairs: SidedFigure = { groupId: "team-M-sub", members: { employee: ids("e", 7, 20), manager: ids("m", 2, 7) } };
    expect(sorted(enforceEachSide([teamM, withoutOwnPairs], k))).toEqual(["team-M-sub"]);
    // Reported on the employee side alone, the two are 6 apart: both may be shown.
    const employeeOnly = [teamM, withoutOwnPairs].map((f) => ({ groupId: f.groupId, members: { employee: f.members.employee } }));
    expect(sorted(enforceEachSide(employeeOnly, k))).toEqual([]);
  });

  it("refuses two figures with one id", () => {
    expect(() => safeToPublish([figure("a", ids("p", 1, 6)), figure("a", ids("p", 1, 7))], k)).toThrow(RangeError);
  });
});

describe("suppressFamily (org, departments and teams published together)", () => {
  /** Person ids p<from>…p<to>. */
  const ids = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
  /** A group reporting the employee side, each person contributing once. */
  const employees = (id: string, ...members: string[][]): FamilyGroup => ({ id, members: { employee: new Set(members.flat()) } });

  it("nested teams that differ by k−1 people: the inner team is hidden, the outer one shown", () => {
    // Team M (M's whole subtree) holds 10 reports; team N, below M, holds 6 of them. Team M minus
    // team N would be 4 people (k − 1).
    const family = [employees("org", ids("p", 1, 20)), employees("team-M", ids("p", 1, 10)), employees("team-N", ids("p", 1, 6)), employees("team-O", ids("p", 11, 20))];
    expect(sorted(suppressFamily(family, k))).toEqual(["team-N"]);
    // One more person in M and the difference is k: nothing to hide.
    const wider = [employees("org", ids("p", 1, 20)), employees("team-M", ids("p", 1, 11)), employees("team-N", ids("p", 1, 6)), employees("team-O", ids("p", 12, 20))];
    expect(sorted(suppressFamily(wider, k))).toEqual([]);
  });

  it("a department and the team of its head: the department minus the team is the head alone", () => {
    // Engineering is its head (d) and the head's team (14 reports, directly or not). Team Sam (5)
    // and team Aisha (6) are inside it, with 3 more people (Sam, Aisha, a staff engineer).
    const sam = ids("s", 1, 5);
    const aisha = ids("a", 1, 6);
    const direct = ["sam", "aisha", "jonas"];
    const family = [
      employees("org", ["d"], direct, sam, aisha, ids("x", 1, 12)),
      employees("dept-eng", ["d"], direct, sam, aisha),
      employees("dept-sales", ids("x", 1, 12)),
      employees("team-daniel", direct, sam, aisha),
      employees("team-sam", sam),
      employees("team-aisha", aisha),
    ];
    // Engineering − team Daniel = d: the smaller of the two (team Daniel) goes. Engineering −
    // team Sam − team Aisha is then d, Sam, Aisha and Jonas (4 < k): the smaller team (Sam) goes.
    expect(sorted(suppressFamily(family, k))).toEqual(["team-daniel", "team-sam"]);
    expect(familyProblems(family, suppressFamily(family, k), k)).toEqual([]);
  });

  it("a team across two departments: the one person of a department outside the team is protected", () => {
    // Team T has 6 reports in D1 and 3 in D2. D1 is those 6 and x; D2 is those 3 and 6 others.
    // D1 − T would be x alone, and T − D1 the 3 of D2.
    const family = [
      employees("org", ids("a", 1, 6), ["x"], ids("b", 1, 3), ids("y", 1, 6)),
      employees("D1", ids("a", 1, 6), ["x"]),
      employees("D2", ids("b", 1, 3), ids("y", 1, 6)),
      employees("T", ids("a", 1, 6), ids("b", 1, 3)),
    ];
    expect(sorted(suppressFamily(family, k))).toEqual(["T"]);
    // Pairwise only, the symmetric difference D1 Δ T is 1 + 3 = 4 here; with 2 more in D2 ∩ T it
    // would be 6 ≥ k and a pairwise check would pass, but D1 − T is still x alone.
    const wider = [
      employees("org", ids("a", 1, 6), ["x"], ids("b", 1, 5), ids("y", 1, 6)),
      employees("D1", ids("a", 1, 6), ["x"]),
      employees("D2", ids("b", 1, 5), ids("y", 1, 6)),
      employees("T", ids("a", 1, 6), ids("b", 1, 5)),
    ];
    expect(safeToPublish(wider.map((g) => ({ groupId: g.id, memberIds: g.members.employee ?? new Set<string>() })), k)).toEqual([]);
    expect(suppressFamily(wider, k).size).toBeGreaterThan(0);
    expect(familyProblems(wider, suppressFamily(wider, k), k)).toEqual([]);
  });

  it("three groups: a department minus two teams inside it is caught, not only pairs", () => {
    // D = T1 (6) + T2 (6) + 2 people in neither. Every pair differs by ≥ k, but D − T1 − T2 is 2.
    const family = [employees("org", ids("p", 1, 14), ids("q", 1, 10)), employees("D", ids("p", 1, 14)), employees("E", ids("q", 1, 10)), employees("T1", ids("p", 1, 6)), employees("T2", ids("p", 7, 12))];
    const hidden = suppressFamily(family, k);
    expect(sorted(hidden)).toEqual(["T1"]);
    expect(familyProblems(family, new Set(), k)).toEqual([{ side: "employee", groupIds: ["D", "org"] }]);
  });

  it("rule 2 among siblings: a hidden department and the next-smallest until the hidden reach k", () => {
    // Same cases as suppressGroups: a (3) is under k, b and c tie at 6 and b goes (by id).
    const family = [employees("org", ids("a", 1, 3), ids("b", 1, 6), ids("c", 1, 6), ids("d", 1, 25)), employees("a", ids("a", 1, 3)), employees("b", ids("b", 1, 6)), employees("c", ids("c", 1, 6)), employees("d", ids("d", 1, 25))];
    expect(sorted(suppressFamily(family, k))).toEqual(["a", "b"]);
    expect(sorted(suppressFamily([...family].reverse(), k))).toEqual(["a", "b"]);
    // a 1 + b 2 = 3 < k: c (5) goes too, making 8.
    const more = [employees("org", ids("a", 1, 1), ids("b", 1, 2), ids("c", 1, 5), ids("d", 1, 7)), employees("a", ids("a", 1, 1)), employees("b", ids("b", 1, 2)), employees("c", ids("c", 1, 5)), employees("d", ids("d", 1, 7))];
    expect(sorted(suppressFamily(more, k))).toEqual(["a", "b", "c"]);
  });

  it("counts people but compares contributions: one manager's answers about a report in another department", () => {
    // Six managers each answered about reports in D1; m1 also about one report in D2. As people,
    // org and D1 hold the same six managers; as answers, org − D1 is m1's answer about D2.
    const d1 = ids("m", 1, 6).map((m) => `${m}:D1`);
    const family: FamilyGroup[] = [
      { id: "org", members: { manager: new Set([...d1, "m1:D2"]) } },
      { id: "D1", members: { manager: new Set(d1) } },
      { id: "D2", members: { manager: new Set(["m1:D2"]) } },
    ];
    const personOf = (_side: Side, answer: string) => answer.split(":")[0] ?? answer;
    // D2 is one manager; D1 ties the org on people (6) and has fewer answers, so it goes.
    expect(sorted(suppressFamily(family, k, { personOf }))).toEqual(["D1", "D2"]);
    // Compared as people alone, nothing but D2 would be hidden, and org − D1 would show m1's answer.
    expect(sorted(enforceEachSide([{ groupId: "org", members: { manager: new Set(ids("m", 1, 6)) } }, { groupId: "D1", members: { manager: new Set(ids("m", 1, 6)) } }, { groupId: "D2", members: { manager: new Set(["m1"]) } }], k))).toEqual(["D2"]);
  });

  it("each side a group reports is checked; a group hidden on either side is hidden", () => {
    // Pair figures: each complete pair has a report and a manager. D holds 8 pairs of 8 reports
    // but 2 managers.
    const pairs = ids("pair", 1, 16);
    const manager = (pair: string) => (Number(pair.slice(4)) <= 8 ? (Number(pair.slice(4)) <= 4 ? "m1" : "m2") : `m${pair}`);
    const personOf = (side: Side, pair: string) => (side === "employee" ? `r-${pair}` : manager(pair));
    const both = (id: string, members: string[]): FamilyGroup => ({ id, members: { employee: new Set(members), manager: new Set(members) } });
    const family = [both("org", pairs), both("D", pairs.slice(0, 8)), both("E", pairs.slice(8))];
    // D is hidden by its managers; org − E would then be D's 2 managers: E goes too.
    expect(sorted(suppressFamily(family, k, { personOf }))).toEqual(["D", "E"]);
  });

  it("keeps groups hidden that are forced, and hides around them", () => {
    const family = [employees("org", ids("p", 1, 20)), employees("A", ids("p", 1, 10)), employees("B", ids("p", 11, 20))];
    expect(sorted(suppressFamily(family, k))).toEqual([]);
    // A hidden for some other reason: org − B would compute it, but A holds 10 ≥ k people, so
    // that computes nothing about fewer than k; nothing more is hidden.
    expect(sorted(suppressFamily(family, k, { forceHidden: new Set(["A"]) }))).toEqual(["A"]);
  });

  it("refuses two groups with one id, a group that reports no side, and a bad k", () => {
    expect(() => suppressFamily([employees("a", ["p"]), employees("a", ["q"])], k)).toThrow(RangeError);
    expect(() => suppressFamily([{ id: "a", members: {} }], k)).toThrow(RangeError);
    expect(() => suppressFamily([employees("a", ["p"])], 2)).toThrow(RangeError);
  });

  it("familyProblems names groups, never counts", () => {
    const problems = familyProblems([employees("org", ids("p", 1, 7)), employees("A", ids("p", 1, 6))], new Set(), k);
    expect(problems).toEqual([{ side: "employee", groupIds: ["org"] }]);
    expect(JSON.stringify(problems)).not.toMatch(/\d/);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random organizations (managers, departments, teams, a few arbitrary filters), with
// people who answer once on the employee side and once per report on the manager side.
// ---------------------------------------------------------------------------------------------

interface RandomOrg {
  k: number;
  family: FamilyGroup[];
  personOf: (side: Side, memberId: string) => string;
  forced: Set<string>;
}

const randomOrg: fc.Arbitrary<RandomOrg> = fc
  .record({
    k: fc.integer({ min: 3, max: 10 }),
    // Which sides the figures report: one scope's groups report the same sides.
    sides: fc.constantFrom<Side[]>(EMPLOYEE, MANAGER, BOTH),
    // Per person after the first (who manages everyone above): who manages them (an earlier
    // person), their department, and whether each side of their pair answered.
    people: fc.array(fc.record({ manager: fc.nat(), department: fc.nat({ max: 4 }), employeeAnswered: fc.boolean(), managerAnswered: fc.boolean() }), { minLength: 1, maxLength: 120, size: "max" }),
    filters: fc.array(fc.array(fc.nat(), { maxLength: 40 }), { maxLength: 3 }),
    forced: fc.array(fc.nat(), { maxLength: 2 }),
  })
  .map(({ k, sides, people, filters, forced }) => {
    const managerOf = people.map((p, i) => p.manager % (i + 1));
    // Pair i: report i + 1 and their manager. Contribution ids name the pair and the side.
    const chain = (person: number): number[] => (person === 0 ? [0] : [person, ...chain(managerOf[person - 1] ?? 0)]);
    const groups = new Map<string, Record<Side, Set<string>>>();
    const add = (group: string, side: Side, contribution: string) => {
      const members = groups.get(group) ?? { employee: new Set<string>(), manager: new Set<string>() };
      members[side].add(contribution);
      groups.set(group, members);
    };
    const pairGroups = people.map((p, i) => ["org", `dept-${p.department}`, ...chain(managerOf[i] ?? 0).map((m) => `team-${m}`)]);
    people.forEach((p, i) => {
      for (const group of pairGroups[i] ?? []) {
        groups.set(group, groups.get(group) ?? { employee: new Set(), manager: new Set() });
        if (p.employeeAnswered) add(group, "employee", `pair-${i}:employee`);
        if (p.managerAnswered) add(group, "manager", `pair-${i}:manager`);
      }
    });
    filters.forEach((picks, f) => {
      groups.set(`filter-${f}`, { employee: new Set(), manager: new Set() });
      for (const pick of picks) {
        const i = pick % people.length;
        if (people[i]?.employeeAnswered) add(`filter-${f}`, "employee", `pair-${i}:employee`);
        if (people[i]?.managerAnswered) add(`filter-${f}`, "manager", `pair-${i}:manager`);
      }
    });
    const family: FamilyGroup[] = [...groups].map(([id, members]) => ({ id, members: Object.fromEntries(sides.map((side) => [side, members[side]])) }));
    const personOf = (side: Side, contribution: string) => {
      const i = Number(contribution.slice(5, contribution.indexOf(":")));
      return side === "employee" ? `person-${i + 1}` : `person-${managerOf[i] ?? 0}`;
    };
    return { k, family, personOf, forced: new Set(forced.map((n) => family[n % family.length]?.id ?? "org")) };
  });

/** Distinct people behind the contributions of `a` that are not in `b`. */
function peopleOutside(a: ReadonlySet<string>, b: ReadonlySet<string>, side: Side, personOf: RandomOrg["personOf"]): number {
  const people = new Set<string>();
  for (const c of a) if (!b.has(c)) people.add(personOf(side, c));
  return people.size;
}

describe("property: suppressFamily over random organizations (fast-check)", () => {
  it("every visible group has at least k people on each side, and any two differ by none or at least k on each side, each way", () => {
    let withSeveralVisible = 0;
    fc.assert(
      fc.property(randomOrg, ({ k, family, personOf, forced }) => {
        const hidden = suppressFamily(family, k, { personOf, forceHidden: forced });
        for (const id of forced) expect(hidden.has(id)).toBe(true);
        const visible = family.filter((g) => !hidden.has(g.id));
        if (visible.length >= 3) withSeveralVisible++;
        for (const g of visible) if (BOTH.every((side) => !g.members[side])) throw new Error("a group reporting no side");
        for (const side of BOTH) {
          const reporting = visible.filter((g) => g.members[side] !== undefined);
          for (const g of reporting) expect(peopleOutside(g.members[side] ?? new Set(), new Set(), side, personOf)).toBeGreaterThanOrEqual(k);
          reporting.forEach((a, i) => {
            for (const b of reporting.slice(i + 1)) {
              const A = a.members[side] ?? new Set<string>();
              const B = b.members[side] ?? new Set<string>();
              for (const outside of [peopleOutside(A, B, side, personOf), peopleOutside(B, A, side, personOf)]) {
                expect(outside === 0 || outside >= k, `${a.id} vs ${b.id} on ${side}: ${outside}`).toBe(true);
              }
            }
          });
        }
      }),
      { seed: 20_260_601, numRuns: 300 },
    );
    // The cases are not all trivially hidden: many keep several groups, so pairs get compared.
    expect(withSeveralVisible).toBeGreaterThan(50);
  });

  it("any combination of visible groups is none or at least k people: every atom holds none or at least k", () => {
    fc.assert(
      fc.property(randomOrg, ({ k, family, personOf, forced }) => {
        const hidden = suppressFamily(family, k, { personOf, forceHidden: forced });
        for (const side of BOTH) {
          // The contributions held by exactly the same visible groups, computed here on the sets.
          const held = new Map<string, string[]>();
          for (const g of family) if (!hidden.has(g.id)) for (const c of g.members[side] ?? []) held.set(c, [...(held.get(c) ?? []), g.id]);
          const atoms = new Map<string, Set<string>>();
          for (const [c, groups] of held) atoms.set(groups.join("|"), (atoms.get(groups.join("|")) ?? new Set()).add(personOf(side, c)));
          for (const [atom, people] of atoms) expect(people.size, `${atom} on ${side}`).toBeGreaterThanOrEqual(k);
        }
      }),
      { seed: 20_260_602, numRuns: 300 },
    );
  });

  it("hides nothing in a family that is already safe, and gives the same result whatever the order", () => {
    fc.assert(
      fc.property(randomOrg, fc.nat(), ({ k, family, personOf }, rotate) => {
        const hidden = suppressFamily(family, k, { personOf });
        const shuffled = [...family.slice(rotate % family.length), ...family.slice(0, rotate % family.length)].reverse();
        expect(sorted(suppressFamily(shuffled, k, { personOf }))).toEqual(sorted(hidden));
        // Once safe, running again on the visible groups hides nothing more.
        const visible = family.filter((g) => !hidden.has(g.id));
        expect(familyProblems(visible, new Set(), k, personOf)).toEqual([]);
        expect(sorted(suppressFamily(visible, k, { personOf }))).toEqual([]);
      }),
      { seed: 20_260_603, numRuns: 200 },
    );
  });
});

describe("property: suppressNumberedFamily decides as suppressFamily does, however things are numbered (fast-check)", () => {
  it("numbering contributions and people in another order changes nothing; neither does hiding up front", () => {
    fc.assert(
      fc.property(randomOrg, fc.nat(), ({ k, family, personOf, forced }, seed) => {
        const random = prng(seed);
        const order = familyOrder(family.map((g) => g.id));
        const ordered = order.map((i) => family[i] as FamilyGroup);
        const sides = BOTH.filter((side) => ordered.some((g) => g.members[side] !== undefined)).map((side) => {
          // Contributions and people numbered in a shuffled order, not as they first appear.
          const contributions = shuffled([...new Set(ordered.flatMap((g) => [...(g.members[side] ?? [])]))], random);
          const people = shuffled([...new Set(contributions.map((c) => personOf(side, c)))], random);
          const numberOf = new Map(contributions.map((c, i) => [c, i]));
          const personNumber = new Map(people.map((p, i) => [p, i]));
          return {
            members: ordered.map((g) => {
              const ids = g.members[side];
              return ids === undefined ? null : shuffled([...ids], random).map((c) => numberOf.get(c) ?? -1);
            }),
            personOf: contributions.map((c) => personNumber.get(personOf(side, c)) ?? -1),
          };
        });
        const hidden = suppressNumberedFamily(
          sides,
          ordered.map((g) => forced.has(g.id)),
          k,
        );
        expect(sorted(ordered.filter((_, g) => hidden[g]).map((g) => g.id))).toEqual(sorted(suppressFamily(family, k, { personOf, forceHidden: forced })));
      }),
      { seed: 20_260_604, numRuns: 200 },
    );
  });

  it("numbers groups in id order and refuses an id twice", () => {
    expect(familyOrder(["b", "a", "c"])).toEqual([1, 0, 2]);
    expect(() => familyOrder(["a", "b", "a"])).toThrow(RangeError);
  });
});

/** A copy of `items` in an order drawn from `random`. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe("cells", () => {
  it("a visible cell carries its value and no count: how many a figure counts could tell how many said \"can't say\"", () => {
    expect(cell(3.8, people(12, 9), k, BOTH)).toEqual({ hidden: false, value: 3.8 });
  });

  it("a visible one-side cell says nothing of the other side, which may be under k", () => {
    const visible = cell(4.1, people(12, 2), k, EMPLOYEE);
    expect(visible).toEqual({ hidden: false, value: 4.1 });
    expect(JSON.stringify(visible)).not.toContain("manager");
  });

  it("a hidden cell says 'fewer than k responses' and nothing else", () => {
    const hidden = cell(4.1, people(4, 12), k, BOTH);
    expect(hidden).toEqual(hiddenCell());
    expect(JSON.stringify(hidden)).toBe(JSON.stringify({ hidden: true, reason: HIDDEN_REASON }));
    expect(HIDDEN_REASON).toBe("fewer than k responses");
  });

  it("a group hidden by suppression looks exactly like one under k", () => {
    expect(cell(4.1, people(40, 40), k, BOTH, true)).toEqual(cell(4.1, people(1, 1), k, BOTH));
  });
});

// ---------------------------------------------------------------------------------------------
// Property checks over random hierarchies and filters, verified on the people themselves (sets),
// not on the counts the functions work with.
// ---------------------------------------------------------------------------------------------

/** mulberry32: a tiny seeded PRNG, so every run checks the same cases. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Members = Record<Side, Set<string>>;

interface PeopleTree {
  id: string;
  members: Members;
  children: PeopleTree[];
}

function randomTree(random: () => number): PeopleTree {
  let nextPerson = 0;
  let nextGroup = 0;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  // Mostly small groups, so that every rule gets exercised, with some large ones.
  const headcount = () => (random() < 0.6 ? between(0, 4) : between(5, 14));
  const build = (depth: number): PeopleTree => {
    const id = `g${String(nextGroup++).padStart(3, "0")}`;
    const children = Array.from({ length: depth >= 3 ? 0 : between(0, 4) }, () => build(depth + 1));
    const members: Members = { employee: new Set(), manager: new Set() };
    for (const side of BOTH) {
      for (let i = headcount(); i > 0; i--) members[side].add(`${side}-${nextPerson++}`);
      for (const child of children) for (const person of child.members[side]) members[side].add(person);
    }
    return { id, members, children };
  };
  return build(0);
}

function toGroupNode(tree: PeopleTree): GroupNode {
  return {
    id: tree.id,
    counts: { employee: tree.members.employee.size, manager: tree.members.manager.size },
    children: tree.children.map(toGroupNode),
  };
}

function flatten(tree: PeopleTree): PeopleTree[] {
  return [tree, ...tree.children.flatMap(flatten)];
}

function symmetricDifference(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let count = 0;
  for (const x of a) if (!b.has(x)) count++;
  for (const x of b) if (!a.has(x)) count++;
  return count;
}

/**
 * What an attacker can compute from published figures of one hierarchy: every "atom", the people
 * who belong to exactly the same published groups, is a sum of published figures with ± signs.
 * Each atom must be empty or hold at least k people.
 */
function atoms(published: readonly PeopleTree[], side: Side): Map<string, Set<string>> {
  const signature = new Map<string, string[]>();
  for (const node of published) {
    for (const person of node.members[side]) signature.set(person, [...(signature.get(person) ?? []), node.id]);
  }
  const byAtom = new Map<string, Set<string>>();
  for (const [person, groups] of signature) {
    const key = groups.join("|");
    byAtom.set(key, (byAtom.get(key) ?? new Set()).add(person));
  }
  return byAtom;
}

function isUnionOfAtoms(members: ReadonlySet<string>, atomSets: Iterable<Set<string>>, covered: ReadonlySet<string>): boolean {
  for (const person of members) if (!covered.has(person)) return false;
  for (const atom of atomSets) {
    const inside = [...atom].filter((person) => members.has(person)).length;
    if (inside > 0 && inside < atom.size) return false;
  }
  return true;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function assertHierarchySafe(tree: PeopleTree, hidden: ReadonlySet<string>, k: number, sides: readonly Side[]): void {
  const nodes = flatten(tree);
  const published = nodes.filter((node) => !hidden.has(node.id));
  for (const side of sides) {
    for (const node of published) expect(node.members[side].size, `${node.id} ${side}`).toBeGreaterThanOrEqual(k);
    published.forEach((a, i) => {
      for (const b of published.slice(i + 1)) {
        const difference = symmetricDifference(a.members[side], b.members[side]);
        expect(difference === 0 || difference >= k, `${a.id} Δ ${b.id} on ${side}: ${difference}`).toBe(true);
      }
    });
    const atomSets = [...atoms(published, side).values()];
    for (const atom of atomSets) expect(atom.size, `an atom on ${side}`).toBeGreaterThanOrEqual(k);

    // A hidden group must not be computable from published figures, unless it is one of them on
    // this side, or the exact sum of published groups below it (each of those holds ≥ k people).
    const covered = new Set(atomSets.flatMap((atom) => [...atom]));
    for (const node of nodes.filter((n) => hidden.has(n.id) && n.members[side].size > 0)) {
      if (!isUnionOfAtoms(node.members[side], atomSets, covered)) continue;
      const equalsPublished = published.some((p) => sameSet(p.members[side], node.members[side]));
      const coveredBelow = new Set(flatten(node).slice(1).filter((n) => !hidden.has(n.id)).flatMap((n) => [...n.members[side]]));
      const sumOfPublishedBelow = [...node.members[side]].every((person) => coveredBelow.has(person));
      expect(equalsPublished || sumOfPublishedBelow, `hidden ${node.id} is computable on ${side}`).toBe(true);
    }
  }
}

describe("property: random hierarchies", () => {
  const random = prng(20_240_517);
  const trees = Array.from({ length: 150 }, () => randomTree(random));

  it.each([3, 5, 10])("k = %s: no published figure, difference or sum isolates 1 to k−1 people", (k) => {
    for (const tree of trees) {
      for (const sides of [EMPLOYEE, MANAGER, BOTH]) {
        const hidden = suppressTree(toGroupNode(tree), k, sides);
        assertHierarchySafe(tree, hidden, k, sides);
      }
    }
  });

  it.each([3, 5, 10])("k = %s: the same holds around groups hidden up front (as enforce would)", (k) => {
    const pick = prng(k);
    for (const tree of trees) {
      const forced = new Set(flatten(tree).filter(() => pick() < 0.15).map((node) => node.id));
      for (const sides of [EMPLOYEE, MANAGER, BOTH]) {
        const hidden = suppressTree(toGroupNode(tree), k, sides, forced);
        for (const id of forced) expect(hidden.has(id)).toBe(true);
        assertHierarchySafe(tree, hidden, k, sides);
      }
    }
  });

  it("one level of suppressTree is suppressGroups", () => {
    for (const tree of trees.slice(0, 50)) {
      const parent = { id: tree.id, counts: toGroupNode(tree).counts };
      const children = tree.children.map((child) => ({ id: child.id, counts: toGroupNode(child).counts }));
      const hidden = suppressGroups(parent, children, k, BOTH);
      if (!figureVisible(parent.counts, k, BOTH)) hidden.add(parent.id);
      const flat: PeopleTree = { ...tree, children: tree.children.map((child) => ({ ...child, children: [] })) };
      assertHierarchySafe(flat, hidden, k, BOTH);
    }
  });
});

describe("property: random overlapping filters", () => {
  it.each([3, 5, 10])("k = %s: after enforce, no published figure or pairwise difference isolates 1 to k−1 people", (k) => {
    const random = prng(k * 7919);
    for (let round = 0; round < 60; round++) {
      const population = Array.from({ length: 40 }, (_, i) => `p${i}`);
      const figures: PublishedFigure[] = Array.from({ length: 12 }, (_, i) => {
        // Filters of a base group: a random slice of the population, minus a few people.
        const start = Math.floor(random() * 20);
        const base = population.slice(start, start + 5 + Math.floor(random() * 20));
        const members = new Set(base.filter(() => random() > 0.1));
        return { groupId: `f${String(i).padStart(2, "0")}`, memberIds: members };
      });
      const hidden = enforce(figures, k);
      const published = figures.filter((f) => !hidden.has(f.groupId));
      for (const f of published) expect(f.memberIds.size).toBeGreaterThanOrEqual(k);
      published.forEach((a, i) => {
        for (const b of published.slice(i + 1)) {
          const difference = symmetricDifference(a.memberIds, b.memberIds);
          expect(difference === 0 || difference >= k).toBe(true);
        }
      });
      expect(sorted(enforce([...figures].reverse(), k))).toEqual(sorted(hidden));
    }
  });

  it("hierarchy and filters together: the server's loop settles and stays safe", () => {
    // What the server does (docs/decisions/0002): suppress the hierarchy, enforce across every
    // published figure including filters, feed what enforce hid back into the hierarchy, repeat.
    const random = prng(42);
    for (let round = 0; round < 40; round++) {
      const tree = randomTree(random);
      const nodes = flatten(tree);
      const filters: SidedFigure[] = nodes.slice(0, 6).map((node, i) => ({
        groupId: `filter-${i}`,
        members: { employee: new Set([...node.members.employee].filter(() => random() > 0.15)) },
      }));
      let forced = new Set<string>();
      let hidden = new Set<string>();
      for (let pass = 0; pass < 20; pass++) {
        hidden = suppressTree(toGroupNode(tree), k, EMPLOYEE, forced);
        const figures: SidedFigure[] = [
          ...nodes.filter((n) => !hidden.has(n.id)).map((n) => ({ groupId: n.id, members: { employee: n.members.employee } })),
          ...filters,
        ];
        const enforced = enforceEachSide(figures, k);
        const newlyForced = [...enforced].filter((id) => nodes.some((n) => n.id === id) && !forced.has(id));
        hidden = new Set([...hidden, ...enforced]);
        if (newlyForced.length === 0) break;
        forced = new Set([...forced, ...newlyForced]);
      }
      const treeHidden = new Set([...hidden].filter((id) => nodes.some((n) => n.id === id)));
      assertHierarchySafe(tree, treeHidden, k, EMPLOYEE);
      const all = [
        ...nodes.filter((n) => !hidden.has(n.id)).map((n) => n.members.employee),
        ...filters.filter((f) => !hidden.has(f.groupId)).map((f) => f.members.employee ?? new Set<string>()),
      ];
      all.forEach((a, i) => {
        for (const b of all.slice(i + 1)) {
          const difference = symmetricDifference(a, b);
          expect(difference === 0 || difference >= k).toBe(true);
        }
      });
    }
  });
});
