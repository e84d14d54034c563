import { and, eq, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { meetingSeries, meetings, pairs } from "@/db/schema";
import { NotFoundError } from "@/server/services/errors";
import type { Actor } from "./actor";

// Who may see what of 1:1 meetings, answered here and nowhere else:
// - a series, its meetings, agenda, shared notes and action items: the pair's two people (also
//   after the pair ended, to read their history); nobody else, whatever their role;
// - private notes: their author only (services filter on author = actor; there is no procedure
//   that takes an author id);
// - changes (new series, agenda, notes) only while the pair is open, except notes and action
//   items of meetings that already happened.

export interface PairAccess {
  pairId: string;
  orgId: string;
  managerId: string;
  reportId: string;
  otherPersonId: string;
  ended: boolean;
}

const pairColumns = { id: pairs.id, orgId: pairs.orgId, managerId: pairs.managerId, reportId: pairs.reportId, endedAt: pairs.endedAt };

function toAccess(actor: Actor, row: { id: string; orgId: string; managerId: string; reportId: string; endedAt: Date | null }): PairAccess {
  return {
    pairId: row.id,
    orgId: row.orgId,
    managerId: row.managerId,
    reportId: row.reportId,
    otherPersonId: row.managerId === actor.personId ? row.reportId : row.managerId,
    ended: row.endedAt !== null,
  };
}

const memberOf = (actor: Actor) => and(eq(pairs.orgId, actor.orgId), or(eq(pairs.managerId, actor.personId), eq(pairs.reportId, actor.personId)));

export async function requireMeetingPair(db: Db, actor: Actor, pairId: string): Promise<PairAccess> {
  const [row] = await db.select(pairColumns).from(pairs).where(and(memberOf(actor), eq(pairs.id, pairId)));
  if (!row) throw new NotFoundError();
  return toAccess(actor, row);
}

export async function requireSeriesMember(db: Db, actor: Actor, seriesId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({ pair: pairColumns, series: meetingSeries })
    .from(meetingSeries)
    .innerJoin(pairs, and(eq(pairs.orgId, meetingSeries.orgId), eq(pairs.id, meetingSeries.pairId)))
    .where(and(memberOf(actor), eq(meetingSeries.id, seriesId)));
  const [row] = options.lock ? await query.for("update", { of: meetingSeries }) : await query;
  if (!row) throw new NotFoundError();
  return { ...toAccess(actor, row.pair), series: row.series };
}

export async function requireMeetingMember(db: Db, actor: Actor, meetingId: string, options: { lock?: "update" | "share" } = {}) {
  const query = db
    .select({ pair: pairColumns, meeting: meetings })
    .from(meetings)
    .innerJoin(pairs, and(eq(pairs.orgId, meetings.orgId), eq(pairs.id, meetings.pairId)))
    .where(and(memberOf(actor), eq(meetings.id, meetingId)));
  const [row] = options.lock ? await query.for(options.lock, { of: meetings }) : await query;
  if (!row) throw new NotFoundError();
  return { ...toAccess(actor, row.pair), meeting: row.meeting };
}

export type MeetingAccess = Awaited<ReturnType<typeof requireMeetingMember>>;
