import quantileF from "@stdlib/stats-base-dists-f-quantile";
import { normalQuantile, pearson, type ConfidenceInterval, type MaybeScore } from "./statistics";

// Agreement beyond Pearson's r, for HR org trends (issue 20). Pearson r says whether reports and
// managers *rank* pairs alike; it is 1 when every manager rates two points above their report.
// The intraclass correlation for absolute agreement says whether they give the *same* scores.
// And a rank correlation tells which dimensions go with the "would you choose them again?"
// answer. Pure functions over plain numbers, like ./statistics.ts: callers choose the cases,
// and anonymity (./anonymity.ts) decides whether a result may be shown.
//
// Sources:
// - Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
//   reliability. Psychological Bulletin 86(2), 420–428. The six forms ICC(1,1) … ICC(3,k).
// - McGraw, K. O. & Wong, S. P. (1996). Forming inferences about some intraclass correlation
//   coefficients. Psychological Methods 1(1), 30–46 (and the correction, 1(4), 390). ICC(A,1),
//   the two-way model's absolute agreement of single ratings (= Shrout & Fleiss's ICC(2,1)), and
//   its F-based confidence interval with Satterthwaite's degrees of freedom (their Table 7).
// - Bonett, D. G. & Wright, T. A. (2000). Sample size requirements for estimating Pearson,
//   Kendall and Spearman correlations. Psychometrika 65(1), 23–28: the standard error of
//   Fisher's z for Spearman's ρ, √((1 + ρ²/2)/(n − 3)).

/** The two-way ANOVA of an n targets × k raters table (mean squares, as Shrout & Fleiss's Table 2). */
export interface RatingsAnova {
  /** Targets (rows) and raters (columns) over which it was computed, after listwise deletion. */
  n: number;
  k: number;
  /** Between targets (BMS), between raters (JMS), residual (EMS), within targets (WMS). */
  msRows: number;
  msColumns: number;
  msError: number;
  msWithin: number;
}

/**
 * The mean squares of a complete targets × raters table. Rows with a missing rating are dropped
 * whole (listwise): the two-way model needs every rater on every target. Null with fewer than 2
 * raters or 2 complete rows (no degrees of freedom for error).
 */
export function ratingsAnova(table: readonly (readonly MaybeScore[])[]): RatingsAnova | null {
  const k = table[0]?.length ?? 0;
  for (const row of table) {
    if (row.length !== k) throw new RangeError(`every target needs one rating per rater: expected ${k}, got ${row.length}`);
    for (const v of row) if (v !== null && !Number.isFinite(v)) throw new RangeError(`a rating must be a finite number, got ${v}`);
  }
  const rows = table.filter((row): row is readonly number[] => row.every((v) => v !== null));
  const n = rows.length;
  if (k < 2 || n < 2) return null;

  let total = 0;
  for (const row of rows) for (const v of row) total += v;
  const grand = total / (n * k);
  const columnMeans = new Array<number>(k).fill(0);
  for (const row of rows) row.forEach((v, j) => (columnMeans[j] = (columnMeans[j] ?? 0) + v / n));

  let ssTotal = 0;
  let ssRows = 0;
  for (const row of rows) {
    let rowSum = 0;
    for (const v of row) {
      rowSum += v;
      ssTotal += (v - grand) ** 2;
    }
    ssRows += k * (rowSum / k - grand) ** 2;
  }
  let ssColumns = 0;
  for (const m of columnMeans) ssColumns += n * (m - grand) ** 2;
  // Rounding can leave a hair below zero where the true residual is 0 (raters differing by a constant).
  const ssError = Math.max(0, ssTotal - ssRows - ssColumns);
  const ssWithin = Math.max(0, ssTotal - ssRows);
  return {
    n,
    k,
    msRows: ssRows / (n - 1),
    msColumns: ssColumns / (k - 1),
    msError: ssError / ((n - 1) * (k - 1)),
    msWithin: ssWithin / (n * (k - 1)),
  };
}

/** Shrout & Fleiss's six intraclass correlations; a form is null where its denominator is 0. */
export interface ShroutFleissForms {
  "ICC(1,1)": number | null;
  "ICC(2,1)": number | null;
  "ICC(3,1)": number | null;
  "ICC(1,k)": number | null;
  "ICC(2,k)": number | null;
  "ICC(3,k)": number | null;
}

