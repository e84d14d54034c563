import { describe, expect, it } from "vitest";
import {
  LMX_AGREEMENT_BENCHMARK,
  cronbachAlpha,
  cronbachAlphaOf,
  fisherInterval,
  mean,
  normalQuantile,
  pearson,
  type MaybeScore,
} from "@/server/analysis/statistics";

// Expected values come from published sources, cited beside each, never from this code's own
// output. `toBeCloseTo(x, d)` passes when |received − x| < 10^−d / 2, so d is the number of
// decimals the source reports.

describe("mean", () => {
  it("averages, and has no value for no data", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([])).toBeNull();
  });

  it("refuses non-finite numbers instead of returning NaN", () => {
    expect(() => mean([1, Number.NaN])).toThrow(RangeError);
  });
});

describe("pearson", () => {
  // Anscombe, F. J. (1973). Graphs in Statistical Analysis. The American Statistician 27(1),
  // 17–21, table 1 (data below as in that table; R's datasets::anscombe holds the same values).
  // The four sets are known for sharing r = 0.816 "to 3 decimal places" (property table of the
  // Wikipedia article "Anscombe's quartet", which summarizes the paper).
  // By hand (x̄ = 9 and Σ(x−x̄)² = 110 in every set):
  //   set  Σ(y−ȳ)²    Σ(x−x̄)(y−ȳ)  r = Sxy / √(110 · Syy)
  //   I    41.27269   55.01        0.81642
  //   II   41.27629   55.00        0.81624
  //   III  41.22620   54.97        0.81629
  //   IV   41.23249   54.99        0.81652
  // Set IV rounds to 0.817; the shared "0.816" holds for all four when cut after 3 decimals,
  // which is how the property is tested below, with the hand values to 5 decimals besides.
  const x123 = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
  const anscombe = {
    I: { x: x123, y: [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68], r: 0.81642 },
    II: { x: x123, y: [9.14, 8.14, 8.74, 8.77, 9.26, 8.1, 6.13, 3.1, 9.13, 7.26, 4.74], r: 0.81624 },
    III: { x: x123, y: [7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73], r: 0.81629 },
    IV: { x: [8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8], y: [6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.5, 5.56, 7.91, 6.89], r: 0.81652 },
  };

  it.each(Object.entries(anscombe))("Anscombe's set %s has r = 0.816… over 11 pairs", (_name, { x, y, r }) => {
    const result = pearson(x, y);
    expect(result?.n).toBe(11);
    expect(result?.r).toBeGreaterThanOrEqual(0.816);
    expect(result?.r).toBeLessThan(0.817);
    expect(result?.r).toBeCloseTo(r, 5);
  });

  it("is symmetric in its two arguments", () => {
    expect(pearson(anscombe.I.y, anscombe.I.x)?.r).toBe(pearson(anscombe.I.x, anscombe.I.y)?.r);
  });

  it("is exactly ±1 for a perfect linear relation", () => {
    // Σ(x−x̄)(y−ȳ) = 10, Σ(x−x̄)² = 5, Σ(y−ȳ)² = 20: r = 10 / √100 = 1.
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toEqual({ r: 1, n: 4 });
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toEqual({ r: -1, n: 4 });
  });

  it("has no value when a side does not vary (r would be 0/0)", () => {
    expect(pearson([1, 2, 3, 4], [3, 3, 3, 3])).toBeNull();
    expect(pearson([8.1, 8.1, 8.1], [1, 2, 3])).toBeNull();
  });

  it("has no value under 3 complete pairs", () => {
    expect(pearson([1, 2], [2, 1])).toBeNull();
    expect(pearson([1, 2, 3], [2, null, 1])).toBeNull();
  });

  it("drops incomplete pairs listwise, and counts only complete ones", () => {
    const xs: MaybeScore[] = [...anscombe.I.x, null, 3, null];
    const ys: MaybeScore[] = [...anscombe.I.y, 4, null, null];
    expect(pearson(xs, ys)).toEqual(pearson(anscombe.I.x, anscombe.I.y));
    expect(pearson(xs, ys)?.n).toBe(11);
  });

  it("refuses unpaired input and non-finite numbers", () => {
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => pearson([1, 2, Number.POSITIVE_INFINITY], [1, 2, 3])).toThrow(RangeError);
  });
});

