import {
  CANT_SAY,
  DIMENSION_KEYS,
  predictionKey,
  type AgreementItem,
  type Dimension,
  type DimensionKey,
  type ItemBank,
  type Side,
} from "@/server/assessments/item-bank";
import { blindSpotPrompt, discussionPrompt, type GapDirection } from "./prompts";

// The pair dashboard's analysis of one revealed assessment: where the two sides see their
// relationship differently (gaps), where one side misjudged the other's view (blind spots),
// and what both rate high (strengths). Pure functions over the two answer sets and the bank
// version the assessment pinned; callers load and authorize, this only computes.
//
// "Can't say" is never a score: an item answered "can't say" simply has no rating from that
// side, so it neither pulls a mean down (as a 0 would) nor counts as missing.

/** One side's answers, keyed by question key (the shape stored per response). */
type Answers = Readonly<Record<string, number | string>>;

/** |gap| from which a difference is worth talking about (PRODUCT.md §3). */
export const NOTABLE_GAP = 1;
/** |gap| of dimension means from which the difference is large (PRODUCT.md §3). */
export const LARGE_DIMENSION_GAP = 1.5;
/** Item ratings are whole numbers, so the large threshold of 1.5 becomes 2 on one item. */
export const LARGE_ITEM_GAP = 2;
/** How far a prediction may miss the other side's mean before it is a blind spot. */
export const BLIND_SPOT_MISS = 1.5;
/** A strength is rated at least "Agree" (4) on average by both sides… */
export const STRENGTH_MIN_MEAN = 4;
/** …and seen alike: within half a scale point. */
export const STRENGTH_MAX_GAP = 0.5;

/** Dimensions the dashboard always shows first, in this order (PRODUCT.md §3). */
const LEADING_DIMENSIONS: readonly DimensionKey[] = ["trust", "goals"];

export interface SideScore {
  /** Mean of this side's ratings in the dimension; null when it has none. */
  mean: number | null;
  /** Items this side rated 1–5: the items the mean is taken over. */
  answered: number;
  /** Items this side answered "can't say". Items neither rated nor "can't say" were left blank. */
  cantSay: number;
}

export interface ItemAnalysis {
  key: string;
  employee: number | null;
  manager: number | null;
  employeeCantSay: boolean;
  managerCantSay: boolean;
  /** Employee minus manager; null unless both rated the item. */
  gap: number | null;
  notable: boolean;
  large: boolean;
}

export interface DimensionChange {
  employee: number | null;
  manager: number | null;
  gap: number | null;
}

export interface DimensionAnalysis {
  key: DimensionKey;
  name: string;
  employee: SideScore;
  manager: SideScore;
  /** Employee mean minus manager mean; null unless both sides have a mean. */
  gap: number | null;
  notable: boolean;
  large: boolean;
  items: ItemAnalysis[];
  /** Discussion prompt, present exactly when the gap is notable. */
  prompt?: string;
  /** Current minus previous assessment; present exactly when a previous assessment was given. */
  change?: DimensionChange;
}

export interface BlindSpot {
  dimension: DimensionKey;
  name: string;
  /** The side whose prediction missed. */
  predictedBy: Side;
  /** What that side predicted the other would rate the dimension (1–5). */
  predicted: number;
  /** The other side's actual mean for the dimension. */
  actual: number;
  /** predicted − actual: positive when the predictor thought it looked better to the other. */
  miss: number;
  prompt: string;
}

export interface PairAnalysis {
  /** Every dimension of the bank, in dashboard order (see `dashboardOrder`). */
  dimensions: DimensionAnalysis[];
  /** In dashboard order of their dimension; the employee's prediction before the manager's. */
  blindSpots: BlindSpot[];
  /** In dashboard order. */
  strengths: DimensionKey[];
  /** How many dimensions have a notable gap. */
  notableCount: number;
}

export interface PreviousAssessment {
  bank: ItemBank;
  employee: Answers;
  manager: Answers;
}

// ---- Numbers ---------------------------------------------------------------------------

const DECIMALS = 1e9;

/**
 * Rounds to 9 decimals. Means like 13/3 carry binary noise (13/3 − 10/3 is not exactly 1 in
 * floating point), so every reported value and every threshold comparison goes through this:
 * a gap that is 1 on paper is 1 in the result and counts as notable.
 */
export function roundScore(value: number): number {
  const rounded = Math.round(value * DECIMALS) / DECIMALS;
  // Math.round(-0.1) is -0; report a plain 0 so equal views read as "no gap".
  return rounded === 0 ? 0 : rounded;
}

function reaches(value: number, threshold: number): boolean {
  return roundScore(Math.abs(value)) >= threshold;
}

export function isNotableGap(gap: number | null): boolean {
  return gap !== null && reaches(gap, NOTABLE_GAP);
}

export function isLargeDimensionGap(gap: number | null): boolean {
  return gap !== null && reaches(gap, LARGE_DIMENSION_GAP);
}

