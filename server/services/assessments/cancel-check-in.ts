import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { requireAssessmentParticipant } from "@/server/access/assessments";
import { ConflictError } from "@/server/services/errors";

/**
 * Either side cancels a check-in that is not yet revealed: it closes without revealing
 * anything (answers already submitted stay private), and the pair can start a new one.
 */
export async function cancelCheckIn(db: Db, actor: Actor, input: { assessmentId: string }) {
  return db.transaction(async (tx) => {
    const access = await requireAssessmentParticipant(tx, actor, input.assessmentId, { lock: "update" });
    const closed = await tx
      .update(assessments)
      .set({ closedAt: sql`now()` })
      .where(
        and(
          eq(assessments.orgId, access.orgId),
          eq(assessments.id, access.assessmentId),
          eq(assessments.kind, "check_in"),
          isNull(assessments.revealedAt),
          isNull(assessments.closedAt),
        ),
      )
      .returning({ id: assessments.id });
    if (closed.length === 0) throw new ConflictError("Only a check-in that is still open can be cancelled.");
    return { cancelled: true };
  });
}
