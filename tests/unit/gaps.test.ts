import { describe, expect, it } from "vitest";
import {
  BLIND_SPOT_MISS,
  LARGE_DIMENSION_GAP,
  LARGE_ITEM_GAP,
  NOTABLE_GAP,
  STRENGTH_MAX_GAP,
  STRENGTH_MIN_MEAN,
  analyzePair,
  dimensionTrend,
  isBlindSpotMiss,
  isLargeDimensionGap,
  isLargeItemGap,
  isNotableGap,
  isStrength,
  type DimensionAnalysis,
  type PairAnalysis,
} from "@/server/analysis/gaps";
import { blindSpotPrompt, discussionPrompt } from "@/server/analysis/prompts";
import { CANT_SAY, getItemBank, predictionKey, type DimensionKey, type ItemBank } from "@/server/assessments/item-bank";

// Every expected number below is worked out by hand in the comments beside it. Reported values
// are rounded to 9 decimals, so 13/3 is expected as 4.333333333.
//
// Bank v1 item order per dimension (the arrays passed to `answersOf` follow it):
//   contact:      enough, reachable, protected
//   conversation: two_way, personal, prepared
//   knowledge:    work, obstacles, ambitions, pressures
//   trust:        ability, integrity, benevolence, candor
//   goals:        priorities, success, tradeoffs
//   loyalty:      backing, advocacy, upward
//   contribution: beyond, useful, support
//   respect:      competence, management, views
//   feedback:     upward, downward, advice, useful

const bank = getItemBank(1);

/**
 * An older bank version for "different bank version" cases: no feedback dimension, and trust
 * asked with two items only (ability, candor).
 */
const olderBank: ItemBank = {
  ...bank,
  version: 0,
  dimensions: bank.dimensions
    .filter((d) => d.key !== "feedback")
    .map((d) => (d.key === "trust" ? { ...d, items: d.items.filter((i) => i.key === "trust.ability" || i.key === "trust.candor") } : d)),
};

const bankFor = (version: number) => (version === 0 ? olderBank : getItemBank(version));

/** A rating, "can't say", or undefined for an item left blank. */
type Rating = number | typeof CANT_SAY | undefined;
type Answers = Record<string, number | string>;

/** One side's answers: item ratings per dimension in bank order, plus predictions. */
function answersOf(
  ratings: Partial<Record<DimensionKey, Rating[]>>,
  predictions: Partial<Record<DimensionKey, number | typeof CANT_SAY>> = {},
  itemBank: ItemBank = bank,
): Answers {
  const answers: Answers = {};
  for (const [key, values] of Object.entries(ratings) as [DimensionKey, Rating[]][]) {
    const items = itemBank.dimensions.find((d) => d.key === key)!.items;
    if (values.length !== items.length) throw new Error(`test data: ${key} has ${items.length} items, got ${values.length}`);
    items.forEach((item, i) => {
      const value = values[i];
      if (value !== undefined) answers[item.key] = value;
    });
  }
  for (const [key, value] of Object.entries(predictions) as [DimensionKey, number | typeof CANT_SAY][]) answers[predictionKey(key)] = value;
  return answers;
}

function dimension(analysis: PairAnalysis, key: DimensionKey): DimensionAnalysis {
  const found = analysis.dimensions.find((d) => d.key === key);
  if (!found) throw new Error(`no dimension ${key}`);
  return found;
}

/** Every dimension rated `value` on every item, by one side. */
function allRated(value: Rating, itemBank: ItemBank = bank): Partial<Record<DimensionKey, Rating[]>> {
  return Object.fromEntries(itemBank.dimensions.map((d) => [d.key, d.items.map(() => value)]));
}

