import { and, eq, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agendaTemplates, meetingSeries, meetings, pairs, privateNotes } from "@/db/schema";
import { NotFoundError } from "@/server/errors";
import { isOrgAdmin, type Actor, type WithRoles } from "./actor";
import { memberOfPair, pairAccessColumns, toPairAccess } from "./pairs";

// Who may see what of 1:1 meetings, answered here and nowhere else:
// - a series, its meetings, agenda, shared notes and action items: the pair's two people (also
//   after the pair ended, to read their history); nobody else, whatever their role
//   (requirePairMember, requireSeriesMember, requireMeetingMember);
// - private notes: their author only (ownPrivateNote; there is no procedure that takes an
//   author id, and a note is always written as the actor's own);
// - templates: the built-in library and the org's templates for everyone in the org, personal
//   ones for their owner only (templateVisibleTo); org templates are changed by HR admins and
//   owners, personal ones by their owner (mayEditTemplate, mayCreateTemplate);
// - changes (new series, agenda, notes) only while the pair is open, except notes and action
//   items of meetings that already happened.
//
// Row locks: "update" takes FOR NO KEY UPDATE. It excludes every other write to the same row
// (and "share" readers) just as FOR UPDATE would, but not the key-share locks that inserting a
// row referencing it takes (a meeting row for the series, an action item carried onto the
// meeting), so a write holding it and the worker's sweep never wait on each other in a circle.

export async function requireSeriesMember(db: Db, actor: Actor, seriesId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({ pair: pairAccessColumns, series: meetingSeries })
    .from(meetingSeries)
    .innerJoin(pairs, and(eq(pairs.orgId, meetingSeries.orgId), eq(pairs.id, meetingSeries.pairId)))
    .where(and(memberOfPair(actor), eq(meetingSeries.id, seriesId)));
  const [row] = options.lock ? await query.for("no key update", { of: meetingSeries }) : await query;
  if (!row) throw new NotFoundError();
  return { ...toPairAccess(actor, row.pair), series: row.series };
}

export async function requireMeetingMember(db: Db, actor: Actor, meetingId: string, options: { lock?: "update" | "share" } = {}) {
  const query = db
    .select({ pair: pairAccessColumns, meeting: meetings })
    .from(meetings)
    .innerJoin(pairs, and(eq(pairs.orgId, meetings.orgId), eq(pairs.id, meetings.pairId)))
    .where(and(memberOfPair(actor), eq(meetings.id, meetingId)));
  const [row] = options.lock ? await query.for(options.lock === "update" ? "no key update" : "share", { of: meetings }) : await query;
  if (!row) throw new NotFoundError();
  return { ...toPairAccess(actor, row.pair), meeting: row.meeting };
}

export type MeetingAccess = Awaited<ReturnType<typeof requireMeetingMember>>;

/** The one private note of a meeting its reader may see or write: their own. */
export const ownPrivateNote = (actor: Actor, meetingId: string) =>
  and(eq(privateNotes.orgId, actor.orgId), eq(privateNotes.meetingId, meetingId), eq(privateNotes.authorId, actor.personId));

/** Stored templates the actor may see and apply: the org's, and their own personal ones. */
export const templateVisibleTo = (actor: Actor) =>
  and(eq(agendaTemplates.orgId, actor.orgId), or(isNull(agendaTemplates.ownerId), eq(agendaTemplates.ownerId, actor.personId)));

/** May the actor change or delete this (visible, stored) template: a personal one its owner, an org one HR admins and owners. */
export function mayEditTemplate(actor: Actor, template: { ownerId: string | null }): boolean {
  return template.ownerId ? template.ownerId === actor.personId : isOrgAdmin(actor);
}

/** May the actor create a template of this scope: a personal one anyone, an org one HR admins and owners. */
export function mayCreateTemplate(who: WithRoles, scope: "org" | "personal"): boolean {
  return scope === "personal" || isOrgAdmin(who);
}
