import { and, eq, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, pairs } from "@/db/schema";
import type { ItemBank, Side } from "@/server/assessments/item-bank";
import { NotFoundError } from "@/server/errors";
import type { Actor } from "./actor";

// Who may see what of an assessment, answered here and nowhere else:
// - its two people (the pair's manager and report, even after the pair ended) may see the
//   assessment, their own side's answers at any time, and the other side's answers only once
//   the assessment is revealed (both submitted);
// - of the other side's answers, "would you choose them again?" only if its author agreed to
//   share it when submitting (`answersSeenBy`); it still counts, anonymized, in org trends;
// - nobody else, whatever their role (HR, owner, the manager's manager): "not found".

export interface AssessmentAccess {
  assessmentId: string;
  orgId: string;
  pairId: string;
  mySide: Side;
  otherSide: Side;
  otherPersonId: string;
  revealed: boolean;
}

/**
 * The assessment as seen by `actor`, or NotFoundError when it does not exist, belongs to
 * another organization, or the actor is not one of its two people.
 *
 * Inside a transaction, `lock` takes a row lock on the assessment, the one protocol that keeps
 * "submit is final" true under concurrency: draft saves take "share" (both sides' autosaves run
 * side by side), while submitting and closing take "update", so a submit waits for saves in
 * flight and a save that waited on a submit sees it. Read the state only after the lock.
 */
export async function requireAssessmentParticipant(
  db: Db,
  actor: Actor,
  assessmentId: string,
  options: { lock?: "update" | "share" } = {},
): Promise<AssessmentAccess> {
  const query = db
    .select({
      id: assessments.id,
      orgId: assessments.orgId,
      pairId: assessments.pairId,
      revealedAt: assessments.revealedAt,
      managerId: pairs.managerId,
      reportId: pairs.reportId,
    })
    .from(assessments)
    .innerJoin(pairs, and(eq(pairs.orgId, assessments.orgId), eq(pairs.id, assessments.pairId)))
    .where(
      and(eq(assessments.orgId, actor.orgId), eq(assessments.id, assessmentId), or(eq(pairs.managerId, actor.personId), eq(pairs.reportId, actor.personId))),
    );
  const [row] = options.lock ? await query.for(options.lock, { of: assessments }) : await query;
  if (!row) throw new NotFoundError();
  const mySide: Side = row.managerId === actor.personId ? "manager" : "employee";
  return {
    assessmentId: row.id,
    orgId: row.orgId,
    pairId: row.pairId,
    mySide,
    otherSide: mySide === "manager" ? "employee" : "manager",
    otherPersonId: mySide === "manager" ? row.reportId : row.managerId,
    revealed: row.revealedAt !== null,
  };
}

/**
 * One side's revealed answers as `viewer` (a side of the same pair) may read them: their own in
 * full; the other side's without "would you choose them again?" unless its author shared it.
 * Callers check the reveal first (`requireAssessmentParticipant`); this decides what of it shows.
 */
export function answersSeenBy(
  viewer: Side,
  bank: Pick<ItemBank, "chooseAgain">,
  response: { side: Side; answers: Readonly<Record<string, number | string>>; shareChooseAgain: boolean },
): Record<string, number | string> {
  const answers = { ...response.answers };
  if (response.side !== viewer && !response.shareChooseAgain) delete answers[bank.chooseAgain.key];
  return answers;
}