describe("thresholds", () => {
  it("are the documented constants", () => {
    expect([NOTABLE_GAP, LARGE_DIMENSION_GAP, LARGE_ITEM_GAP, BLIND_SPOT_MISS, STRENGTH_MIN_MEAN, STRENGTH_MAX_GAP]).toEqual([1, 1.5, 2, 1.5, 4, 0.5]);
  });

  it("are inclusive, by absolute value, and robust to floating point noise", () => {
    expect(isNotableGap(1)).toBe(true);
    expect(isNotableGap(-1)).toBe(true);
    expect(isNotableGap(13 / 3 - 10 / 3)).toBe(true); // 1 on paper, 0.9999999999999996 in binary
    expect(isNotableGap(0.99999999)).toBe(false);
    expect(isNotableGap(0.999)).toBe(false);
    expect(isNotableGap(null)).toBe(false);

    expect(isLargeDimensionGap(1.5)).toBe(true);
    expect(isLargeDimensionGap(-1.5)).toBe(true);
    expect(isLargeDimensionGap(1.4999999999999998)).toBe(true); // noise below 1.5
    expect(isLargeDimensionGap(1.4)).toBe(false);
    expect(isLargeDimensionGap(13 / 3 - 3)).toBe(false); // 1.333…
    expect(isLargeDimensionGap(1.49999999)).toBe(false);

    expect(isLargeItemGap(2)).toBe(true);
    expect(isLargeItemGap(-2)).toBe(true);
    expect(isLargeItemGap(1)).toBe(false);
    expect(isLargeItemGap(1.5)).toBe(false); // items are integers; a dimension's 1.5 is not an item's 2

    expect(isBlindSpotMiss(1.5)).toBe(true);
    expect(isBlindSpotMiss(-1.5)).toBe(true);
    expect(isBlindSpotMiss(1.4)).toBe(false);
    expect(isBlindSpotMiss(5 - 11 / 3)).toBe(false); // 1.333…
  });

  it("make a strength of both means ≥ 4 with |gap| ≤ 0.5, boundaries included", () => {
    expect(isStrength(4, 4.5)).toBe(true); // both ≥ 4.0, gap exactly 0.5
    expect(isStrength(4.5, 4)).toBe(true);
    expect(isStrength(4, 4)).toBe(true);
    expect(isStrength(3.99, 4)).toBe(false); // just below 4
    expect(isStrength(4, 3.99)).toBe(false);
    expect(isStrength(4, 4.51)).toBe(false); // gap just above 0.5
    expect(isStrength(4, null)).toBe(false);
  });
});

