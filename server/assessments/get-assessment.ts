import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { minGroupSizeOf } from "@/server/access/aggregates";
import { requireAssessmentParticipant } from "@/server/access/assessments";
import { progress } from "@/server/assessments/answers";
import { getItemBank } from "@/server/assessments/item-bank";
import { loadAssessmentRecord } from "./load";

/** What a respondent needs to answer: their own draft, and only the status of the other side. */
export async function getAssessment(db: Db, actor: Actor, assessmentId: string) {
  const access = await requireAssessmentParticipant(db, actor, assessmentId);
  const record = await loadAssessmentRecord(db, access);
  const [mine] = await db
    .select({
      answers: responses.answers,
      revision: responses.revision,
      updatedAt: responses.updatedAt,
      submittedAt: responses.submittedAt,
      shareChooseAgain: responses.shareChooseAgain,
    })
    .from(responses)
    .where(and(eq(responses.orgId, access.orgId), eq(responses.id, record.mine.id)));
  if (!mine) throw new Error("own response missing");
  const [org] = await db.select({ minGroupSize: organizations.minGroupSize }).from(organizations).where(eq(organizations.id, access.orgId));

  return {
    id: record.id,
    kind: record.kind,
    state: record.state,
    bankVersion: record.bankVersion,
    dueOn: record.dueOn,
    cycle: record.cycle ? { name: record.cycle.name, closesOn: record.cycle.closesOn } : null,
    // The anonymity threshold HR trends use for this assessment, shown before answering.
    minGroupSize: minGroupSizeOf(record.cycle?.minGroupSize, org?.minGroupSize),
    side: access.mySide,
    other: { name: record.other.respondentName, givenName: record.other.respondentGivenName, submitted: record.other.submittedAt !== null },
    mine: { ...mine, progress: progress(getItemBank(record.bankVersion), mine.answers) },
  };
}
