import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { people, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { answersSeenBy, requireAssessmentParticipant } from "@/server/access/assessments";
import { getItemBank, type Side } from "@/server/assessments/item-bank";
import { NotFoundError } from "@/server/errors";
import { loadAssessmentRecord } from "./load";

/**
 * Both sides' answers, for the pair's two people, once both have submitted. Before that, and
 * for anyone else, the answers do not exist ("not found"). What of the other side's shows is
 * decided by `answersSeenBy` (server/access/assessments.ts).
 */
export async function getResults(db: Db, actor: Actor, assessmentId: string) {
  const access = await requireAssessmentParticipant(db, actor, assessmentId);
  if (!access.revealed) throw new NotFoundError();
  const record = await loadAssessmentRecord(db, access);
  const bank = getItemBank(record.bankVersion);

  const rows = await db
    .select({
      side: responses.side,
      answers: responses.answers,
      shareChooseAgain: responses.shareChooseAgain,
      submittedAt: responses.submittedAt,
      name: people.name,
      givenName: people.givenName,
    })
    .from(responses)
    .innerJoin(people, and(eq(people.orgId, responses.orgId), eq(people.id, responses.respondentId)))
    .where(and(eq(responses.orgId, access.orgId), eq(responses.assessmentId, access.assessmentId)));

  const sides = {} as Record<
    Side,
    { name: string; givenName: string | null; answers: Record<string, number | string>; chooseAgainShared: boolean; submittedAt: Date }
  >;
  for (const r of rows) {
    sides[r.side] = {
      name: r.name,
      givenName: r.givenName,
      answers: answersSeenBy(access.mySide, bank, r),
      chooseAgainShared: r.shareChooseAgain,
      submittedAt: r.submittedAt!,
    };
  }
  return {
    id: record.id,
    pairId: access.pairId,
    kind: record.kind,
    bankVersion: record.bankVersion,
    cycle: record.cycle ? { name: record.cycle.name } : null,
    revealedAt: record.revealedAt!,
    mySide: access.mySide,
    sides,
  };
}