export function isLargeItemGap(gap: number | null): boolean {
  return gap !== null && reaches(gap, LARGE_ITEM_GAP);
}

export function isBlindSpotMiss(miss: number): boolean {
  return reaches(miss, BLIND_SPOT_MISS);
}

/** Both sides rate the dimension high and see it alike. */
export function isStrength(employeeMean: number | null, managerMean: number | null): boolean {
  if (employeeMean === null || managerMean === null) return false;
  return (
    roundScore(employeeMean) >= STRENGTH_MIN_MEAN &&
    roundScore(managerMean) >= STRENGTH_MIN_MEAN &&
    roundScore(Math.abs(employeeMean - managerMean)) <= STRENGTH_MAX_GAP
  );
}

/** a − b, or null when either is unknown. Takes unrounded inputs so the difference is exact. */
function difference(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : roundScore(a - b);
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : roundScore(value);
}

// ---- Reading answers -------------------------------------------------------------------

/** A rating on the 1–5 scale, or null for "can't say", blank, or anything off the scale. */
function ratingOf(answers: Answers, key: string): number | null {
  const value = answers[key];
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5 ? value : null;
}

function saidCantSay(answers: Answers, key: string): boolean {
  return answers[key] === CANT_SAY;
}

/** One side's ratings in one dimension, with the exact (unrounded) mean. */
interface SideTally {
  mean: number | null;
  answered: number;
  cantSay: number;
}

function tallySide(dimension: Dimension, answers: Answers): SideTally {
  let sum = 0;
  let answered = 0;
  let cantSay = 0;
  for (const item of dimension.items) {
    const rating = ratingOf(answers, item.key);
    if (rating !== null) {
      sum += rating;
      answered++;
    } else if (saidCantSay(answers, item.key)) {
      cantSay++;
    }
  }
  return { mean: answered === 0 ? null : sum / answered, answered, cantSay };
}

function sideScore(tally: SideTally): SideScore {
  return { mean: roundOrNull(tally.mean), answered: tally.answered, cantSay: tally.cantSay };
}

// ---- Gaps ------------------------------------------------------------------------------

function directionOf(gap: number): GapDirection {
  return gap > 0 ? "employee_higher" : "manager_higher";
}

function analyzeItem(item: AgreementItem, employee: Answers, manager: Answers): ItemAnalysis {
  const employeeRating = ratingOf(employee, item.key);
  const managerRating = ratingOf(manager, item.key);
  const gap = difference(employeeRating, managerRating);
  return {
    key: item.key,
    employee: employeeRating,
    manager: managerRating,
    employeeCantSay: saidCantSay(employee, item.key),
    managerCantSay: saidCantSay(manager, item.key),
    gap,
    notable: isNotableGap(gap),
    large: isLargeItemGap(gap),
  };
}

/** Both sides' exact means for a dimension, as the base for gaps, blind spots and change. */
interface DimensionMeans {
  employee: number | null;
  manager: number | null;
}

function dimensionMeans(dimension: Dimension, employee: Answers, manager: Answers): DimensionMeans {
  return { employee: tallySide(dimension, employee).mean, manager: tallySide(dimension, manager).mean };
}

/** Employee minus manager, unrounded, for further arithmetic. */
function exactGap(means: DimensionMeans): number | null {
  return means.employee === null || means.manager === null ? null : means.employee - means.manager;
}

function changeSince(current: DimensionMeans, previous: DimensionMeans | null): DimensionChange {
  // A dimension the previous bank did not have compares as if both sides had no mean then.
  const before = previous ?? { employee: null, manager: null };
  return {
    employee: difference(current.employee, before.employee),
    manager: difference(current.manager, before.manager),
    gap: difference(exactGap(current), exactGap(before)),
  };
}

function analyzeDimension(dimension: Dimension, employee: Answers, manager: Answers, previous?: PreviousAssessment): DimensionAnalysis {
  const employeeTally = tallySide(dimension, employee);
  const managerTally = tallySide(dimension, manager);
  const gap = difference(employeeTally.mean, managerTally.mean);
  const notable = isNotableGap(gap);
  const analysis: DimensionAnalysis = {
    key: dimension.key,
    name: dimension.name,
    employee: sideScore(employeeTally),
    manager: sideScore(managerTally),
    gap,
    notable,
    large: isLargeDimensionGap(gap),
    items: dimension.items.map((item) => analyzeItem(item, employee, manager)),
  };
  if (notable && gap !== null) analysis.prompt = discussionPrompt(dimension.key, directionOf(gap));
  if (previous) {
    // Banks are versioned, so the previous assessment may have asked other items: match by key.
    const before = previous.bank.dimensions.find((d) => d.key === dimension.key);
    const current = { employee: employeeTally.mean, manager: managerTally.mean };
    analysis.change = changeSince(current, before ? dimensionMeans(before, previous.employee, previous.manager) : null);
  }
  return analysis;
}

