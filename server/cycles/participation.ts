import { and, count, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, cycles, organizations, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { countableResponses, minGroupSizeOf, participationCells, type Participation } from "@/server/access/aggregates";

// Participation in an open cycle, the only thing HR sees of it (PRODUCT.md §5 rule 5): for the
// cycle as a whole, counted in people per side, each count shown as server/access/aggregates.ts
// decides. A closed cycle's participation is the org group's in its published figures
// (server/trends/).

/**
 * Participation of open cycles, as this HR admin may see it. An admin who is a side of a pair in
 * the cycle does not count the other side of that pair until the pair is revealed to them: what
 * they read never changes because their own report (or manager) submitted first.
 */
export async function openParticipation(db: Db, actor: Actor, cycleIds: readonly string[]): Promise<Map<string, Participation>> {
  const result = new Map<string, Participation>();
  if (cycleIds.length === 0) return result;
  const ids = [...cycleIds];
  const ks = await db
    .select({ id: cycles.id, k: cycles.minGroupSize, orgK: organizations.minGroupSize })
    .from(cycles)
    .innerJoin(organizations, eq(organizations.id, cycles.orgId))
    .where(and(eq(cycles.orgId, actor.orgId), inArray(cycles.id, ids)));
  const submitted = await db
    .select({
      cycleId: assessments.cycleId,
      side: responses.side,
      people: sql<number>`count(distinct ${responses.respondentId})::int`,
      // Revealed: both sides submitted. The people of complete pairs, on this side.
      inComplete: sql<number>`(count(distinct ${responses.respondentId}) filter (where ${assessments.revealedAt} is not null))::int`,
    })
    .from(responses)
    .innerJoin(assessments, and(eq(assessments.orgId, responses.orgId), eq(assessments.id, responses.assessmentId)))
    .where(and(eq(responses.orgId, actor.orgId), inArray(assessments.cycleId, ids), isNotNull(responses.submittedAt), countableResponses(db, actor)))
    .groupBy(assessments.cycleId, responses.side);
  const pairs = await db
    .select({ cycleId: assessments.cycleId, invited: count(), complete: count(assessments.revealedAt) })
    .from(assessments)
    .where(and(eq(assessments.orgId, actor.orgId), inArray(assessments.cycleId, ids)))
    .groupBy(assessments.cycleId);
  for (const id of cycleIds) {
    const cycle = ks.find((c) => c.id === id);
    const of = (side: "employee" | "manager") => submitted.find((s) => s.cycleId === id && s.side === side);
    const pairCounts = pairs.find((x) => x.cycleId === id);
    const counts = {
      invited: pairCounts?.invited ?? 0,
      submitted: { employee: of("employee")?.people ?? 0, manager: of("manager")?.people ?? 0 },
      completePairs: pairCounts?.complete ?? 0,
      completePeople: { employee: of("employee")?.inComplete ?? 0, manager: of("manager")?.inComplete ?? 0 },
    };
    result.set(id, participationCells(counts, minGroupSizeOf(cycle?.k, cycle?.orgK)));
  }
  return result;
}
