import { and, eq, or, type Placeholder } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pairs } from "@/db/schema";
import { NotFoundError } from "@/server/errors";
import type { Actor } from "./actor";

// A pair as one of its two people sees it: the check every pair-scoped service starts from (the
// pair dashboard, check-ins, 1:1s). Its manager and its report may see it, also after it ended,
// to read their history; nobody else, whatever their role: "not found".

export interface PairAccess {
  pairId: string;
  orgId: string;
  managerId: string;
  reportId: string;
  otherPersonId: string;
  endedAt: Date | null;
  ended: boolean;
}

/** The columns toPairAccess reads, for queries that join the pair to what they load. */
export const pairAccessColumns = { id: pairs.id, orgId: pairs.orgId, managerId: pairs.managerId, reportId: pairs.reportId, endedAt: pairs.endedAt };

export function toPairAccess(actor: Actor, row: { id: string; orgId: string; managerId: string; reportId: string; endedAt: Date | null }): PairAccess {
  return {
    pairId: row.id,
    orgId: row.orgId,
    managerId: row.managerId,
    reportId: row.reportId,
    otherPersonId: row.managerId === actor.personId ? row.reportId : row.managerId,
    endedAt: row.endedAt,
    ended: row.endedAt !== null,
  };
}

/**
 * Pairs of the actor's organization the actor is one of the two people of. The ids may be
 * placeholders, for a statement built once (db/built-once.ts).
 */
export const memberOfPair = (actor: { orgId: string | Placeholder; personId: string | Placeholder }) =>
  and(eq(pairs.orgId, actor.orgId), or(eq(pairs.managerId, actor.personId), eq(pairs.reportId, actor.personId)));

/** The pair as seen by one of its two people; NotFoundError for anyone else. */
export async function requirePairMember(db: Db, actor: Actor, pairId: string): Promise<PairAccess> {
  const [row] = await db
    .select(pairAccessColumns)
    .from(pairs)
    .where(and(memberOfPair(actor), eq(pairs.id, pairId)));
  if (!row) throw new NotFoundError();
  return toPairAccess(actor, row);
}
