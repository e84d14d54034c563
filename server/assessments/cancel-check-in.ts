import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { requireAssessmentParticipant } from "@/server/access/assessments";
import { ConflictError } from "@/server/errors";

/**
 * Either side cancels a check-in that neither has submitted yet: it closes without revealing
 * anything, and the pair can start a new one. Once one side has submitted (which is final) the
 * check-in is theirs to see through: the other side answers, or it ends with the pair.
 */
export async function cancelCheckIn(db: Db, actor: Actor, input: { assessmentId: string }) {
  return db.transaction(async (tx) => {
    const access = await requireAssessmentParticipant(tx, actor, input.assessmentId, { lock: "update" });
    // Under the assessment's row lock, which a submit takes too: no submit slips in between.
    const submitted = await tx
      .select({ id: responses.id })
      .from(responses)
      .where(and(eq(responses.orgId, access.orgId), eq(responses.assessmentId, access.assessmentId), isNotNull(responses.submittedAt)))
      .limit(1);
    if (submitted.length > 0)
      throw new ConflictError("One of you has already submitted, so this check-in can't be cancelled: it is revealed as soon as the other submits.");
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
