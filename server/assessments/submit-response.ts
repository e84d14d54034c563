import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, people, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { requireAssessmentParticipant } from "@/server/access/assessments";
import { missingAnswers } from "@/server/assessments/answers";
import { getItemBank } from "@/server/assessments/item-bank";
import { ConflictError, InvalidInputError } from "@/server/errors";
import { loadAssessmentRecord } from "./load";
import { deliver, otherSubmittedMail, revealedMail } from "./notifications";

/**
 * Submits the respondent's side, for good. The assessment row is locked for the whole
 * transaction, so when both sides submit at the same instant one waits for the other, sees
 * its submission, and reveals: exactly one reveal, both submissions stored.
 */
export async function submitResponse(db: Db, actor: Actor, input: { assessmentId: string; shareChooseAgain: boolean }) {
  const outcome = await db.transaction(async (tx) => {
    const access = await requireAssessmentParticipant(tx, actor, input.assessmentId, { lock: "update" });
    const record = await loadAssessmentRecord(tx, access);
    if (record.mine.submittedAt) throw new ConflictError("You have already submitted this assessment.");
    if (record.state !== "open") throw new ConflictError("This assessment is closed; it can no longer be submitted.");

    const [mine] = await tx
      .select({ answers: responses.answers })
      .from(responses)
      .where(and(eq(responses.orgId, access.orgId), eq(responses.id, record.mine.id)));
    const answers = { ...(mine?.answers ?? {}) };
    const missing = missingAnswers(getItemBank(record.bankVersion), answers);
    if (missing.length > 0) {
      throw new InvalidInputError(
        `Answer every question, or mark it "can't say", before submitting: ${missing.length} still open (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}).`,
      );
    }
    const topics = answers.topics;
    if (typeof topics === "string") {
      if (topics.trim()) answers.topics = topics.trim();
      else delete answers.topics;
    }

    await tx
      .update(responses)
      .set({ answers, shareChooseAgain: input.shareChooseAgain, submittedAt: sql`now()`, revision: sql`${responses.revision} + 1`, updatedAt: sql`now()` })
      .where(and(eq(responses.orgId, access.orgId), eq(responses.id, record.mine.id), isNull(responses.submittedAt)));

    let revealed = false;
    if (record.other.submittedAt) {
      const updated = await tx
        .update(assessments)
        .set({ revealedAt: sql`now()` })
        .where(and(eq(assessments.orgId, access.orgId), eq(assessments.id, access.assessmentId), isNull(assessments.revealedAt)))
        .returning({ id: assessments.id });
      revealed = updated.length === 1;
    }
    return { access, record, revealed };
  });

  const { access, record, revealed } = outcome;
  const emails = await db
    .select({ id: people.id, email: people.email, name: people.name, givenName: people.givenName })
    .from(people)
    .where(and(eq(people.orgId, access.orgId), inArray(people.id, [actor.personId, access.otherPersonId])));
  const me = emails.find((p) => p.id === actor.personId);
  const other = emails.find((p) => p.id === access.otherPersonId);
  if (me && other) {
    await deliver(
      db,
      revealed
        ? [revealedMail(me.email, other, access.assessmentId), revealedMail(other.email, me, access.assessmentId)]
        : [otherSubmittedMail(other.email, me, access.assessmentId)],
    );
  }
  return { revealed, waitingFor: revealed ? null : record.other.respondentName };
}
