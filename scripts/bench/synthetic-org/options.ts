// What the generator is asked for and what it reports, and how it names what it made.

/** Every benchmark organization's slug starts with this: how the benchmark recognizes a database holding nothing else. */
export const BENCH_SLUG_PREFIX = "bench-";
export const BENCH_EMAIL_DOMAIN = "bench.example";
export const BANK_VERSION = 1;

export interface SyntheticOrgOptions {
  /** People in the organization, leavers included (default 20,000). */
  people?: number;
  /** Quarterly assessment cycles; the last one is open (default 8). */
  cycles?: number;
  /** Seed of the pseudo-random generator: the same seed gives the same organization. */
  seed?: number;
  /** "Today" for the data: cycles and meetings are placed relative to it. */
  now?: Date;
  /**
   * The reporting tree: "tree" (default) a realistic organization; "chain" each person the
   * manager of the next (a reporting line as deep as the organization); "flat" one manager
   * with everyone else reporting to them. The last two are the shapes that make a cost grow
   * with depth or span; they have no leavers and no changes of manager, so the shape is exact.
   */
  shape?: SyntheticShape;
  /**
   * Everyone was there before the first cycle, and every pair of a closed cycle answered on both
   * sides (the worst case for the anonymity rules' work).
   */
  everyoneAnswers?: boolean;
  log?: (message: string) => void;
}

export interface SyntheticOrgSummary {
  orgId: string;
  slug: string;
  people: number;
  departments: number;
  pairs: number;
  cycles: number;
  assessments: number;
  responses: number;
  meetingSeries: number;
  meetings: number;
  agendaItems: number;
  actionItems: number;
  maxDepth: number;
  maxSpan: number;
  seconds: number;
}

export type SyntheticShape = "tree" | "chain" | "flat";

/**
 * The realistic tree's generator version, in its slug: raised whenever the generator makes a
 * different organization from the same options, so a database seeded by an earlier one is
 * generated again rather than reused. 2: a few managers with 52 reports (issue 21).
 */
const TREE_VERSION = 2;

/** The slug that names an organization generated with these parameters. */
export function syntheticSlug(people: number, cycles: number, seed: number, shape: SyntheticShape = "tree", everyoneAnswers = false): string {
  return `${BENCH_SLUG_PREFIX}${shape === "tree" ? "" : `${shape}-`}${everyoneAnswers ? "all-" : ""}${people}p-${cycles}c-s${seed}${shape === "tree" ? `-v${TREE_VERSION}` : ""}`;
}