describe("fisherInterval", () => {
  it("r = 0.5, n = 50 gives the textbook 95% interval [0.26, 0.68]", () => {
    // By hand: z = atanh(0.5) = 0.549306; se = 1/√47 = 0.145865; z ± 1.959963985 · se =
    // 0.263416 … 0.835196; tanh of those = 0.2575 … 0.6833, i.e. [0.26, 0.68] at 2 decimals.
    const { lower, upper } = fisherInterval(0.5, 50);
    expect(lower).toBeCloseTo(0.26, 2);
    expect(upper).toBeCloseTo(0.68, 2);
    expect(lower).toBeCloseTo(0.2575, 4);
    expect(upper).toBeCloseTo(0.6833, 4);
  });

  it("reproduces R's cor.test on Aoki's worked example (n = 10)", () => {
    // Aoki, S., Gunma University statistics lecture notes, "相関係数の検定" (test of a correlation),
    // http://aoki2.si.gunma-u.ac.jp/lecture/Corr/corr-r.html: R's cor.test prints
    // cor 0.1309564, 95 percent confidence interval -0.5434819 0.7026470 (Fisher z, as here).
    const x = [9.7, 10.3, 9.6, 7.7, 10.2, 10.6, 10.4, 11.4, 7.8, 8.6];
    const y = [9.9, 10.9, 9.4, 11.4, 10.1, 8.4, 10.4, 11.4, 9.0, 9.6];
    const correlation = pearson(x, y);
    expect(correlation?.n).toBe(10);
    expect(correlation?.r).toBeCloseTo(0.1309564, 6);
    const interval = fisherInterval(correlation?.r ?? Number.NaN, 10);
    expect(interval.lower).toBeCloseTo(-0.5434819, 6);
    expect(interval.upper).toBeCloseTo(0.702647, 6);
  });

  it("reproduces R's cor.test on the 12-neighbourhood example (negative r)", () => {
    // Stack Overflow question 16097453 ("How to compute p-value and standard error from
    // correlation analysis of R's cor.test"), accepted answer: cor.test prints cor -0.8492663,
    // 95 percent confidence interval -0.9568189 -0.5371871 for these X and Y.
    const x = [50, 11, 2, 19, 26, 73, 81, 51, 11, 2, 19, 25];
    const y = [22.1, 35.9, 57.9, 22.2, 42.4, 5.8, 3.6, 21.4, 55.2, 33.3, 32.4, 38.4];
    const correlation = pearson(x, y);
    expect(correlation?.r).toBeCloseTo(-0.8492663, 6);
    const interval = fisherInterval(correlation?.r ?? Number.NaN, correlation?.n ?? 0);
    expect(interval.lower).toBeCloseTo(-0.9568189, 6);
    expect(interval.upper).toBeCloseTo(-0.5371871, 6);
  });

  it("is wider at 99% than at 95%, around the same r", () => {
    const at95 = fisherInterval(0.5, 50);
    const at99 = fisherInterval(0.5, 50, 0.99);
    expect(at99.lower).toBeLessThan(at95.lower);
    expect(at99.upper).toBeGreaterThan(at95.upper);
  });

  it("collapses to [r, r] for a perfect correlation (atanh(±1) is infinite)", () => {
    expect(fisherInterval(1, 10)).toEqual({ lower: 1, upper: 1 });
    expect(fisherInterval(-1, 10)).toEqual({ lower: -1, upper: -1 });
  });

  it("is [-1, 1] at n = 3, where the standard error 1/√(n−3) is infinite", () => {
    expect(fisherInterval(0.9, 3)).toEqual({ lower: -1, upper: 1 });
    expect(fisherInterval(1, 3)).toEqual({ lower: -1, upper: 1 });
  });

  it("refuses what has no interval", () => {
    expect(() => fisherInterval(0.5, 2)).toThrow(RangeError);
    expect(() => fisherInterval(0.5, 10.5)).toThrow(RangeError);
    expect(() => fisherInterval(1.2, 10)).toThrow(RangeError);
    expect(() => fisherInterval(Number.NaN, 10)).toThrow(RangeError);
    expect(() => fisherInterval(0.5, 10, 1)).toThrow(RangeError);
    expect(() => fisherInterval(0.5, 10, 0)).toThrow(RangeError);
  });
});