describe("analyzePair: a mixed example over all nine dimensions", () => {
  const employee = answersOf(
    {
      contact: [4, 4, 4], //              12/3 = 4
      conversation: [5, 4, 4], //         13/3 = 4.333333333
      knowledge: [2, 3, 2, 3], //         10/4 = 2.5
      trust: [5, CANT_SAY, 4, 5], //      14/3 = 4.666666667 (3 rated, 1 can't say)
      goals: [4, 4, 4], //                12/3 = 4
      loyalty: [3, 3, 3], //              9/3 = 3
      contribution: [4, 3, 4], //         11/3 = 3.666666667
      respect: [5, 5, 5], //              15/3 = 5
      feedback: [CANT_SAY, CANT_SAY, CANT_SAY, CANT_SAY], // no rating: null
    },
    // The employee's predictions of the manager's means.
    { contact: 4, conversation: 3, knowledge: CANT_SAY, trust: 3, goals: 4, loyalty: 3, contribution: 4, respect: 4, feedback: 1 },
  );
  const manager = answersOf(
    {
      contact: [4, 5, 4], //              13/3 = 4.333333333
      conversation: [3, 3, 3], //         9/3 = 3
      knowledge: [4, 4, 4, 4], //         16/4 = 4
      trust: [4, 5, 4, 4], //             17/4 = 4.25
      goals: [2, 3, 2], //                7/3 = 2.333333333
      loyalty: [3, 3, 3], //              3
      contribution: [4, 4, 4], //         4
      respect: [4, 4, 4], //              4
      feedback: [2, 2, 3, 3], //          10/4 = 2.5
    },
    // The manager's predictions of the employee's means.
    { contact: 4, conversation: 3, knowledge: 4, trust: 3, goals: 4, loyalty: 3, contribution: 4, respect: 4, feedback: 3 },
  );
  const analysis = analyzePair(bank, employee, manager);

  it("computes each side's mean, the signed gap (employee − manager) and the flags per dimension", () => {
    const summary = (key: DimensionKey) => {
      const d = dimension(analysis, key);
      return [d.employee.mean, d.manager.mean, d.gap, d.notable, d.large];
    };
    expect(summary("contact")).toEqual([4, 4.333333333, -0.333333333, false, false]); //      4 − 13/3 = −1/3
    expect(summary("conversation")).toEqual([4.333333333, 3, 1.333333333, true, false]); // 13/3 − 3 = 4/3: notable, not large
    expect(summary("knowledge")).toEqual([2.5, 4, -1.5, true, true]); //                   2.5 − 4 = −1.5: large at the tie, sign kept
    expect(summary("trust")).toEqual([4.666666667, 4.25, 0.416666667, false, false]); //   14/3 − 17/4 = (56 − 51)/12 = 5/12
    expect(summary("goals")).toEqual([4, 2.333333333, 1.666666667, true, true]); //         4 − 7/3 = 5/3
    expect(summary("loyalty")).toEqual([3, 3, 0, false, false]);
    expect(summary("contribution")).toEqual([3.666666667, 4, -0.333333333, false, false]); // 11/3 − 4 = −1/3
    expect(summary("respect")).toEqual([5, 4, 1, true, false]); //                          5 − 4 = 1: notable at the tie
    expect(summary("feedback")).toEqual([null, 2.5, null, false, false]); //                no employee mean: no gap
  });

  it("counts rated and can't-say items per side", () => {
    expect(dimension(analysis, "trust").employee).toEqual({ mean: 4.666666667, answered: 3, cantSay: 1 });
    expect(dimension(analysis, "trust").manager).toEqual({ mean: 4.25, answered: 4, cantSay: 0 });
    expect(dimension(analysis, "feedback").employee).toEqual({ mean: null, answered: 0, cantSay: 4 });
    expect(dimension(analysis, "feedback").manager).toEqual({ mean: 2.5, answered: 4, cantSay: 0 });
  });

  it("gives every item each side's rating and the item gap, large from 2", () => {
    expect(dimension(analysis, "knowledge").items).toEqual([
      { key: "knowledge.work", employee: 2, manager: 4, employeeCantSay: false, managerCantSay: false, gap: -2, notable: true, large: true },
      { key: "knowledge.obstacles", employee: 3, manager: 4, employeeCantSay: false, managerCantSay: false, gap: -1, notable: true, large: false },
      { key: "knowledge.ambitions", employee: 2, manager: 4, employeeCantSay: false, managerCantSay: false, gap: -2, notable: true, large: true },
      { key: "knowledge.pressures", employee: 3, manager: 4, employeeCantSay: false, managerCantSay: false, gap: -1, notable: true, large: false },
    ]);
    // trust.integrity: employee can't say → no employee score, no item gap.
    expect(dimension(analysis, "trust").items[1]).toEqual({
      key: "trust.integrity",
      employee: null,
      manager: 5,
      employeeCantSay: true,
      managerCantSay: false,
      gap: null,
      notable: false,
      large: false,
    });
    // conversation.two_way: 5 − 3 = 2, large, employee higher.
    expect(dimension(analysis, "conversation").items[0]).toMatchObject({ employee: 5, manager: 3, gap: 2, notable: true, large: true });
  });

  it("orders trust, goals, then by |gap| descending, ties by bank order, unknown gaps last", () => {
    // trust and goals lead; then knowledge 1.5, conversation 1.333, respect 1,
    // contact 1/3 and contribution 1/3 (a tie: bank order), loyalty 0, feedback null.
    expect(analysis.dimensions.map((d) => d.key)).toEqual([
      "trust",
      "goals",
      "knowledge",
      "conversation",
      "respect",
      "contact",
      "contribution",
      "loyalty",
      "feedback",
    ]);
  });

  it("counts notable dimensions and attaches a prompt by direction to each of them only", () => {
    expect(analysis.notableCount).toBe(4); // goals, knowledge, conversation, respect
    expect(dimension(analysis, "goals").prompt).toBe(discussionPrompt("goals", "employee_higher"));
    expect(dimension(analysis, "knowledge").prompt).toBe(discussionPrompt("knowledge", "manager_higher"));
    expect(dimension(analysis, "conversation").prompt).toBe(discussionPrompt("conversation", "employee_higher"));
    expect(dimension(analysis, "respect").prompt).toBe(discussionPrompt("respect", "employee_higher"));
    for (const key of ["trust", "contact", "contribution", "loyalty", "feedback"] as const) expect(dimension(analysis, key).prompt).toBeUndefined();
  });

  it("finds strengths: both means ≥ 4 and |gap| ≤ 0.5, in dashboard order", () => {
    // trust: 4.667 and 4.25, gap 0.417 → strength. contact: 4 and 4.333, gap 0.333 → strength.
    // contribution: 3.667 < 4 → not. respect: gap 1 → not.
    expect(analysis.strengths).toEqual(["trust", "contact"]);
  });

  it("finds blind spots where a prediction missed the other's mean by ≥ 1.5", () => {
    // Employee predicted trust 3 vs manager 4.25: miss −1.25 → none.
    // Manager predicted trust 3 vs employee 14/3: miss 3 − 14/3 = −5/3 → blind spot.
    // Employee predicted goals 4 vs manager 7/3: miss 5/3 → blind spot.
    // Employee can't say on knowledge → none. Manager predicted knowledge 4 vs 2.5: miss 1.5, the tie → blind spot.
    // Manager predicted conversation 3 vs 13/3: miss −4/3 → just below, none.
    // Employee predicted feedback 1 vs manager 2.5: miss −1.5 → blind spot. Manager predicted
    // feedback 3, but the employee has no mean → none.
    expect(analysis.blindSpots).toEqual([
      {
        dimension: "trust",
        name: "Trust",
        predictedBy: "manager",
        predicted: 3,
        actual: 4.666666667,
        miss: -1.666666667,
        prompt: blindSpotPrompt("trust", false),
      },
      {
        dimension: "goals",
        name: "Goal alignment",
        predictedBy: "employee",
        predicted: 4,
        actual: 2.333333333,
        miss: 1.666666667,
        prompt: blindSpotPrompt("goals", true),
      },
      {
        dimension: "knowledge",
        name: "Mutual knowledge",
        predictedBy: "manager",
        predicted: 4,
        actual: 2.5,
        miss: 1.5,
        prompt: blindSpotPrompt("knowledge", true),
      },
      {
        dimension: "feedback",
        name: "Feedback and advice",
        predictedBy: "employee",
        predicted: 1,
        actual: 2.5,
        miss: -1.5,
        prompt: blindSpotPrompt("feedback", false),
      },
    ]);
  });

  it("has no change without a previous assessment", () => {
    for (const d of analysis.dimensions) expect("change" in d).toBe(false);
  });
});

