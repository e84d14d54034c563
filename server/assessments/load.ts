import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, cycles, people, responses } from "@/db/schema";
import type { AssessmentAccess } from "@/server/access/assessments";
import type { Side } from "@/server/assessments/item-bank";
import { assessmentState } from "@/server/assessments/state";

/** The assessment's state, cycle and both responses' metadata (no answers). */
export async function loadAssessmentRecord(db: Db, access: AssessmentAccess) {
  const [row] = await db
    .select({
      id: assessments.id,
      kind: assessments.kind,
      bankVersion: assessments.bankVersion,
      dueOn: assessments.dueOn,
      revealedAt: assessments.revealedAt,
      closedAt: assessments.closedAt,
      createdAt: assessments.createdAt,
      cycle: { id: cycles.id, name: cycles.name, status: cycles.status, closesOn: cycles.closesOn, minGroupSize: cycles.minGroupSize },
    })
    .from(assessments)
    .leftJoin(cycles, and(eq(cycles.orgId, assessments.orgId), eq(cycles.id, assessments.cycleId)))
    .where(and(eq(assessments.orgId, access.orgId), eq(assessments.id, access.assessmentId)));
  if (!row) throw new Error("assessment vanished after its access check");

  const sides = await db
    .select({ id: responses.id, side: responses.side, submittedAt: responses.submittedAt, respondentName: people.name, respondentGivenName: people.givenName })
    .from(responses)
    .innerJoin(people, and(eq(people.orgId, responses.orgId), eq(people.id, responses.respondentId)))
    .where(and(eq(responses.orgId, access.orgId), eq(responses.assessmentId, access.assessmentId)));
  const bySide = (side: Side) => {
    const response = sides.find((x) => x.side === side);
    if (!response) throw new Error(`assessment ${access.assessmentId} has no ${side} response`);
    return response;
  };
  const state = assessmentState({ revealedAt: row.revealedAt, closedAt: row.closedAt, cycleStatus: row.cycle?.status });
  return { ...row, cycle: row.cycle?.id ? row.cycle : null, state, mine: bySide(access.mySide), other: bySide(access.otherSide) };
}
