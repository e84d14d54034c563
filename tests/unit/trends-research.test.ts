import { describe, expect, it } from "vitest";
import { MIN_DRIVER_PAIRS, absoluteAgreement, spearman } from "@/server/analysis/agreement";
import { questionRules, type Answers } from "@/server/assessments/answers";
import { getItemBank, type Side } from "@/server/assessments/item-bank";
import { computeCycleFigures, type InvitedPair, type ResponseRow } from "@/server/trends/compute";

// Issue 20's figures as the worker computes them for one group (the organization) of pairs
// with distinct people: over which pairs each is computed, and when it is hidden.

const bank = getItemBank(1);
const CHOICES = bank.chooseAgain.options.map((o) => o.value);
const org = { id: "org:o", name: "Org", kind: "org" as const, depth: 0 };

/** Every item of one side at `score`, every prediction at `predict`, choose-again as given. */
function answers(score: number, predict: number, choose: string | undefined): Answers {
  const a: Answers = {};
  for (const [key, rule] of questionRules(bank)) {
    if (rule.kind === "scale") a[key] = key.startsWith("predict.") ? predict : score;
    else if (rule.kind === "choice") a[key] = rule.values[0]!;
  }
  if (choose === undefined) delete a[bank.chooseAgain.key];
  else a[bank.chooseAgain.key] = choose;
  return a;
}

interface PlannedPair {
  employee: number;
  manager: number;
  employeePredicts: number;
  managerPredicts: number;
  choose: Record<Side, string | undefined>;
}

const plan = (i: number): PlannedPair => ({
  employee: 1 + (i % 5),
  manager: 1 + ((i * 3 + 1) % 5),
  employeePredicts: 1 + ((i * 3 + 1) % 5),
  managerPredicts: 3,
  choose: { employee: CHOICES[(i * 2) % 5], manager: CHOICES[(i + 1) % 5] },
});

function cycle(pairs: PlannedPair[]) {
  const invited: InvitedPair[] = pairs.map((_, i) => ({ assessmentId: `a${i}`, pairId: `p${i}`, reportId: `r${i}`, groupIds: [org.id] }));
  const rows: ResponseRow[] = pairs.flatMap((p, i) => [
    {
      assessmentId: `a${i}`,
      pairId: `p${i}`,
      side: "employee" as const,
      respondentId: `r${i}`,
      answers: answers(p.employee, p.employeePredicts, p.choose.employee),
      groupIds: [org.id],
    },
    {
      assessmentId: `a${i}`,
      pairId: `p${i}`,
      side: "manager" as const,
      respondentId: `m${i}`,
      answers: answers(p.manager, p.managerPredicts, p.choose.manager),
      groupIds: [org.id],
    },
  ]);
  const [g] = computeCycleFigures(bank, [org], invited, rows, 5);
  return g!;
}

const rankOf = (choice: string | undefined) => (choice === undefined ? null : CHOICES.indexOf(choice) + 1);