describe("analyzePair: can't say", () => {
  it("leaves a can't-say item out of that side's mean instead of counting it as zero", () => {
    const analysis = analyzePair(bank, answersOf({ goals: [CANT_SAY, 2, 4] }), answersOf({ goals: [5, 3, 3] }));
    const goals = dimension(analysis, "goals");
    // Employee: (2 + 4)/2 = 3 (as zero it would be 6/3 = 2). Manager: 11/3. Gap: 3 − 11/3 = −2/3.
    expect(goals.employee).toEqual({ mean: 3, answered: 2, cantSay: 1 });
    expect(goals.manager).toEqual({ mean: 3.666666667, answered: 3, cantSay: 0 });
    expect(goals.gap).toBe(-0.666666667);
    expect(goals.notable).toBe(false);
    expect(goals.items[0]).toMatchObject({ employee: null, manager: 5, employeeCantSay: true, managerCantSay: false, gap: null, notable: false });
  });

  it("gives a dimension all can't say (or blank) on one side no mean, no gap, nothing notable", () => {
    const analysis = analyzePair(
      bank,
      answersOf({ knowledge: [CANT_SAY, undefined, CANT_SAY, undefined] }, { knowledge: 1 }),
      answersOf({ knowledge: [5, 5, 5, 5] }, { knowledge: 1 }),
    );
    const knowledge = dimension(analysis, "knowledge");
    expect(knowledge.employee).toEqual({ mean: null, answered: 0, cantSay: 2 }); // 2 can't say, 2 blank
    expect(knowledge.manager).toEqual({ mean: 5, answered: 4, cantSay: 0 });
    expect([knowledge.gap, knowledge.notable, knowledge.large, knowledge.prompt]).toEqual([null, false, false, undefined]);
    expect(knowledge.items.map((i) => i.gap)).toEqual([null, null, null, null]);
    expect(knowledge.items.map((i) => i.employeeCantSay)).toEqual([true, false, true, false]);
    // The employee predicted 1 vs the manager's 5: miss −4 → blind spot. The manager predicted 1, but
    // the employee has no mean to miss → none.
    expect(analysis.blindSpots.map((b) => [b.dimension, b.predictedBy, b.miss])).toEqual([["knowledge", "employee", -4]]);
  });

  it("gives no blind spot for a can't-say or missing prediction", () => {
    const analysis = analyzePair(bank, answersOf({ trust: [5, 5, 5, 5] }, { trust: CANT_SAY }), answersOf({ trust: [1, 1, 1, 1] }));
    expect(analysis.blindSpots).toEqual([]);
  });
});