// ---- Ordering --------------------------------------------------------------------------

/**
 * Dashboard order: trust, then goals (the dimensions the product leads with), then the rest
 * by the size of their gap, largest first, unknown gaps last; equal gaps keep the bank's order.
 */
export function dashboardOrder<T extends { key: DimensionKey; gap: number | null }>(dimensions: readonly T[], bank: ItemBank): T[] {
  const bankIndex = (key: DimensionKey) => bank.dimensions.findIndex((d) => d.key === key);
  const leadRank = (key: DimensionKey) => {
    const rank = LEADING_DIMENSIONS.indexOf(key);
    return rank === -1 ? LEADING_DIMENSIONS.length : rank;
  };
  // -1 sorts unknown gaps after every known one, including a gap of 0.
  const size = (gap: number | null) => (gap === null ? -1 : roundScore(Math.abs(gap)));
  return [...dimensions].sort((a, b) => leadRank(a.key) - leadRank(b.key) || size(b.gap) - size(a.gap) || bankIndex(a.key) - bankIndex(b.key));
}

// ---- Blind spots -----------------------------------------------------------------------

function blindSpotOf(dimension: DimensionAnalysis, predictedBy: Side, predictions: Answers, otherMean: number | null): BlindSpot | null {
  const predicted = ratingOf(predictions, predictionKey(dimension.key));
  if (predicted === null || otherMean === null) return null;
  const miss = roundScore(predicted - otherMean);
  if (!isBlindSpotMiss(miss)) return null;
  return {
    dimension: dimension.key,
    name: dimension.name,
    predictedBy,
    predicted,
    actual: roundScore(otherMean),
    miss,
    prompt: blindSpotPrompt(dimension.key, miss > 0),
  };
}

function findBlindSpots(ordered: readonly DimensionAnalysis[], bank: ItemBank, employee: Answers, manager: Answers): BlindSpot[] {
  const spots: BlindSpot[] = [];
  for (const dimension of ordered) {
    const definition = bank.dimensions.find((d) => d.key === dimension.key);
    if (!definition) continue;
    // Exact means, not the rounded ones shown, so a miss of 1.5 on paper is 1.5 here.
    const means = dimensionMeans(definition, employee, manager);
    for (const spot of [blindSpotOf(dimension, "employee", employee, means.manager), blindSpotOf(dimension, "manager", manager, means.employee)]) {
      if (spot) spots.push(spot);
    }
  }
  return spots;
}

// ---- The pair's analysis ---------------------------------------------------------------

/**
 * Analyzes one revealed assessment of a pair. `previous`, when given, is the pair's previous
 * revealed assessment (possibly of another bank version); every dimension then carries its
 * change since.
 */
export function analyzePair(bank: ItemBank, employee: Answers, manager: Answers, previous?: PreviousAssessment): PairAnalysis {
  const analyzed = bank.dimensions.map((d) => analyzeDimension(d, employee, manager, previous));
  const dimensions = dashboardOrder(analyzed, bank);
  return {
    dimensions,
    blindSpots: findBlindSpots(dimensions, bank, employee, manager),
    strengths: dimensions.filter((d) => isStrength(d.employee.mean, d.manager.mean)).map((d) => d.key),
    notableCount: dimensions.filter((d) => d.notable).length,
  };
}

// ---- Trend -----------------------------------------------------------------------------

export interface TrendAssessment {
  id: string;
  revealedAt: Date;
  bankVersion: number;
  employee: Answers;
  manager: Answers;
}

export interface TrendPoint {
  assessmentId: string;
  revealedAt: Date;
  employee: number | null;
  manager: number | null;
  gap: number | null;
}

/**
 * Each dimension's means and gap across a pair's revealed assessments, oldest first, for the
 * trend chart. `bankFor` resolves an assessment's pinned bank version (normally
 * `getItemBank`). An assessment whose bank lacks a dimension adds no point to that
 * dimension's series; every dimension key is present, possibly with an empty series.
 */
export function dimensionTrend(bankFor: (version: number) => ItemBank, assessments: readonly TrendAssessment[]): Record<DimensionKey, TrendPoint[]> {
  const series = Object.fromEntries(DIMENSION_KEYS.map((key) => [key, [] as TrendPoint[]])) as Record<DimensionKey, TrendPoint[]>;
  // Array.prototype.sort is stable: assessments revealed at the same instant keep the given order.
  const chronological = [...assessments].sort((a, b) => a.revealedAt.getTime() - b.revealedAt.getTime());
  for (const assessment of chronological) {
    for (const dimension of bankFor(assessment.bankVersion).dimensions) {
      const means = dimensionMeans(dimension, assessment.employee, assessment.manager);
      series[dimension.key].push({
        assessmentId: assessment.id,
        revealedAt: assessment.revealedAt,
        employee: roundOrNull(means.employee),
        manager: roundOrNull(means.manager),
        gap: difference(means.employee, means.manager),
      });
    }
  }
  return series;
}
