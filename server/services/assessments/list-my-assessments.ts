import { and, desc, eq, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { assessments, cycles, pairs, people, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";

const mine = alias(responses, "mine");
const theirs = alias(responses, "theirs");
const other = alias(people, "other");

export type MyResponseState = "not_started" | "draft" | "submitted";

/** The actor's assessments, from both sides of their pairs, newest first, with each side's status. */
export async function listMyAssessments(db: Db, actor: Actor) {
  const rows = await db
    .select({
      id: assessments.id,
      kind: assessments.kind,
      dueOn: assessments.dueOn,
      revealedAt: assessments.revealedAt,
      closedAt: assessments.closedAt,
      createdAt: assessments.createdAt,
      cycleName: cycles.name,
      cycleStatus: cycles.status,
      side: mine.side,
      myRevision: mine.revision,
      mySubmittedAt: mine.submittedAt,
      theirSubmittedAt: theirs.submittedAt,
      other: { id: other.id, name: other.name },
      pairId: pairs.id,
    })
    .from(assessments)
    .innerJoin(pairs, and(eq(pairs.orgId, assessments.orgId), eq(pairs.id, assessments.pairId)))
    .innerJoin(
      mine,
      and(
        eq(mine.orgId, assessments.orgId),
        eq(mine.assessmentId, assessments.id),
        eq(mine.side, sql`case when ${pairs.managerId} = ${actor.personId} then 'manager'::side else 'employee'::side end`),
      ),
    )
    .innerJoin(theirs, and(eq(theirs.orgId, assessments.orgId), eq(theirs.assessmentId, assessments.id), ne(theirs.side, mine.side)))
    .innerJoin(other, and(eq(other.orgId, theirs.orgId), eq(other.id, theirs.respondentId)))
    .leftJoin(cycles, and(eq(cycles.orgId, assessments.orgId), eq(cycles.id, assessments.cycleId)))
    .where(and(eq(assessments.orgId, actor.orgId), or(eq(pairs.managerId, actor.personId), eq(pairs.reportId, actor.personId))))
    .orderBy(desc(assessments.createdAt));

  return rows.map((r) => {
    const state = r.revealedAt ? "revealed" : r.closedAt || r.cycleStatus === "closed" ? "closed" : "open";
    const mineState: MyResponseState = r.mySubmittedAt ? "submitted" : r.myRevision > 0 ? "draft" : "not_started";
    return {
      id: r.id,
      kind: r.kind,
      title: r.cycleName ?? "Pair check-in",
      dueOn: r.dueOn,
      createdAt: r.createdAt,
      pairId: r.pairId,
      side: r.side,
      other: r.other,
      state,
      mine: mineState,
      otherSubmitted: r.theirSubmittedAt !== null,
    } as const;
  });
}

export type MyAssessment = Awaited<ReturnType<typeof listMyAssessments>>[number];
