import { describe, expect, it } from "vitest";
import { balanceQuadrant, overallScore, QUADRANT_HIGH, readingOf } from "@/server/analysis/relationship";

describe("overallScore", () => {
  it("is the mean of the dimension means, skipping dimensions with none", () => {
    expect(overallScore([4, 3, null, 5])).toBe(4);
    expect(overallScore([null, null])).toBeNull();
  });
});

describe("balanceQuadrant (Cogliser et al. 2009)", () => {
  it("crosses high and low of each side at 3.5", () => {
    expect(QUADRANT_HIGH).toBe(3.5);
    expect(balanceQuadrant(4.2, 3.9)).toBe("balanced_high");
    expect(balanceQuadrant(2.8, 3.1)).toBe("balanced_low");
    expect(balanceQuadrant(4, 3)).toBe("report_higher");
    expect(balanceQuadrant(3, 4)).toBe("manager_higher");
  });

  it("counts exactly 3.5 as high, whatever binary noise the mean carries", () => {
    // (3 + 4 + 10/3 + 11/3)/4 is 3.5 on paper.
    const mean = overallScore([3, 4, 10 / 3, 11 / 3])!;
    expect(balanceQuadrant(mean, mean)).toBe("balanced_high");
    expect(balanceQuadrant(3.49, 3.5)).toBe("manager_higher");
  });

  it("has no quadrant unless both sides have an overall score", () => {
    expect(balanceQuadrant(null, 4)).toBeNull();
    expect(balanceQuadrant(4, null)).toBeNull();
  });
});

describe("readingOf", () => {
  it("scores predictions against the other's means and against one's own", () => {
    const reading = readingOf([4, 3, 5, null], [4.5, 2, 5, 3], [4, 3, 3, null])!;
    // Misses 0.5, 1, 0: mean 0.5; within half a point on 2 of 3 predicted dimensions.
    expect(reading.meanAbsError).toBeCloseTo(0.5, 12);
    expect(reading.within).toBe(2);
    expect(reading.dimensions).toBe(3);
    // Against own answers: 0, 0, 2 → 2/3.
    expect(reading.assumedSimilarity).toBeCloseTo(2 / 3, 12);
  });

  it("counts a miss of exactly half a point as within (13/3 − 23/6 is 0.5 on paper)", () => {
    expect(readingOf([13 / 3], [23 / 6], [null])).toMatchObject({ within: 1, dimensions: 1, assumedSimilarity: null });
  });

  it("has no reading without a prediction matched by the other's mean", () => {
    expect(readingOf([null, 4], [3, null], [3, 4])).toBeNull();
  });
});
