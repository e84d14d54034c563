import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  absoluteAgreement,
  midranks,
  MIN_DRIVER_PAIRS,
  ratingsAnova,
  shroutFleissForms,
  shroutFleissIntervals,
  spearman,
  spearmanOfCounts,
} from "@/server/analysis/agreement";

// Expected values come from published sources, cited beside each, never from this code's own
// output. `toBeCloseTo(x, d)` passes when |received − x| < 10^−d / 2.

// Shrout, P. E. & Fleiss, J. L. (1979), Psychological Bulletin 86(2), 420–428, Table 2: six
// targets rated by four judges.
const SHROUT_FLEISS = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

describe("Shrout & Fleiss (1979), all six forms", () => {
  const anova = ratingsAnova(SHROUT_FLEISS)!;

  it("reproduces the published mean squares (Table 2: BMS 11.24, JMS 32.49, EMS 1.02, WMS 6.26)", () => {
    // By hand from the table: SS between targets 1349/24, judges 2339/24, residual 367/24, within 451/4.
    expect(anova.msRows).toBeCloseTo(1349 / 120, 12);
    expect(anova.msColumns).toBeCloseTo(2339 / 72, 12);
    expect(anova.msError).toBeCloseTo(367 / 360, 12);
    expect(anova.msWithin).toBeCloseTo(451 / 72, 12);
    expect(anova.msRows).toBeCloseTo(11.24, 2);
    expect(anova.msColumns).toBeCloseTo(32.49, 2);
    expect(anova.msError).toBeCloseTo(1.02, 2);
    expect(anova.msWithin).toBeCloseTo(6.26, 2);
  });

  it("gives the published coefficients (Table 4: .17 .29 .71 .44 .62 .91), exactly to 1e-6", () => {
    const forms = shroutFleissForms(anova);
    // Exact values of Table 3's formulas over the mean squares above, as fractions by hand.
    const exact = {
      "ICC(1,1)": 448 / 2703,
      "ICC(2,1)": 184 / 635,
      "ICC(3,1)": 920 / 1287,
      "ICC(1,k)": 1792 / 4047,
      "ICC(2,k)": 736 / 1187,
      "ICC(3,k)": 3680 / 4047,
    };
    const published = { "ICC(1,1)": 0.17, "ICC(2,1)": 0.29, "ICC(3,1)": 0.71, "ICC(1,k)": 0.44, "ICC(2,k)": 0.62, "ICC(3,k)": 0.91 };
    for (const form of Object.keys(exact) as (keyof typeof exact)[]) {
      expect(Math.abs((forms[form] ?? NaN) - exact[form])).toBeLessThan(1e-6);
      expect(forms[form]).toBeCloseTo(published[form], 2);
    }
  });

  it("gives the 95% intervals R's psych::ICC prints for this data (Revelle, psych manual, ICC example)", () => {
    // psych::ICC(sf) lower and upper bounds, as printed (3 and 2 decimals).
    const intervals = shroutFleissIntervals(anova);
    const printed: Record<string, [number, number, number]> = {
      "ICC(1,1)": [-0.133, 0.72, 2],
      "ICC(2,1)": [0.019, 0.76, 2],
      "ICC(3,1)": [0.342, 0.95, 2],
      "ICC(1,k)": [-0.884, 0.91, 2],
      "ICC(2,k)": [0.071, 0.93, 2],
      "ICC(3,k)": [0.676, 0.99, 2],
    };
    for (const [form, [lower, upper, decimals]] of Object.entries(printed)) {
      const ci = intervals[form as keyof typeof intervals]!;
      expect(ci.lower).toBeCloseTo(lower, 3);
      expect(ci.upper).toBeCloseTo(upper, decimals);
    }
  });

  it("absoluteAgreement is ICC(2,1) = ICC(A,1) with McGraw & Wong's interval", () => {
    const result = absoluteAgreement(SHROUT_FLEISS)!;
    expect(Math.abs(result.icc - 184 / 635)).toBeLessThan(1e-6);
    expect(result.n).toBe(6);
    expect(result.interval!.lower).toBeCloseTo(0.019, 3);
    expect(result.interval!.upper).toBeCloseTo(0.76, 2);
  });
});

