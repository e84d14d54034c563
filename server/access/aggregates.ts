import { and, eq, isNull, notInArray, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { assessments, responses } from "@/db/schema";
import { cell, MIN_GROUP_SIZE_DEFAULT, type Cell, type SideCounts } from "@/server/analysis/anonymity";
import type { Side } from "@/server/assessments/item-bank";
import type { Actor } from "./actor";

// What HR admins and owners may see of people's participation, answered here and nowhere else
// (PRODUCT.md §1 and §5): aggregates only, each under the anonymity threshold k of the cycle.
// - k: the cycle's, fixed when it opened; before that, the organization's; the default when
//   neither says (`minGroupSizeOf`), for trends, counts and what a respondent is told alike;
// - a count is shown only if at least k people contributed to it on each side it reports, the
//   threshold rule of every trend figure (server/analysis/anonymity.ts `cell`); complete pairs
//   report both sides, so they are counted in people on each side, never in pairs alone;
// - an admin who is a side of a pair does not count that pair's other side until the pair is
//   revealed to her (`countableResponses`): what she reads must not change because her report
//   (or manager) submitted first.
// The published figures of a closed cycle apply the same rules and more (subtraction, across
// cycles) over every group: server/trends/compute.ts.

/** The minimum group size k in force for a cycle (null: not opened yet, or no cycle) in an organization. */
export function minGroupSizeOf(cycleK: number | null | undefined, orgK?: number | null): number {
  return cycleK ?? orgK ?? MIN_GROUP_SIZE_DEFAULT;
}

/** How many took part, in people per side (complete pairs: the distinct people in them). */
export interface ParticipationCounts {
  /** Pairs invited: one report each. */
  invited: number;
  submitted: SideCounts;
  completePairs: number;
  completePeople: SideCounts;
}

export interface Participation {
  /** Pairs invited (one report each). */
  invited: Cell<number>;
  /** People who submitted their side. */
  employeeSubmitted: Cell<number>;
  managerSubmitted: Cell<number>;
  /** Pairs where both sides submitted (and so see each other's answers). */
  complete: Cell<number>;
}

const onlySide = (side: Side, n: number): SideCounts => (side === "employee" ? { employee: n, manager: 0 } : { employee: 0, manager: n });

/** Participation as HR may read it: each count visible only from k people on each side it reports. */
export function participationCells(counts: ParticipationCounts, k: number): Participation {
  const employeeSubmitted = cell(counts.submitted.employee, onlySide("employee", counts.submitted.employee), k, ["employee"]);
  const managerSubmitted = cell(counts.submitted.manager, onlySide("manager", counts.submitted.manager), k, ["manager"]);
  return {
    invited: cell(counts.invited, onlySide("employee", counts.invited), k, ["employee"]),
    employeeSubmitted,
    managerSubmitted,
    // A pair count reports both sides: hidden wherever either side's count is, as in the trends.
    complete: cell(counts.completePairs, counts.completePeople, k, ["employee", "manager"], employeeSubmitted.hidden || managerSubmitted.hidden),
  };
}

const mine = alias(responses, "mine");

/**
 * The responses `actor` may count, as a where clause over `responses`: her own, and everyone
 * else's but the other side of her own pairs not revealed yet.
 */
export function countableResponses(db: Db, actor: Actor): SQL {
  const unrevealedOwn = db
    .select({ id: mine.assessmentId })
    .from(mine)
    .innerJoin(assessments, and(eq(assessments.orgId, mine.orgId), eq(assessments.id, mine.assessmentId)))
    .where(and(eq(mine.orgId, actor.orgId), eq(mine.respondentId, actor.personId), isNull(assessments.revealedAt)));
  return or(eq(responses.respondentId, actor.personId), notInArray(responses.assessmentId, unrevealedOwn))!;
}