/** Shrout & Fleiss (1979) Table 3's formulas over the mean squares. */
export function shroutFleissForms(a: RatingsAnova): ShroutFleissForms {
  const { n, k, msRows: bms, msColumns: jms, msError: ems, msWithin: wms } = a;
  const ratio = (num: number, den: number) => (den === 0 ? null : num / den);
  return {
    "ICC(1,1)": ratio(bms - wms, bms + (k - 1) * wms),
    "ICC(2,1)": ratio(bms - ems, bms + (k - 1) * ems + (k * (jms - ems)) / n),
    "ICC(3,1)": ratio(bms - ems, bms + (k - 1) * ems),
    "ICC(1,k)": ratio(bms - wms, bms),
    "ICC(2,k)": ratio(bms - ems, bms + (jms - ems) / n),
    "ICC(3,k)": ratio(bms - ems, bms),
  };
}

/**
 * The F-based confidence intervals of the six forms: Shrout & Fleiss (1979) for ICC(1,·) and
 * ICC(3,·) (exact F intervals), McGraw & Wong (1996, Table 7) for ICC(2,·) = ICC(A,·), whose
 * average form uses the single form's Satterthwaite degrees of freedom. Null where a form or its
 * interval is undefined.
 *
 * @internal The product reports the point estimates; the intervals stay beside them, checked
 * against the published worked examples, for the research figures that will quote them.
 */
export function shroutFleissIntervals(a: RatingsAnova, confidence = 0.95): Record<keyof ShroutFleissForms, ConfidenceInterval | null> {
  const { n, k, msRows: bms, msColumns: jms, msError: ems, msWithin: wms } = a;
  const p = 1 - (1 - confidence) / 2;
  const forms = shroutFleissForms(a);
  const exact = (f0: number, df2: number) => {
    if (!Number.isFinite(f0)) return null;
    const fl = f0 / quantileF(p, n - 1, df2);
    const fu = f0 * quantileF(p, df2, n - 1);
    return { fl, fu };
  };
  const oneWay = wms === 0 ? null : exact(bms / wms, n * (k - 1));
  const twoWay = ems === 0 ? null : exact(bms / ems, (n - 1) * (k - 1));
  const single = (f: { fl: number; fu: number } | null) => (f ? { lower: (f.fl - 1) / (f.fl + k - 1), upper: (f.fu - 1) / (f.fu + k - 1) } : null);
  const average = (f: { fl: number; fu: number } | null) => (f ? { lower: 1 - 1 / f.fl, upper: 1 - 1 / f.fu } : null);
  const icc2 = forms["ICC(2,1)"];
  const satterthwaite = icc2 === null ? null : agreementDegrees(a, icc2);
  let averageAgreement: ConfidenceInterval | null = null;
  if (satterthwaite !== null) {
    const f1 = quantileF(p, n - 1, satterthwaite);
    const f2 = quantileF(p, satterthwaite, n - 1);
    averageAgreement = { lower: (n * (bms - f1 * ems)) / (f1 * (jms - ems) + n * bms), upper: (n * (f2 * bms - ems)) / (jms - ems + n * f2 * bms) };
  }
  return {
    "ICC(1,1)": single(oneWay),
    "ICC(2,1)": icc2 === null ? null : agreementInterval(a, icc2, confidence),
    "ICC(3,1)": single(twoWay),
    "ICC(1,k)": average(oneWay),
    "ICC(2,k)": averageAgreement,
    "ICC(3,k)": average(twoWay),
  };
}

export interface AbsoluteAgreement {
  /** ICC(A,1): how far one report's and one manager's ratings of the same pair are the same number. */
  icc: number;
  /** McGraw & Wong's F-based interval; null where it is undefined (no residual variance). */
  interval: ConfidenceInterval | null;
  /** Complete targets (pairs) it was computed over. */
  n: number;
}

/**
 * ICC(A,1) with its confidence interval (McGraw & Wong 1996, Table 7, case 2A), over a targets ×
 * raters table with listwise deletion. For Tandem the targets are the pairs of a group and the two
 * raters are the report and the manager, rating one dimension.
 *
 * Null with fewer than 3 complete targets (as Pearson: a coefficient of two points says nothing)
 * or when no rating varies at all (every variance is 0 and the coefficient is 0/0).
 *
 * The interval: with a = k·ρ/(n(1−ρ)), b = 1 + k·ρ(n−1)/(n(1−ρ)) and Satterthwaite's
 * v = (a·JMS + b·EMS)² / ((a·JMS)²/(k−1) + (b·EMS)²/((n−1)(k−1))),
 *   lower = n(BMS − F₁·EMS) / (F₁(k·JMS + (kn − k − n)·EMS) + n·BMS), F₁ = F(1−α/2; n−1, v),
 *   upper = n(F₂·BMS − EMS) / (k·JMS + (kn − k − n)·EMS + n·F₂·BMS), F₂ = F(1−α/2; v, n−1).
 * It is undefined when ρ = 1 or the residual and rater variances are both 0 (v is 0/0).
 */