describe("absoluteAgreement between two sides", () => {
  it("is 1 for identical ratings and below Pearson's 1 when one side rates everything higher", () => {
    const same = absoluteAgreement([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ])!;
    expect(same.icc).toBe(1);
    // Undefined at ρ = 1: no residual variance to build the interval from.
    expect(same.interval).toBeNull();
    // Manager two points above the report in every pair: r = 1, agreement far from it.
    // By hand: row means 2, 3, 4, 3 around 3, so BMS = 2·(1 + 0 + 1 + 0)/3 = 4/3; column means
    // 2 and 4, so JMS = 4·(1 + 1)/1 = 8; EMS = 0. ICC(A,1) = BMS / (BMS + k·(JMS − EMS)/n)
    // = (4/3) / (4/3 + 2·8/4) = 1/4, while Pearson's r is 1.
    const shifted = absoluteAgreement([
      [1, 3],
      [2, 4],
      [3, 5],
      [2, 4],
    ])!;
    expect(Math.abs(shifted.icc - 0.25)).toBeLessThan(1e-12);
  });

  it("drops a pair with a missing rating (listwise) and says over how many it is", () => {
    const withMissing = absoluteAgreement([...SHROUT_FLEISS.map((r) => [r[0]!, r[1]!]), [4, null]])!;
    const without = absoluteAgreement(SHROUT_FLEISS.map((r) => [r[0]!, r[1]!]))!;
    expect(withMissing.n).toBe(6);
    expect(withMissing.icc).toBe(without.icc);
  });

  it("has no value for fewer than 3 complete pairs or no variance at all", () => {
    expect(
      absoluteAgreement([
        [1, 2],
        [3, 4],
      ]),
    ).toBeNull();
    expect(
      absoluteAgreement([
        [1, 2],
        [3, null],
        [null, 4],
        [2, 2],
      ]),
    ).toBeNull();
    expect(
      absoluteAgreement([
        [3, 3],
        [3, 3],
        [3, 3],
      ]),
    ).toBeNull();
    expect(absoluteAgreement([])).toBeNull();
  });

  it("refuses rows of unequal length and non-finite ratings", () => {
    expect(() => absoluteAgreement([[1, 2], [3]])).toThrow(RangeError);
    expect(() =>
      absoluteAgreement([
        [1, Number.NaN],
        [1, 2],
        [2, 3],
      ]),
    ).toThrow(RangeError);
  });
});

describe("spearman", () => {
  it("matches the textbook formula 1 − 6Σd²/(n(n²−1)) when there are no ties", () => {
    // Spearman (1904); the closed form holds exactly for untied ranks.
    const x = [86, 97, 99, 100, 101, 103, 106, 110, 112, 113];
    const y = [0, 20, 28, 27, 50, 29, 7, 17, 6, 12];
    // Wikipedia, "Spearman's rank correlation coefficient", worked example (IQ vs hours of TV): ρ = −29/165 ≈ −0.175758.
    expect(Math.abs(spearman(x, y)!.rho - -29 / 165)).toBeLessThan(1e-9);
  });

  it("gives tied values their mean rank", () => {
    expect(midranks([5, 1, 5, 3])).toEqual([3.5, 1, 3.5, 2]);
  });

  it("uses Bonett & Wright's (2000) standard error √((1 + ρ²/2)/(n − 3)) for the interval", () => {
    const x = [86, 97, 99, 100, 101, 103, 106, 110, 112, 113];
    const y = [0, 20, 28, 27, 50, 29, 7, 17, 6, 12];
    const r = spearman(x, y)!;
    const rho = -29 / 165;
    const se = Math.sqrt((1 + rho ** 2 / 2) / 7);
    expect(r.lower).toBeCloseTo(Math.tanh(Math.atanh(rho) - 1.959963985 * se), 9);
    expect(r.upper).toBeCloseTo(Math.tanh(Math.atanh(rho) + 1.959963985 * se), 9);
    // Wider than Fisher's 1/√(n − 3) would be.
    expect(r.upper - r.lower).toBeGreaterThan(
      Math.tanh(Math.atanh(rho) + 1.959963985 / Math.sqrt(7)) - Math.tanh(Math.atanh(rho) - 1.959963985 / Math.sqrt(7)),
    );
  });

  it("has no value for fewer than 4 complete cases or a constant variable", () => {
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeNull();
    expect(spearman([1, 2, 3, null, 5], [1, 2, 3, 4, null])).toBeNull();
    expect(spearman([1, 2, 3, 4], [2, 2, 2, 2])).toBeNull();
  });

  it("shows drivers from the fewest pairs whose widest interval (ρ = 0) is within ±0.35", () => {
    const halfWidth = (n: number) => Math.tanh(1.959963985 / Math.sqrt(n - 3));
    expect(halfWidth(MIN_DRIVER_PAIRS)).toBeLessThan(0.35);
    expect(halfWidth(MIN_DRIVER_PAIRS - 1)).toBeGreaterThan(0.35);
  });
});