describe("analyzePair: ties at every threshold", () => {
  it("is notable at exactly 1, even when the means are thirds (13/3 − 10/3)", () => {
    // Employee (5 + 4 + 4)/3 = 13/3, manager (4 + 3 + 3)/3 = 10/3: gap 1 on paper, 0.9999999999999996 in floating point.
    const analysis = analyzePair(bank, answersOf({ conversation: [5, 4, 4] }), answersOf({ conversation: [4, 3, 3] }));
    expect(dimension(analysis, "conversation")).toMatchObject({ gap: 1, notable: true, large: false });
  });

  it("is not notable just below 1", () => {
    // Employee (4 + 4 + 4 + 5)/4 = 4.25, manager (3 + 3 + 4)/3 = 10/3 (one can't say): 17/4 − 10/3 = 11/12 = 0.916666667.
    const analysis = analyzePair(bank, answersOf({ knowledge: [4, 4, 4, 5] }), answersOf({ knowledge: [3, 3, CANT_SAY, 4] }));
    expect(dimension(analysis, "knowledge")).toMatchObject({ gap: 0.916666667, notable: false, large: false });
    expect(analysis.notableCount).toBe(0);
  });

  it("is large at exactly 1.5 on dimension means (4.5 vs 3.0), and not at 13/3 − 3", () => {
    // Employee (5 + 4 + 5 + 4)/4 = 4.5, manager 3: gap 1.5.
    const large = analyzePair(bank, answersOf({ feedback: [5, 4, 5, 4] }), answersOf({ feedback: [3, 3, 3, 3] }));
    expect(dimension(large, "feedback")).toMatchObject({ gap: 1.5, notable: true, large: true });
    // Employee (5 + 4 + 4)/3 = 13/3, manager 3: gap 4/3 = 1.333333333.
    const notLarge = analyzePair(bank, answersOf({ respect: [5, 4, 4] }), answersOf({ respect: [3, 3, 3] }));
    expect(dimension(notLarge, "respect")).toMatchObject({ gap: 1.333333333, notable: true, large: false });
  });

  it("is large at exactly 2 on items, not at 1, whatever the sign", () => {
    const analysis = analyzePair(bank, answersOf({ loyalty: [3, 2, 4] }), answersOf({ loyalty: [1, 3, 4] }));
    // backing 3 − 1 = 2, advocacy 2 − 3 = −1, upward 4 − 4 = 0.
    expect(dimension(analysis, "loyalty").items.map((i) => [i.gap, i.notable, i.large])).toEqual([
      [2, true, true],
      [-1, true, false],
      [0, false, false],
    ]);
    // Dimension: 9/3 − 8/3 = 1/3: the item gaps are not the dimension's.
    expect(dimension(analysis, "loyalty")).toMatchObject({ gap: 0.333333333, notable: false, large: false });
  });

  it("keeps the sign of a manager-higher gap and flags it by absolute value", () => {
    // Employee (2 + 2 + 2)/3 = 2, manager (4 + 4 + 3)/3 = 11/3: gap −5/3.
    const analysis = analyzePair(bank, answersOf({ goals: [2, 2, 2] }), answersOf({ goals: [4, 4, 3] }));
    const goals = dimension(analysis, "goals");
    expect(goals).toMatchObject({ gap: -1.666666667, notable: true, large: true });
    expect(goals.prompt).toBe(discussionPrompt("goals", "manager_higher"));
  });

  it("finds a blind spot at a miss of exactly 1.5 and none just below", () => {
    // Manager means: trust (5 + 5 + 4 + 4)/4 = 4.5; goals (4 + 4 + 5)/3 = 13/3.
    // Employee predicts trust 3: miss −1.5 → blind spot. Predicts goals 3: miss −4/3 → none.
    const analysis = analyzePair(bank, answersOf({}, { trust: 3, goals: 3 }), answersOf({ trust: [5, 5, 4, 4], goals: [4, 4, 5] }));
    expect(analysis.blindSpots.map((b) => [b.dimension, b.predictedBy, b.predicted, b.actual, b.miss])).toEqual([["trust", "employee", 3, 4.5, -1.5]]);
  });
});

