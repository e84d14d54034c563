import { and, count, countDistinct, eq, inArray, isNotNull, isNull, ne, notInArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { assessments, cycles, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { HIDDEN_REASON, MIN_GROUP_SIZE_DEFAULT, type Cell } from "@/server/analysis/anonymity";

// Participation in an open cycle, the only thing HR sees of it (PRODUCT.md §5 rule 5): for the
// cycle as a whole, counted in people per side, each count shown only from k. A closed cycle's
// participation is the org group's in its published figures (server/services/trends/).

export interface Participation {
  /** Pairs invited (one report each). */
  invited: Cell<number>;
  /** People who submitted their side. */
  employeeSubmitted: Cell<number>;
  managerSubmitted: Cell<number>;
  /** Pairs where both sides submitted (and so see each other's answers). */
  complete: Cell<number>;
}

const mine = alias(responses, "mine");

const atLeast = (n: number, k: number): Cell<number> => (n >= k ? { hidden: false, value: n } : { hidden: true, reason: HIDDEN_REASON });

/**
 * Participation of open cycles, as this HR admin may see it. An admin who is a side of a pair in
 * the cycle does not count the other side of that pair until the pair is revealed to them: what
 * they read never changes because their own report (or manager) submitted first.
 */
export async function openParticipation(db: Db, actor: Actor, cycleIds: readonly string[]): Promise<Map<string, Participation>> {
  const result = new Map<string, Participation>();
  if (cycleIds.length === 0) return result;
  const ks = await db.select({ id: cycles.id, k: cycles.minGroupSize }).from(cycles).where(and(eq(cycles.orgId, actor.orgId), inArray(cycles.id, [...cycleIds])));
  // The admin's own pairs not revealed yet: their other side is left out of the counts.
  const unrevealed = db
    .select({ id: mine.assessmentId })
    .from(mine)
    .innerJoin(assessments, and(eq(assessments.orgId, mine.orgId), eq(assessments.id, mine.assessmentId)))
    .where(and(eq(mine.orgId, actor.orgId), eq(mine.respondentId, actor.personId), isNull(assessments.revealedAt), inArray(assessments.cycleId, [...cycleIds])));
  const submitted = await db
    .select({ cycleId: assessments.cycleId, side: responses.side, people: countDistinct(responses.respondentId) })
    .from(responses)
    .innerJoin(assessments, and(eq(assessments.orgId, responses.orgId), eq(assessments.id, responses.assessmentId)))
    .where(
      and(
        eq(responses.orgId, actor.orgId),
        inArray(assessments.cycleId, [...cycleIds]),
        isNotNull(responses.submittedAt),
        // Their own answers count: they know them.
        ne(responses.respondentId, actor.personId),
        notInArray(responses.assessmentId, unrevealed),
      ),
    )
    .groupBy(assessments.cycleId, responses.side);
  const own = await db
    .select({ cycleId: assessments.cycleId, side: responses.side })
    .from(responses)
    .innerJoin(assessments, and(eq(assessments.orgId, responses.orgId), eq(assessments.id, responses.assessmentId)))
    .where(and(eq(responses.orgId, actor.orgId), inArray(assessments.cycleId, [...cycleIds]), eq(responses.respondentId, actor.personId), isNotNull(responses.submittedAt)))
    .groupBy(assessments.cycleId, responses.side);
  const pairs = await db
    .select({ cycleId: assessments.cycleId, invited: count(), complete: count(assessments.revealedAt) })
    .from(assessments)
    .where(and(eq(assessments.orgId, actor.orgId), inArray(assessments.cycleId, [...cycleIds])))
    .groupBy(assessments.cycleId);
  for (const id of cycleIds) {
    const k = ks.find((c) => c.id === id)?.k ?? MIN_GROUP_SIZE_DEFAULT;
    const people = (side: "employee" | "manager") =>
      (submitted.find((s) => s.cycleId === id && s.side === side)?.people ?? 0) + (own.some((o) => o.cycleId === id && o.side === side) ? 1 : 0);
    const p = pairs.find((x) => x.cycleId === id);
    result.set(id, {
      invited: atLeast(p?.invited ?? 0, k),
      employeeSubmitted: atLeast(people("employee"), k),
      managerSubmitted: atLeast(people("manager"), k),
      complete: atLeast(p?.complete ?? 0, k),
    });
  }
  return result;
}
