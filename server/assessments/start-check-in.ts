import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, people, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { requirePairMember } from "@/server/access/pairs";
import { CURRENT_BANK_VERSION } from "@/server/assessments/item-bank";
import { ConflictError } from "@/server/errors";
import { assessmentReadyMail, deliver } from "./notifications";

/** Either side of an active pair starts a check-in: a new assessment for both, outside cycles. */
export async function startCheckIn(db: Db, actor: Actor, input: { pairId: string }) {
  const pair = await requirePairMember(db, actor, input.pairId);
  if (pair.endedAt) throw new ConflictError("This manager–report relationship has ended; a check-in can't be started.");

  const assessmentId = await db.transaction(async (tx) => {
    // The partial unique index allows one check-in in progress per pair; a second is a no-op.
    const created = await tx
      .insert(assessments)
      .values({ orgId: actor.orgId, pairId: pair.pairId, kind: "check_in", bankVersion: CURRENT_BANK_VERSION, startedById: actor.personId })
      .onConflictDoNothing()
      .returning({ id: assessments.id });
    const id = created[0]?.id;
    if (!id) throw new ConflictError("A check-in with this person is already in progress. Finish it first.");
    await tx.insert(responses).values([
      { orgId: actor.orgId, assessmentId: id, side: "manager", respondentId: pair.managerId },
      { orgId: actor.orgId, assessmentId: id, side: "employee", respondentId: pair.reportId },
    ]);
    return id;
  });

  const otherId = pair.managerId === actor.personId ? pair.reportId : pair.managerId;
  const [me] = await db
    .select({ name: people.name, givenName: people.givenName })
    .from(people)
    .where(and(eq(people.orgId, actor.orgId), eq(people.id, actor.personId)));
  const [other] = await db
    .select({ email: people.email })
    .from(people)
    .where(and(eq(people.orgId, actor.orgId), eq(people.id, otherId)));
  if (me && other) await deliver(db, [assessmentReadyMail(other.email, me, assessmentId, null)]);
  return { assessmentId };
}
