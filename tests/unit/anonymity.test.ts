import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  HIDDEN_REASON,
  MIN_GROUP_SIZE_DEFAULT,
  assertValidK,
  cell,
  familyOrder,
  figureVisible,
  hiddenCell,
  suppressFamily,
  suppressNumberedFamily,
  type FamilyGroup,
  type SideCounts,
} from "@/server/analysis/anonymity";
import type { Side } from "@/server/assessments/item-bank";
import { familyProblems, pairwiseProblems, prng } from "../support/anonymity-oracle";

// PRODUCT.md §5 rules 1–3. Counts are distinct people per side. Where only one side matters the
// examples report the employee side alone and give both sides the same count.

const BOTH: Side[] = ["employee", "manager"];
const EMPLOYEE: Side[] = ["employee"];
const MANAGER: Side[] = ["manager"];
const k = MIN_GROUP_SIZE_DEFAULT;

function people(employee: number, manager = employee): SideCounts {
  return { employee, manager };
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

describe("suppressFamily (org, departments and teams published together)", () => {
  /** Person ids p<from>…p<to>. */
  const ids = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
  /** A group reporting the employee side, each person contributing once. */
  const employees = (id: string, ...members: string[][]): FamilyGroup => ({ id, members: { employee: new Set(members.flat()) } });

  it("nested teams that differ by k−1 people: the inner team is hidden, the outer one shown", () => {
    // Team M (M's whole subtree) holds 10 reports; team N, below M, holds 6 of them. Team M minus
    // team N would be 4 people (k − 1).
    const family = [
      employees("org", ids("p", 1, 20)),
      employees("team-M", ids("p", 1, 10)),
      employees("team-N", ids("p", 1, 6)),
      employees("team-O", ids("p", 11, 20)),
    ];
    expect(sorted(suppressFamily(family, k))).toEqual(["team-N"]);
    // One more person in M and the difference is k: nothing to hide.
    const wider = [
      employees("org", ids("p", 1, 20)),
      employees("team-M", ids("p", 1, 11)),
      employees("team-N", ids("p", 1, 6)),
      employees("team-O", ids("p", 12, 20)),
    ];
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
    expect(
      pairwiseProblems(
        wider.map((g) => ({ id: g.id, members: g.members.employee ?? new Set<string>() })),
        k,
      ),
    ).toEqual([]);
    expect(suppressFamily(wider, k).size).toBeGreaterThan(0);
    expect(familyProblems(wider, suppressFamily(wider, k), k)).toEqual([]);
  });

  it("three groups: a department minus two teams inside it is caught, not only pairs", () => {
    // D = T1 (6) + T2 (6) + 2 people in neither. Every pair differs by ≥ k, but D − T1 − T2 is 2.
    const family = [
      employees("org", ids("p", 1, 14), ids("q", 1, 10)),
      employees("D", ids("p", 1, 14)),
      employees("E", ids("q", 1, 10)),
      employees("T1", ids("p", 1, 6)),
      employees("T2", ids("p", 7, 12)),
    ];
    const hidden = suppressFamily(family, k);
    expect(sorted(hidden)).toEqual(["T1"]);
    expect(familyProblems(family, new Set(), k)).toEqual([{ side: "employee", groupIds: ["D", "org"] }]);
  });

  it("rule 2 among siblings: a hidden department and the next-smallest until the hidden reach k", () => {
    // a (3) is under k, b and c tie at 6 and b goes (by id).
    const family = [
      employees("org", ids("a", 1, 3), ids("b", 1, 6), ids("c", 1, 6), ids("d", 1, 25)),
      employees("a", ids("a", 1, 3)),
      employees("b", ids("b", 1, 6)),
      employees("c", ids("c", 1, 6)),
      employees("d", ids("d", 1, 25)),
    ];
    expect(sorted(suppressFamily(family, k))).toEqual(["a", "b"]);
    expect(sorted(suppressFamily([...family].reverse(), k))).toEqual(["a", "b"]);
    // a 1 + b 2 = 3 < k: c (5) goes too, making 8.
    const more = [
      employees("org", ids("a", 1, 1), ids("b", 1, 2), ids("c", 1, 5), ids("d", 1, 7)),
      employees("a", ids("a", 1, 1)),
      employees("b", ids("b", 1, 2)),
      employees("c", ids("c", 1, 5)),
      employees("d", ids("d", 1, 7)),
    ];
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
    // Compared as people alone, org and D1 would be the same six managers and pass a pairwise check,
    // while org − D1 would show m1's answer about D2.
    expect(
      pairwiseProblems(
        [
          { id: "org", members: new Set(ids("m", 1, 6)) },
          { id: "D1", members: new Set(ids("m", 1, 6)) },
        ],
        k,
      ),
    ).toEqual([]);
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
    people: fc.array(fc.record({ manager: fc.nat(), department: fc.nat({ max: 4 }), employeeAnswered: fc.boolean(), managerAnswered: fc.boolean() }), {
      minLength: 1,
      maxLength: 120,
      size: "max",
    }),
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
  it('a visible cell carries its value and no count: how many a figure counts could tell how many said "can\'t say"', () => {
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