describe("issue 20's figures for a group", () => {
  it("computes ICC(A,1), quadrant shares and both readings over the group's pairs", () => {
    const pairs = Array.from({ length: 20 }, (_, i) => plan(i));
    const g = cycle(pairs);
    const icc = absoluteAgreement(pairs.map((p) => [p.employee, p.manager]))!;
    // Stored to 4 decimals.
    const d4 = (v: number) => Math.round(v * 1e4) / 1e4;
    expect(g.dimensions[0]!.absoluteAgreement).toEqual({
      hidden: false,
      value: { icc: d4(icc.icc), lower: d4(icc.interval!.lower), upper: d4(icc.interval!.upper) },
    });
    // Overall = the side's one score; high from 3.5, so 4 and 5 are high.
    const high = (x: number) => x >= 4;
    const count = (f: (p: PlannedPair) => boolean) => pairs.filter(f).length / pairs.length;
    expect(g.balance.hidden).toBe(false);
    const shares = !g.balance.hidden ? g.balance.value : null;
    expect(shares!.balanced_high).toBeCloseTo(
      count((p) => high(p.employee) && high(p.manager)),
      12,
    );
    expect(shares!.balanced_low).toBeCloseTo(
      count((p) => !high(p.employee) && !high(p.manager)),
      12,
    );
    expect(shares!.report_higher).toBeCloseTo(
      count((p) => high(p.employee) && !high(p.manager)),
      12,
    );
    expect(shares!.manager_higher).toBeCloseTo(
      count((p) => !high(p.employee) && high(p.manager)),
      12,
    );
    // Reports predict exactly their manager's score: no miss, every dimension within half a point.
    expect(g.reading.employee).toEqual({
      hidden: false,
      value: {
        meanAbsError: 0,
        withinShare: 1,
        assumedSimilarity: expect.closeTo(pairs.reduce((s, p) => s + Math.abs(p.employeePredicts - p.employee), 0) / 20, 12),
      },
    });
    // Managers always predict 3.
    const managerMiss = pairs.reduce((s, p) => s + Math.abs(3 - p.employee), 0) / 20;
    expect(!g.reading.manager.hidden && g.reading.manager.value.meanAbsError).toBeCloseTo(managerMiss, 12);
    expect(!g.reading.manager.hidden && g.reading.manager.value.withinShare).toBeCloseTo(
      count((p) => p.employee === 3),
      12,
    );
  });

  it(`hides what goes with choose again below ${MIN_DRIVER_PAIRS} pairs, and shows Spearman's ρ over the pairs from there`, () => {
    const below = cycle(Array.from({ length: MIN_DRIVER_PAIRS - 1 }, (_, i) => plan(i)));
    expect(below.chooseAgainDrivers.employee.hidden).toBe(true);
    expect(below.chooseAgainDrivers.manager.hidden).toBe(true);
    expect(below.balance.hidden).toBe(false);

    const pairs = Array.from({ length: MIN_DRIVER_PAIRS }, (_, i) => plan(i));
    const g = cycle(pairs);
    for (const side of ["employee", "manager"] as const) {
      const cell = g.chooseAgainDrivers[side];
      expect(cell.hidden).toBe(false);
      const trust = !cell.hidden ? cell.value.find((d) => d.key === "trust")! : null;
      const score = spearman(
        pairs.map((p) => p[side]),
        pairs.map((p) => rankOf(p.choose[side])),
      )!;
      const gap = spearman(
        pairs.map((p) => Math.abs(p.employee - p.manager)),
        pairs.map((p) => rankOf(p.choose[side])),
      )!;
      const d4 = (v: number) => Math.round(v * 1e4) / 1e4;
      expect(trust!.score).toEqual({ rho: d4(score.rho), lower: d4(score.lower), upper: d4(score.upper) });
      expect(trust!.gap).toEqual({ rho: d4(gap.rho), lower: d4(gap.lower), upper: d4(gap.upper) });
    }
  });

  it("shows no correlation whose interval would tell that fewer than k pairs left choose again unanswered", () => {
    const pairs = Array.from({ length: 40 }, (_, i) => plan(i));
    pairs[0] = { ...pairs[0]!, choose: { employee: undefined, manager: pairs[0]!.choose.manager } };
    const g = cycle(pairs);
    // One report without an answer: every employee-side row would be over 39 of the 40 pairs.
    expect(g.chooseAgainDrivers.employee.hidden).toBe(true);
    expect(g.chooseAgainDrivers.manager.hidden).toBe(false);
    // Five reports without one (k = 5 people): shown again, over the 35 that answered.
    for (let i = 1; i < 5; i++) pairs[i] = { ...pairs[i]!, choose: { employee: undefined, manager: pairs[i]!.choose.manager } };
    const again = cycle(pairs);
    const cell = again.chooseAgainDrivers.employee;
    expect(cell.hidden).toBe(false);
    const answered = pairs.filter((p) => p.choose.employee !== undefined);
    const expected = spearman(
      answered.map((p) => p.employee),
      answered.map((p) => rankOf(p.choose.employee)),
    )!;
    expect(!cell.hidden && cell.value.find((d) => d.key === "trust")!.score!.rho).toBe(Math.round(expected.rho * 1e4) / 1e4);
  });
});
