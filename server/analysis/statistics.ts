// The statistics behind HR org trends (PRODUCT.md §5): means, agreement between the two sides
// of a pair (Pearson r with a Fisher-z confidence interval, shown beside the published
// benchmark) and scale reliability (Cronbach's α). Pure functions over plain numbers: callers
// decide which answers go in, and anonymity (./anonymity.ts) decides whether a result may be
// shown at all.
//
// Missing values: a `null` stands for an answer that is not a score ("can't say", or not
// answered). Pearson and α drop incomplete cases listwise, so every statistic is computed over
// one well-defined set of cases, whose number is returned as `n`. That `n` counts cases (pairs,
// responses), not people: one manager can be in several pairs. The anonymity check needs
// distinct people per side, which the caller counts from the same cases.

/** An answer that may be missing: `null` is never treated as a score. */
export type MaybeScore = number | null;

/**
 * Leader–member agreement as published, shown beside Tandem's own agreement figures so HR can
 * read a pair-level r in context (PRODUCT.md §5).
 */
export const LMX_AGREEMENT_BENCHMARK = {
  rho: 0.37,
  source: "Sin, Nahrgang & Morgeson (2009), Journal of Applied Psychology 94(4), 1048–1057: corrected mean correlation between leader and member LMX ratings",
} as const;

/** z for a two-sided 95% interval, Φ⁻¹(0.975), to the precision of standard tables. */
const Z_95 = 1.959963985;

/** Arithmetic mean; null for an empty list (there is no mean of nothing, and 0 would be a lie). */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  assertFinite(values);
  // Indexed loops over numbers here and below: for…of boxes every fractional value it yields, and
  // trends take means and correlations over tens of thousands of them per cycle.
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}

export interface Correlation {
  r: number;
  /** Complete pairs the coefficient was computed over. */
  n: number;
}

/**
 * Pearson's product-moment correlation over the pairs where both values are present.
 *
 * Null when fewer than 3 complete pairs remain (two points always lie on a line, so r = ±1
 * says nothing) or when either side has no variance (r is 0/0: undefined, not 0).
 */
export function pearson(xs: readonly MaybeScore[], ys: readonly MaybeScore[]): Correlation | null {
  if (xs.length !== ys.length) {
    throw new RangeError(`pearson needs paired values, got ${xs.length} x and ${ys.length} y`);
  }
  const pairs = completePairs(xs, ys);
  const n = pairs.x.length;
  if (n < 3) return null;
  // Checked exactly rather than with a tolerance: a constant column is the only case of zero
  // variance, and rounding in the mean must not turn it into a tiny non-zero one.
  if (isConstant(pairs.x) || isConstant(pairs.y)) return null;

  const meanX = mean(pairs.x) ?? 0;
  const meanY = mean(pairs.y) ?? 0;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (pairs.x[i] ?? 0) - meanX;
    const dy = (pairs.y[i] ?? 0) - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Rounding can push a perfect correlation a hair past ±1, which atanh would turn into NaN.
  return { r: clamp(sxy / Math.sqrt(sxx * syy), -1, 1), n };
}

export interface ConfidenceInterval {
  lower: number;
  upper: number;
}

/**
 * Confidence interval for a population correlation ρ from a sample r over n pairs, by Fisher's
 * z-transformation: z = atanh(r) is close to normal with standard error 1/√(n−3), so the interval
 * is tanh(z ± z₍₁₋α/₂₎ · se).
 *
 * - n = 3: se = 1/√0 is infinite; the interval is its limit, [−1, 1]: three pairs cannot bound ρ.
 * - r = ±1 (n > 3): atanh(±1) = ±∞ and the interval collapses to [r, r], the limit of the formula.
 *   It is degenerate, not a claim of certainty; callers should say so rather than show "±0".
 */
export function fisherInterval(r: number, n: number, confidence = 0.95): ConfidenceInterval {
  if (!Number.isFinite(r) || r < -1 || r > 1) throw new RangeError(`r must be within [-1, 1], got ${r}`);
  if (!Number.isInteger(n) || n < 3) throw new RangeError(`a correlation needs at least 3 pairs, got n = ${n}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be within (0, 1), got ${confidence}`);

  if (n === 3) return { lower: -1, upper: 1 };
  if (r === 1 || r === -1) return { lower: r, upper: r };

  const z = Math.atanh(r);
  const se = 1 / Math.sqrt(n - 3);
  const margin = criticalZ(confidence) * se;
  return { lower: Math.tanh(z - margin), upper: Math.tanh(z + margin) };
}

export interface Reliability {
  alpha: number;
  /** Respondents with every item answered: the rows α was computed over. */
  n: number;
  /** Items in the scale. */
  k: number;
}

/**
 * Cronbach's α for one scale: rows are respondents, columns are items.
 *
 * α = k/(k−1) · (1 − Σ item variances / variance of the row totals), with sample variances
 * (divisor n−1) throughout; the divisor cancels in the ratio, but mixing divisors would not.
 * Only rows with every item answered count (listwise deletion): a total over fewer items is not
 * comparable with the others. Null when there are fewer than 2 items or 2 complete rows, or when
 * the totals do not vary (α is then 0/0). α may be negative; that is reported, not hidden,
 * because it says the items do not hang together.
 */