export function absoluteAgreement(table: readonly (readonly MaybeScore[])[], confidence = 0.95): AbsoluteAgreement | null {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be within (0, 1), got ${confidence}`);
  const a = ratingsAnova(table);
  if (a === null || a.n < 3) return null;
  const icc = shroutFleissForms(a)["ICC(2,1)"];
  if (icc === null) return null;
  return { icc, interval: agreementInterval(a, icc, confidence), n: a.n };
}

/** Satterthwaite's degrees of freedom v of McGraw & Wong's ICC(A,·) interval; null where 0/0. */
function agreementDegrees(anova: RatingsAnova, icc: number): number | null {
  const { n, k, msColumns: jms, msError: ems } = anova;
  if (icc >= 1) return null;
  const a = (k * icc) / (n * (1 - icc));
  const b = 1 + (k * icc * (n - 1)) / (n * (1 - icc));
  const denominator = (a * jms) ** 2 / (k - 1) + (b * ems) ** 2 / ((n - 1) * (k - 1));
  if (!(denominator > 0)) return null;
  return (a * jms + b * ems) ** 2 / denominator;
}

function agreementInterval(anova: RatingsAnova, icc: number, confidence: number): ConfidenceInterval | null {
  const { n, k, msRows: bms, msColumns: jms, msError: ems } = anova;
  const v = agreementDegrees(anova, icc);
  if (v === null) return null;
  const p = 1 - (1 - confidence) / 2;
  const f1 = quantileF(p, n - 1, v);
  const f2 = quantileF(p, v, n - 1);
  if (!Number.isFinite(f1) || !Number.isFinite(f2)) return null;
  const spread = k * jms + (k * n - k - n) * ems;
  return {
    lower: (n * (bms - f1 * ems)) / (f1 * spread + n * bms),
    upper: (n * (f2 * bms - ems)) / (spread + n * f2 * bms),
  };
}

/** Ranks from 1, ties sharing the mean of the ranks they span (midranks). */
export function midranks(values: readonly number[]): number[] {
  // The values sorted as numbers, then each distinct value's rank: the same ranks as sorting
  // (value, position) pairs with a comparator, several times faster (trends rank every group's
  // pairs for every dimension). −0 and 0 are one value, as `===` has it.
  const sorted = Float64Array.from(values).sort();
  // The distinct values in order, each with its rank; every value is then found by bisection.
  const distinct: number[] = [];
  const rankOf: number[] = [];
  for (let start = 0; start < sorted.length;) {
    let end = start + 1;
    while (end < sorted.length && sorted[end] === sorted[start]) end++;
    distinct.push(sorted[start]!);
    rankOf.push((start + 1 + end) / 2);
    start = end;
  }
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = distinct.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = rankOf[lo]!;
  }
  return ranks;
}

export interface RankCorrelation {
  /** Spearman's ρ: Pearson's r of the midranks. */
  rho: number;
  /** Fisher-z interval with Bonett & Wright's standard error. */
  lower: number;
  upper: number;
  /** Complete pairs of values it was computed over. */
  n: number;
}

/**
 * Spearman's rank correlation over the cases where both values are present, with the confidence
 * interval of Bonett & Wright (2000): tanh(atanh(ρ) ± z·√((1 + ρ²/2)/(n − 3))). Fisher's 1/(n−3)
 * is too narrow for Spearman's ρ; their correction widens it, the more the stronger ρ is.
 *
 * Null with fewer than 4 complete cases (n − 3 must be positive) or when either variable is
 * constant (ρ is 0/0). Ties, frequent on a five-point answer, take midranks.
 */
export function spearman(xs: readonly MaybeScore[], ys: readonly MaybeScore[], confidence = 0.95): RankCorrelation | null {
  if (xs.length !== ys.length) throw new RangeError(`spearman needs paired values, got ${xs.length} x and ${ys.length} y`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be within (0, 1), got ${confidence}`);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const xi = xs[i];
    const yi = ys[i];
    if (xi === null || xi === undefined || yi === null || yi === undefined) continue;
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) throw new RangeError("a value must be a finite number");
    x.push(xi);
    y.push(yi);
  }
  const n = x.length;
  if (n < 4) return null;
  const corr = pearson(midranks(x), midranks(y));
  if (corr === null) return null;
  return withInterval(corr.r, n, confidence);
}