describe("spearmanOfCounts", () => {
  // The same cases as a table of counts by level: x levels are the distinct x values in order.
  const table = (x: number[], y: number[]) => {
    const xs = [...new Set(x)].sort((a, b) => a - b);
    const ys = [...new Set(y)].sort((a, b) => a - b);
    const counts = new Array<number>(xs.length * ys.length).fill(0);
    x.forEach((v, i) => (counts[xs.indexOf(v) * ys.length + ys.indexOf(y[i]!)]! += 1));
    return { counts, xLevels: xs.length, yLevels: ys.length };
  };

  it("is spearman's result to the last bit on answers from short scales, ties and all", () => {
    const mean = fc.integer({ min: 3, max: 15 }).map((total) => total / 3);
    fc.assert(
      fc.property(fc.array(fc.tuple(mean, fc.integer({ min: 1, max: 5 })), { minLength: 0, maxLength: 300 }), (cases) => {
        const x = cases.map(([v]) => v);
        const y = cases.map(([, v]) => v);
        const t = table(x, y);
        expect(spearmanOfCounts(t.counts, t.xLevels, t.yLevels)).toEqual(spearman(x, y));
      }),
      { numRuns: 300 },
    );
  });

  it("matches the textbook example and ignores levels no case has", () => {
    const x = [86, 97, 99, 100, 101, 103, 106, 110, 112, 113];
    const y = [0, 20, 28, 27, 50, 29, 7, 17, 6, 12];
    const t = table(x, y);
    // An empty level between every two: the same ranks.
    const spread = new Array<number>(2 * t.xLevels * t.yLevels).fill(0);
    t.counts.forEach((c, i) => (spread[2 * Math.floor(i / t.yLevels) * t.yLevels + (i % t.yLevels)] = c));
    expect(Math.abs(spearmanOfCounts(t.counts, t.xLevels, t.yLevels)!.rho - -29 / 165)).toBeLessThan(1e-9);
    expect(spearmanOfCounts(spread, 2 * t.xLevels, t.yLevels)).toEqual(spearmanOfCounts(t.counts, t.xLevels, t.yLevels));
  });

  it("has no value for fewer than 4 cases or a constant variable, and refuses a bad table", () => {
    expect(spearmanOfCounts([1, 0, 0, 2], 2, 2)).toBeNull();
    expect(spearmanOfCounts([3, 0, 4, 0], 2, 2)).toBeNull();
    expect(spearmanOfCounts([], 0, 5)).toBeNull();
    expect(() => spearmanOfCounts([1, 2, 3], 2, 2)).toThrow(RangeError);
    expect(() => spearmanOfCounts([1, 2, 3, 0.5], 2, 2)).toThrow(RangeError);
  });
});