export function cronbachAlpha(matrix: readonly (readonly MaybeScore[])[]): Reliability | null {
  return cronbachAlphaOf(matrix, (row) => row);
}

/**
 * `cronbachAlpha` of the matrix whose rows are `scoresOf` each of `rows`, without building it:
 * trends take α of every group, side and dimension from the responses' own score lists. The
 * same additions in the same order (each variance two-pass, over the complete rows in order),
 * so the same result to the last bit; the matrix's columns are only walked together, in two
 * passes instead of two per column.
 */
export function cronbachAlphaOf<T>(rows: readonly T[], scoresOf: (row: T) => readonly MaybeScore[]): Reliability | null {
  const first = rows[0];
  const k = first === undefined ? 0 : scoresOf(first).length;
  for (const row of rows) {
    const length = scoresOf(row).length;
    if (length !== k) throw new RangeError(`every row needs one entry per item: expected ${k}, got ${length}`);
  }
  if (k < 2) return null;
  // Only rows with every item answered count (listwise deletion); a row's total is found in the
  // loop that checks it.
  let n = 0;
  let total = 0;
  const itemTotals = new Float64Array(k);
  for (const row of rows) {
    const scores = scoresOf(row);
    const rowTotal = completeTotal(scores);
    if (rowTotal === null) continue;
    n++;
    total += rowTotal;
    for (let item = 0; item < k; item++) itemTotals[item]! += scores[item] as number;
  }
  if (n < 2) return null;

  const centre = total / n;
  const itemCentres = itemTotals.map((t) => t / n);
  let squares = 0;
  const itemSquares = new Float64Array(k);
  for (const row of rows) {
    const scores = scoresOf(row);
    const rowTotal = completeTotal(scores);
    if (rowTotal === null) continue;
    squares += (rowTotal - centre) ** 2;
    for (let item = 0; item < k; item++) itemSquares[item]! += ((scores[item] as number) - (itemCentres[item] ?? 0)) ** 2;
  }
  const totalVariance = squares / (n - 1);
  if (totalVariance === 0) return null;

  let itemVarianceSum = 0;
  for (let item = 0; item < k; item++) itemVarianceSum += (itemSquares[item] ?? 0) / (n - 1);
  return { alpha: (k / (k - 1)) * (1 - itemVarianceSum / totalVariance), n, k };
}

/**
 * Φ⁻¹(p), the standard normal quantile, by Wichura's algorithm AS 241 (PPND16), Applied
 * Statistics 37(3), 477–484 (1988): rational approximations accurate to about 1e-16.
 * Exported for the interval at other confidence levels and so it can be checked against tables.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be within (0, 1), got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(AS241_A, r)) / horner(AS241_B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = horner(AS241_C, r) / horner(AS241_D, r);
  } else {
    r -= 5;
    value = horner(AS241_E, r) / horner(AS241_F, r);
  }
  return q < 0 ? -value : value;
}

// AS 241 coefficients, lowest degree first.
const AS241_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
  33430.575583588128105, 2509.0809287301226727,
];
const AS241_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674,
  5226.495278852854561,
];
const AS241_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177,
  0.0227238449892691845833, 7.7454501427834140764e-4,
];
const AS241_D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4,
  1.05075007164441684324e-9,
];
const AS241_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386,
  2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const AS241_F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7,
  2.04426310338993978564e-15,
];

/** The two-sided critical value for a confidence level; 95% uses the tabled constant exactly. */
function criticalZ(confidence: number): number {
  return confidence === 0.95 ? Z_95 : normalQuantile((1 + confidence) / 2);
}

function horner(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + (coefficients[i] ?? 0);
  return value;
}

function completePairs(xs: readonly MaybeScore[], ys: readonly MaybeScore[]): { x: readonly number[]; y: readonly number[] } {
  // Trends correlate pairs already known to be complete, for every group: no copy then.
  // Every value was just checked to be a score.
  if (isEveryPairComplete(xs, ys)) return { x: xs as readonly number[], y: ys as readonly number[] };
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const xi = xs[i];
    const yi = ys[i];
    if (isScore(xi) && isScore(yi)) {
      x.push(xi);
      y.push(yi);
    }
  }
  return { x, y };
}

/** Whether completePairs would keep every pair, checking the values in the same order it does. */
function isEveryPairComplete(xs: readonly MaybeScore[], ys: readonly MaybeScore[]): boolean {
  for (let i = 0; i < xs.length; i++) if (!(isScore(xs[i]) && isScore(ys[i]))) return false;
  return true;
}

/** A complete row's scores added from 0 in item order (each checked by `isScore`), null for an incomplete one. */
function completeTotal(row: readonly MaybeScore[]): number | null {
  let total = 0;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (!isScore(v)) return null;
    total += v;
  }
  return total;
}

// A non-finite number is a bug upstream, not a missing answer: it must not be dropped silently.
function isScore(value: MaybeScore | undefined): value is number {
  if (value === null || value === undefined) return false;
  if (!Number.isFinite(value)) throw new RangeError(`a score must be a finite number, got ${value}`);
  return true;
}

function assertFinite(values: readonly number[]): void {
  for (let i = 0; i < values.length; i++) isScore(values[i]);
}

function isConstant(values: readonly number[]): boolean {
  return values.every((value) => value === values[0]);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
