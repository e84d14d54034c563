import { roundScore } from "./gaps";

// Two readings of one pair's revealed assessment that the research on leader–member agreement
// uses beyond per-dimension gaps (issue 20): where the pair sits among the four combinations of
// high and low ratings from each side, and how well each side read the other. Pure functions over
// the two sides' dimension means and predictions (bank order); the pair dashboard shows them to
// the pair, and HR trends aggregate them over groups of pairs (server/trends/compute.ts).

/**
 * The four combinations of Cogliser, Schriesheim, Scandura & Gardner (2009), "Balance in leader
 * and follower perceptions of leader–member exchange", Leadership Quarterly 20(3), 452–465:
 * balanced/high, balanced/low, follower overestimation (the report rates the relationship higher
 * than the manager does) and follower underestimation (the manager rates it higher).
 */
export const QUADRANTS = ["balanced_high", "balanced_low", "report_higher", "manager_higher"] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/**
 * The cut-off between a high and a low overall rating: 3.5, midway between "Neither" (3) and
 * "Agree" (4). At or above it a side, on average over the dimensions, agrees that the relationship
 * works. Cogliser et al. split each side into high and low within their own sample; Tandem cannot:
 * a pair's quadrant on its own dashboard must not depend on other pairs' answers (that would tell
 * the pair something about them), and a fixed point keeps a pair's quadrant comparable across
 * cycles and groups. 3.5 is also the point where rounding to the scale turns "Neither" into "Agree".
 */
export const QUADRANT_HIGH = 3.5;

/**
 * A side's overall relationship score: the mean of its dimension means, each dimension weighing
 * the same whatever its number of items. Dimensions the side left wholly unanswered are skipped;
 * null if it rated none.
 */
export function overallScore(dimensionMeans: readonly (number | null)[]): number | null {
  let sum = 0;
  let count = 0;
  for (const m of dimensionMeans) {
    if (m === null) continue;
    sum += m;
    count++;
  }
  return count === 0 ? null : sum / count;
}

/** The pair's quadrant from the two overall scores (see QUADRANT_HIGH); null unless both exist. */
export function balanceQuadrant(employee: number | null, manager: number | null): Quadrant | null {
  if (employee === null || manager === null) return null;
  const employeeHigh = roundScore(employee) >= QUADRANT_HIGH;
  const managerHigh = roundScore(manager) >= QUADRANT_HIGH;
  if (employeeHigh && managerHigh) return "balanced_high";
  if (!employeeHigh && !managerHigh) return "balanced_low";
  return employeeHigh ? "report_higher" : "manager_higher";
}

/** Within this distance of the other's mean a prediction counts as a close reading. */
export const CLOSE_READING = 0.5;

export interface Reading {
  /** Mean absolute error of the side's predictions against the other side's dimension means. */
  meanAbsError: number;
  /** Dimensions predicted within CLOSE_READING of the other's mean… */
  within: number;
  /** …of this many: the dimensions with both a prediction and the other's mean. */
  dimensions: number;
  /**
   * Assumed similarity, as a distance: the mean absolute difference between the side's
   * predictions and its own dimension means, over dimensions with both. 0 means the side expected
   * the other to answer exactly as it did itself. Null when no dimension has both.
   */
  assumedSimilarity: number | null;
}

/**
 * How closely one side read the other (Kenny & Acitelli 2001, "Accuracy and bias in the
 * perception of the partner in a close relationship", Journal of Personality and Social
 * Psychology 80(3), 439–448: accuracy is prediction against the partner's answer, assumed
 * similarity is prediction against one's own). Absolute differences on the scale rather than
 * correlations: nine dimensions are too few for a stable correlation per person, and "within half
 * a point" is something a pair can act on. Null when no dimension has both a prediction and the
 * other's mean.
 */
export function readingOf(
  predictions: readonly (number | null)[],
  otherMeans: readonly (number | null)[],
  ownMeans: readonly (number | null)[],
): Reading | null {
  let error = 0;
  let dimensions = 0;
  let within = 0;
  let distance = 0;
  let own = 0;
  predictions.forEach((p, i) => {
    if (p === null) return;
    const other = otherMeans[i] ?? null;
    if (other !== null) {
      const miss = roundScore(Math.abs(p - other));
      error += Math.abs(p - other);
      dimensions++;
      if (miss <= CLOSE_READING) within++;
    }
    const mine = ownMeans[i] ?? null;
    if (mine !== null) {
      distance += Math.abs(p - mine);
      own++;
    }
  });
  if (dimensions === 0) return null;
  return { meanAbsError: error / dimensions, within, dimensions, assumedSimilarity: own === 0 ? null : distance / own };
}

export interface PairRelationship {
  overall: { employee: number | null; manager: number | null };
  quadrant: Quadrant | null;
  /** How each side read the other: `employee` is the report's predictions of the manager. */
  reading: { employee: Reading | null; manager: Reading | null };
}

type Answers = Readonly<Record<string, number | string>>;

/** A prediction on the 1–5 scale, or null ("can't say", blank, off the scale). */
function predictionOf(answers: Answers, key: string): number | null {
  const v = answers[key];
  return typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 5 ? v : null;
}

/**
 * The pair dashboard's quadrant and readings of one revealed assessment, from its dimension
 * means (as `analyzePair` gives them, in any order) and both sides' predictions.
 */
export function pairRelationship(
  dimensions: readonly { key: string; employee: { mean: number | null }; manager: { mean: number | null } }[],
  employee: Answers,
  manager: Answers,
  predictionKeyOf: (dimension: string) => string,
): PairRelationship {
  const employeeMeans = dimensions.map((d) => d.employee.mean);
  const managerMeans = dimensions.map((d) => d.manager.mean);
  const overall = { employee: overallScore(employeeMeans), manager: overallScore(managerMeans) };
  return {
    overall,
    quadrant: balanceQuadrant(overall.employee, overall.manager),
    reading: {
      employee: readingOf(
        dimensions.map((d) => predictionOf(employee, predictionKeyOf(d.key))),
        managerMeans,
        employeeMeans,
      ),
      manager: readingOf(
        dimensions.map((d) => predictionOf(manager, predictionKeyOf(d.key))),
        employeeMeans,
        managerMeans,
      ),
    },
  };
}