describe("analyzePair: strengths at the boundary", () => {
  it("is a strength with both means ≥ 4.0 and a gap of exactly 0.5", () => {
    // Employee 4, manager (5 + 4 + 5 + 4)/4 = 4.5: gap −0.5.
    const analysis = analyzePair(bank, answersOf({ knowledge: [4, 4, 4, 4] }), answersOf({ knowledge: [5, 4, 5, 4] }));
    expect(analysis.strengths).toEqual(["knowledge"]);
  });

  it("is not a strength with a mean just below 4 or a gap just above 0.5", () => {
    // Employee (4 + 4 + 4 + 3)/4 = 3.75 < 4, manager 4.
    const belowFour = analyzePair(bank, answersOf({ knowledge: [4, 4, 4, 3] }), answersOf({ knowledge: [4, 4, 4, 4] }));
    expect(belowFour.strengths).toEqual([]);
    // Employee 4, manager (5 + 5 + 5 + 4)/4 = 4.75: gap 0.75 > 0.5.
    const gapTooWide = analyzePair(bank, answersOf({ knowledge: [4, 4, 4, 4] }), answersOf({ knowledge: [5, 5, 5, 4] }));
    expect(gapTooWide.strengths).toEqual([]);
  });
});

describe("analyzePair: dashboard order", () => {
  it("keeps bank order when every gap ties, with trust and goals first", () => {
    const analysis = analyzePair(bank, answersOf(allRated(4)), answersOf(allRated(4)));
    expect(analysis.dimensions.map((d) => d.key)).toEqual([
      "trust",
      "goals",
      "contact",
      "conversation",
      "knowledge",
      "loyalty",
      "contribution",
      "respect",
      "feedback",
    ]);
  });

  it("leads with trust and goals even when their gaps are unknown, and puts other unknown gaps after a gap of 0", () => {
    const employee = answersOf({
      ...allRated(3),
      trust: [CANT_SAY, CANT_SAY, CANT_SAY, CANT_SAY], // gap null
      contact: [undefined, undefined, undefined], //     gap null
      respect: [5, 5, 5], //                             5 − 3 = 2
      feedback: [4, 4, 4, 4], //                         4 − 3 = 1
    });
    const analysis = analyzePair(bank, employee, answersOf(allRated(3)));
    // goals 0; respect 2, feedback 1, then the zeros in bank order, then contact (null).
    expect(analysis.dimensions.map((d) => d.key)).toEqual([
      "trust",
      "goals",
      "respect",
      "feedback",
      "conversation",
      "knowledge",
      "loyalty",
      "contribution",
      "contact",
    ]);
  });
});

describe("analyzePair: change since the previous assessment", () => {
  const employee = answersOf({ ...allRated(3), contact: [4, 4, 4], trust: [5, 5, 4, 4], goals: [4, 4, 4], feedback: [3, 3, 3, 3] });
  const manager = answersOf({ ...allRated(3), contact: [3, 3, 3], trust: [4, 4, 4, 4], goals: [4, 4, 4], feedback: [2, 2, 2, 2] });
  // The previous assessment used the older bank: trust had two items, there was no feedback dimension.
  const previous = {
    bank: olderBank,
    employee: answersOf({ ...allRated(3, olderBank), contact: [3, 3, 3], trust: [3, 4], goals: [CANT_SAY, CANT_SAY, CANT_SAY] }, {}, olderBank),
    manager: answersOf({ ...allRated(3, olderBank), contact: [4, 4, 4], trust: [5, 4], goals: [2, 2, 3] }, {}, olderBank),
  };
  const analysis = analyzePair(bank, employee, manager, previous);

  it("gives each side's change and the gap's change, current minus previous", () => {
    // contact: employee 4 − 3 = 1, manager 3 − 4 = −1, gap (4 − 3) − (3 − 4) = 1 − (−1) = 2.
    expect(dimension(analysis, "contact").change).toEqual({ employee: 1, manager: -1, gap: 2 });
    // trust, matched by key across versions: now employee 18/4 = 4.5, manager 4, gap 0.5;
    // before employee (3 + 4)/2 = 3.5, manager (5 + 4)/2 = 4.5, gap −1.
    // Change: employee 1, manager −0.5, gap 0.5 − (−1) = 1.5.
    expect(dimension(analysis, "trust").change).toEqual({ employee: 1, manager: -0.5, gap: 1.5 });
    // Unchanged dimensions: all 3 then and now.
    expect(dimension(analysis, "loyalty").change).toEqual({ employee: 0, manager: 0, gap: 0 });
  });

  it("gives null where a side had no mean before", () => {
    // goals: the employee could not say anything before → no employee change, no gap change;
    // manager 4 − (2 + 2 + 3)/3 = 4 − 7/3 = 5/3.
    expect(dimension(analysis, "goals").change).toEqual({ employee: null, manager: 1.666666667, gap: null });
  });

  it("gives null for a dimension the previous bank version did not have", () => {
    expect(dimension(analysis, "feedback").change).toEqual({ employee: null, manager: null, gap: null });
  });
});

