import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { requireAssessmentParticipant } from "@/server/access/assessments";
import { AnswerError, applyChanges, validateChanges } from "@/server/assessments/answers";
import { getItemBank } from "@/server/assessments/item-bank";
import { ConflictError, InvalidInputError } from "@/server/errors";
import { loadAssessmentRecord } from "./load";

/**
 * Saves changed answers into the respondent's draft. Changes are per question, so two tabs or
 * devices saving different questions never undo each other; the same question saved twice
 * keeps the latest. Refused once the response is submitted or the assessment closed.
 */
export async function saveDraft(db: Db, actor: Actor, input: { assessmentId: string; changes: Record<string, unknown> }) {
  return db.transaction(async (tx) => {
    const access = await requireAssessmentParticipant(tx, actor, input.assessmentId, { lock: "share" });
    const record = await loadAssessmentRecord(tx, access);
    if (record.mine.submittedAt) throw new ConflictError("You have already submitted this assessment; answers can no longer change.");
    if (record.state !== "open") throw new ConflictError("This assessment is closed; answers can no longer change.");

    let changes;
    try {
      changes = validateChanges(getItemBank(record.bankVersion), input.changes);
    } catch (err) {
      if (err instanceof AnswerError) throw new InvalidInputError(err.message);
      throw err;
    }

    // The share lock above keeps submits out; this lock orders saves of two tabs of one person.
    const [current] = await tx
      .select({ answers: responses.answers })
      .from(responses)
      .where(and(eq(responses.orgId, access.orgId), eq(responses.id, record.mine.id), isNull(responses.submittedAt)))
      .for("update");
    if (!current) throw new ConflictError("You have already submitted this assessment; answers can no longer change.");
    const [saved] = await tx
      .update(responses)
      .set({ answers: applyChanges(current.answers, changes), revision: sql`${responses.revision} + 1`, updatedAt: sql`now()` })
      .where(and(eq(responses.orgId, access.orgId), eq(responses.id, record.mine.id), isNull(responses.submittedAt)))
      .returning({ revision: responses.revision, updatedAt: responses.updatedAt });
    return saved!;
  });
}