describe("normalQuantile", () => {
  // R: qnorm(0.95) = 1.644853626951472, qnorm(0.975) = 1.959963984540054,
  // qnorm(0.995) = 2.575829303548901; scipy.stats.norm.ppf(1e-12) and Excel
  // NORM.S.INV(0.000000000001) = -7.03448382530113 (the far tail, AS 241's third branch).
  it.each([
    [0.95, 1.644853627],
    [0.975, 1.959963985],
    [0.995, 2.575829304],
    [0.5, 0],
    [1e-12, -7.034483825],
  ])("Φ⁻¹(%s) = %s", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 9);
  });

  it("is antisymmetric around 0.5", () => {
    expect(normalQuantile(0.025)).toBeCloseTo(-normalQuantile(0.975), 12);
  });

  it("refuses probabilities outside (0, 1)", () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe("cronbachAlpha", () => {
  // Pingouin's documented example (Vallat, R. (2018). Pingouin: statistics in Python. Journal of
  // Open Source Software 3(31), 1026): pingouin.cronbach_alpha on its bundled dataset
  // "cronbach_alpha" (15 subjects × 10 items, pingouin/datasets/cronbach_alpha.csv) returns
  // alpha = 0.591719; the package states its results are tested against R's psych::alpha.
  // Rows are subjects 0–14, columns items Q1–Q10; the last comment column is the row total.
  const pingouinExample: number[][] = [
    [3, 2, 4, 1, 4, 5, 1, 4, 3, 2], //   29
    [5, 4, 6, 3, 5, 1, 2, 5, 5, 5], //   41
    [7, 3, 5, 5, 6, 4, 3, 3, 6, 5], //   47
    [2, 4, 3, 3, 2, 2, 2, 6, 6, 3], //   33
    [6, 5, 6, 5, 4, 4, 4, 6, 7, 5], //   52
    [1, 2, 3, 4, 2, 5, 2, 3, 5, 2], //   29
    [4, 3, 5, 3, 5, 2, 1, 2, 4, 3], //   32
    [2, 4, 4, 3, 7, 2, 2, 4, 6, 5], //   39
    [6, 5, 5, 5, 1, 6, 5, 2, 3, 2], //   40
    [5, 4, 6, 4, 3, 5, 3, 1, 7, 2], //   40
    [4, 3, 5, 2, 5, 3, 2, 3, 4, 1], //   32
    [4, 2, 3, 2, 5, 3, 4, 2, 3, 4], //   32
    [5, 5, 6, 2, 3, 3, 2, 4, 4, 5], //   39
    [6, 5, 5, 4, 2, 2, 1, 4, 6, 5], //   40
    [4, 3, 5, 5, 3, 1, 3, 2, 3, 4], //   33
  ];
  // By hand, sample variances s² = (Σx² − (Σx)²/15) / 14:
  //   item  Σx  Σx²   s²
  //   Q1    64  314   (314 − 273.0667)/14 = 2.923810
  //   Q2    54  212   (212 − 194.4)/14    = 1.257143
  //   Q3    71  353   (353 − 336.0667)/14 = 1.209524
  //   Q4    51  197   (197 − 173.4)/14    = 1.685714
  //   Q5    57  257   (257 − 216.6)/14    = 2.885714
  //   Q6    48  188   (188 − 153.6)/14    = 2.457143
  //   Q7    37  111   (111 − 91.2667)/14  = 1.409524
  //   Q8    51  205   (205 − 173.4)/14    = 2.257143
  //   Q9    72  376   (376 − 345.6)/14    = 2.171429
  //   Q10   53  217   (217 − 187.2667)/14 = 2.123810
  //   Σ item variances = 20.380952
  //   totals: Σ = 558, Σ² = 21368, s² = (21368 − 558²/15)/14 = (21368 − 20757.6)/14 = 43.6
  //   α = 10/9 · (1 − 20.380952/43.6) = 10/9 · 0.532547 = 0.591719
  it("reproduces pingouin's documented α = 0.591719 (15 respondents, 10 items)", () => {
    const result = cronbachAlpha(pingouinExample);
    expect(result?.n).toBe(15);
    expect(result?.k).toBe(10);
    expect(result?.alpha).toBeCloseTo(0.591719, 6);
  });

  it("is the same from rows read through cronbachAlphaOf, without a matrix", () => {
    const responses = pingouinExample.map((scores, i) => ({ id: i, scores: i === 3 ? [null, ...scores.slice(1)] : scores }));
    const matrix = responses.map((r) => r.scores);
    expect(cronbachAlphaOf(responses, (r) => r.scores)).toEqual(cronbachAlpha(matrix));
    expect(() => cronbachAlphaOf([{ s: [1, 2] }, { s: [1] }], (r) => r.s)).toThrow(RangeError);
  });

  it("drops incomplete rows listwise", () => {
    const withGaps: MaybeScore[][] = [...pingouinExample, [1, null, 5, 5, 5, 5, 5, 5, 5, 5], [null, null, null, null, null, null, null, null, null, null]];
    expect(cronbachAlpha(withGaps)).toEqual(cronbachAlpha(pingouinExample));
  });

  it("is 1 for two identical items", () => {
    // Item variances 1 and 1; totals 2, 4, 6 have variance 4: α = 2 · (1 − 2/4) = 1.
    expect(
      cronbachAlpha([
        [1, 1],
        [2, 2],
        [3, 3],
      ]),
    ).toEqual({ alpha: 1, n: 3, k: 2 });
  });

  it("can be negative, and says so", () => {
    // Items move in opposite directions: item 1 = 1, 2, 3 (variance 1), item 2 = 3, 2, 2
    // (variance 1/3); totals 4, 4, 5 (variance 1/3): α = 2 · (1 − (4/3) / (1/3)) = −6.
    expect(
      cronbachAlpha([
        [1, 3],
        [2, 2],
        [3, 2],
      ])?.alpha,
    ).toBeCloseTo(-6, 12);
  });

  it("has no value without 2 items, 2 complete rows, or varying totals", () => {
    expect(cronbachAlpha([])).toBeNull();
    expect(cronbachAlpha([[1], [2], [3]])).toBeNull();
    expect(cronbachAlpha([[1, 2, 3]])).toBeNull();
    expect(
      cronbachAlpha([
        [1, 2],
        [2, null],
        [null, 1],
      ]),
    ).toBeNull();
    expect(
      cronbachAlpha([
        [1, 2],
        [2, 1],
        [3, 0],
      ]),
    ).toBeNull();
  });

  it("refuses a ragged matrix", () => {
    expect(() =>
      cronbachAlpha([
        [1, 2, 3],
        [1, 2],
      ]),
    ).toThrow(RangeError);
  });
});

describe("LMX_AGREEMENT_BENCHMARK", () => {
  it("is the corrected mean leader–member correlation of Sin, Nahrgang & Morgeson (2009)", () => {
    expect(LMX_AGREEMENT_BENCHMARK.rho).toBe(0.37);
    expect(LMX_AGREEMENT_BENCHMARK.source).toContain("Sin, Nahrgang & Morgeson (2009)");
    expect(LMX_AGREEMENT_BENCHMARK.source).toContain("94(4), 1048–1057");
  });
});