describe("dimensionTrend", () => {
  // Given out of order; the oldest used the older bank (two trust items, no feedback).
  const january = {
    id: "a-jan",
    revealedAt: new Date("2025-01-15T10:00:00Z"),
    bankVersion: 0,
    employee: answersOf({ trust: [4, 5] }, {}, olderBank), //   (4 + 5)/2 = 4.5
    manager: answersOf({ trust: [3, 3] }, {}, olderBank), //    3; gap 1.5
  };
  const april = {
    id: "a-apr",
    revealedAt: new Date("2025-04-15T10:00:00Z"),
    bankVersion: 1,
    employee: answersOf({ trust: [4, 4, 4, 4], feedback: [CANT_SAY, CANT_SAY, CANT_SAY, CANT_SAY] }), // trust 4; feedback null
    manager: answersOf({ trust: [3, 4, 3, 4], feedback: [3, 3, 3, 3] }), //                             trust 3.5, gap 0.5; feedback 3
  };
  const july = {
    id: "a-jul",
    revealedAt: new Date("2025-07-15T10:00:00Z"),
    bankVersion: 1,
    employee: answersOf({ trust: [5, 5, 5, 4], feedback: [4, 4, 4, 4] }), // trust 19/4 = 4.75; feedback 4
    manager: answersOf({ trust: [4, 4, 5, 5], feedback: [4, 5, 4, 4] }), //  trust 18/4 = 4.5, gap 0.25; feedback 17/4 = 4.25, gap −0.25
  };
  const given = [july, january, april];
  const trend = dimensionTrend(bankFor, given);

  it("gives each dimension's series oldest first", () => {
    expect(trend.trust).toEqual([
      { assessmentId: "a-jan", revealedAt: january.revealedAt, employee: 4.5, manager: 3, gap: 1.5 },
      { assessmentId: "a-apr", revealedAt: april.revealedAt, employee: 4, manager: 3.5, gap: 0.5 },
      { assessmentId: "a-jul", revealedAt: july.revealedAt, employee: 4.75, manager: 4.5, gap: 0.25 },
    ]);
  });

  it("skips assessments whose bank lacks the dimension, and keeps nulls where a side has no mean", () => {
    expect(trend.feedback).toEqual([
      { assessmentId: "a-apr", revealedAt: april.revealedAt, employee: null, manager: 3, gap: null },
      { assessmentId: "a-jul", revealedAt: july.revealedAt, employee: 4, manager: 4.25, gap: -0.25 },
    ]);
    // contact was left blank every time: three points, all without means.
    expect(trend.contact.map((p) => [p.assessmentId, p.employee, p.manager, p.gap])).toEqual([
      ["a-jan", null, null, null],
      ["a-apr", null, null, null],
      ["a-jul", null, null, null],
    ]);
  });

  it("has every dimension key, and leaves the input order alone", () => {
    expect(Object.keys(trend).sort()).toEqual(bank.dimensions.map((d) => d.key).sort());
    expect(given.map((a) => a.id)).toEqual(["a-jul", "a-jan", "a-apr"]);
    expect(dimensionTrend(bankFor, [])).toMatchObject({ trust: [], feedback: [] });
  });
});