/** ρ over n cases with Bonett & Wright's interval (see `spearman`). */
function withInterval(rho: number, n: number, confidence: number): RankCorrelation {
  if (rho === 1 || rho === -1) return { rho, lower: rho, upper: rho, n };
  const se = Math.sqrt((1 + rho ** 2 / 2) / (n - 3));
  const margin = normalQuantile(1 - (1 - confidence) / 2) * se;
  const z = Math.atanh(rho);
  return { rho, lower: Math.tanh(z - margin), upper: Math.tanh(z + margin), n };
}

/**
 * `spearman` of cases given as a table of counts: `counts[i * yLevels + j]` cases have the i-th
 * smallest of the x values and the j-th smallest of the y values (levels that no case has are
 * allowed, and count nothing). On answers from short scales (trends rank a five-point
 * choose-again answer against dimension means, for every group) this is one pass over the
 * cases instead of two sorts.
 *
 * The result is `spearman`'s to the last bit, not only up to rounding: midranks are whole or
 * half numbers and their mean is (n + 1)/2, so every deviation is a half number, every product
 * of two a multiple of 1/4, and the sums of squares and products that Pearson's r divides are
 * exact in floating point either way (below 2⁵¹, so for any n under a hundred thousand).
 */
export function spearmanOfCounts(counts: ArrayLike<number>, xLevels: number, yLevels: number, confidence = 0.95): RankCorrelation | null {
  if (counts.length !== xLevels * yLevels) throw new RangeError(`a ${xLevels} × ${yLevels} table needs ${xLevels * yLevels} counts, got ${counts.length}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be within (0, 1), got ${confidence}`);
  const xTotals = new Float64Array(xLevels);
  const yTotals = new Float64Array(yLevels);
  let n = 0;
  for (let i = 0; i < xLevels; i++) {
    for (let j = 0; j < yLevels; j++) {
      const c = counts[i * yLevels + j] ?? 0;
      if (!(Number.isInteger(c) && c >= 0)) throw new RangeError(`a count must be a whole number ≥ 0, got ${c}`);
      xTotals[i]! += c;
      yTotals[j]! += c;
      n += c;
    }
  }
  if (n < 4) return null;
  const centre = (n + 1) / 2;
  const xDeviation = rankDeviations(xTotals, centre);
  const yDeviation = rankDeviations(yTotals, centre);
  // A constant variable (one level holds every case): ρ is 0/0, as `pearson` has it.
  if (xDeviation === null || yDeviation === null) return null;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < xLevels; i++) sxx += (xTotals[i] ?? 0) * (xDeviation[i] ?? 0) ** 2;
  for (let j = 0; j < yLevels; j++) syy += (yTotals[j] ?? 0) * (yDeviation[j] ?? 0) ** 2;
  for (let i = 0; i < xLevels; i++) {
    const dx = xDeviation[i] ?? 0;
    for (let j = 0; j < yLevels; j++) sxy += (counts[i * yLevels + j] ?? 0) * dx * (yDeviation[j] ?? 0);
  }
  // As `pearson`: rounding can push a perfect correlation a hair past ±1.
  return withInterval(Math.min(1, Math.max(-1, sxy / Math.sqrt(sxx * syy))), n, confidence);
}

/** Each level's midrank minus `centre`; null when one level holds every case. */
function rankDeviations(totals: Float64Array, centre: number): Float64Array | null {
  const deviations = new Float64Array(totals.length);
  let below = 0;
  let used = 0;
  for (let i = 0; i < totals.length; i++) {
    const c = totals[i] ?? 0;
    if (c === 0) continue;
    used++;
    // The ranks below + 1 … below + c share their mean.
    deviations[i] = below + (c + 1) / 2 - centre;
    below += c;
  }
  return used < 2 ? null : deviations;
}

/**
 * The fewest pairs for which "what goes with choose again" is shown. The widest 95% interval of
 * a rank correlation is at ρ = 0, where it is ±tanh(1.96/√(n − 3)); it first stays within ±0.35
 * at n = 32. With fewer pairs, the dimensions' order would mostly be noise: two dimensions at
 * ρ = .1 and ρ = .4 could not be told apart, and HR would read a ranking that is not there.
 */
export const MIN_DRIVER_PAIRS = 32;
