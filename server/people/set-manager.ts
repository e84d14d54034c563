import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, pairs, people } from "@/db/schema";
import { InvalidInputError, NotFoundError } from "@/server/errors";

/**
 * Makes `managerId` (or nobody) the manager of `personId`, keeping pairs in step: the open
 * pair with a previous manager is closed (its history stays with its two people) and a new
 * pair starts. Setting the same manager again changes nothing. Call inside a transaction.
 */
export async function setManager(tx: Db, input: { orgId: string; personId: string; managerId: string | null; at?: Date }): Promise<{ changed: boolean }> {
  const { orgId, personId, managerId } = input;
  const at = input.at ?? new Date();
  if (managerId === personId) throw new InvalidInputError("A person cannot be their own manager.");

  const [person] = await tx
    .select({ id: people.id, managerId: people.managerId })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.id, personId)))
    .for("update");
  if (!person) throw new NotFoundError("Person not found");

  if (managerId) {
    // Refuse a loop: the new manager may not be managed, directly or not, by this person.
    let cursor: string | null = managerId;
    const seen = new Set<string>();
    while (cursor && !seen.has(cursor)) {
      seen.add(cursor);
      const [row]: { managerId: string | null }[] = await tx
        .select({ managerId: people.managerId })
        .from(people)
        .where(and(eq(people.orgId, orgId), eq(people.id, cursor)));
      if (!row) throw new NotFoundError("Manager not found");
      if (row.managerId === personId) throw new InvalidInputError("That manager change would create a loop.");
      cursor = row.managerId;
    }
  }

  const [openPair] = await tx
    .select({ id: pairs.id, managerId: pairs.managerId })
    .from(pairs)
    .where(and(eq(pairs.orgId, orgId), eq(pairs.reportId, personId), isNull(pairs.endedAt)));

  if (person.managerId === managerId && (openPair?.managerId ?? null) === managerId) return { changed: false };

  if (openPair && openPair.managerId !== managerId) {
    await tx
      .update(pairs)
      .set({ endedAt: at })
      .where(and(eq(pairs.orgId, orgId), eq(pairs.id, openPair.id)));
    // A check-in in progress ends with its pair, unrevealed. Cycle assessments stay open until
    // their cycle closes: both people can still finish what HR asked for.
    await tx
      .update(assessments)
      .set({ closedAt: at })
      .where(
        and(
          eq(assessments.orgId, orgId),
          eq(assessments.pairId, openPair.id),
          eq(assessments.kind, "check_in"),
          isNull(assessments.revealedAt),
          isNull(assessments.closedAt),
        ),
      );
  }
  await tx
    .update(people)
    .set({ managerId })
    .where(and(eq(people.orgId, orgId), eq(people.id, personId)));
  if (managerId && openPair?.managerId !== managerId) {
    await tx.insert(pairs).values({ orgId, managerId, reportId: personId, startedAt: at });
  }
  return { changed: true };
}
