import { and, asc, desc, eq, gt, inArray, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { actionItems, agendaItems, meetingSeries, meetings, people, privateNotes, sharedNotes } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { ownPrivateNote, requireMeetingMember, type MeetingAccess } from "@/server/access/meetings";
import { ConflictError, InvalidInputError, NotFoundError } from "@/server/errors";
import { actionItemsShownOn, isLiveMeeting, readSchedule, syncPair } from "./schedule";

// One meeting: agenda, shared notes, the actor's own private note, action items. Every write
// checks the actor is one of the pair's two people (requireMeetingMember) and that the target
// row belongs to that meeting, in the same organization.

/** The names of a meeting's two people, by id ("" for neither): what the meeting page and its calendar entry show. */
export async function pairNames(db: Db, access: Pick<MeetingAccess, "orgId" | "managerId" | "reportId">): Promise<(personId: string) => string> {
  const names = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.orgId, access.orgId), inArray(people.id, [access.managerId, access.reportId])));
  return (id) => names.find((n) => n.id === id)?.name ?? "";
}

/** Everything the meeting page shows, for one of the pair's two people. */
export async function getMeeting(db: Db, actor: Actor, input: { meetingId: string }, now = new Date()) {
  const access = await requireMeetingMember(db, actor, input.meetingId);
  const { meeting } = access;
  // Where open items of meetings that ended belong (an ended pair carries nothing over).
  const carryTo = access.ended ? null : (await readSchedule(db, access.orgId, access.pairId, now)).carryTo;
  const [series] = await db
    .select()
    .from(meetingSeries)
    .where(and(eq(meetingSeries.orgId, access.orgId), eq(meetingSeries.id, meeting.seriesId)));

  const nameOf = await pairNames(db, access);

  const agenda = await db
    .select({
      id: agendaItems.id,
      text: agendaItems.text,
      detail: agendaItems.detail,
      source: agendaItems.source,
      createdById: agendaItems.createdById,
      done: sql<boolean>`${agendaItems.doneAt} is not null`,
    })
    .from(agendaItems)
    .where(and(eq(agendaItems.orgId, access.orgId), eq(agendaItems.meetingId, meeting.id)))
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));

  const [shared] = await db
    .select({ body: sharedNotes.body, version: sharedNotes.version, updatedById: sharedNotes.updatedById, updatedAt: sharedNotes.updatedAt })
    .from(sharedNotes)
    .where(and(eq(sharedNotes.orgId, access.orgId), eq(sharedNotes.meetingId, meeting.id)));
  // Private notes: the actor's own, and no other row is ever read here.
  const [mine] = await db.select({ body: privateNotes.body, updatedAt: privateNotes.updatedAt }).from(privateNotes).where(ownPrivateNote(actor, meeting.id));

  const origin = db.select({ id: meetings.id, startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.orgId, access.orgId)).as("origin");
  const actions = await db
    .select({
      id: actionItems.id,
      text: actionItems.text,
      ownerId: actionItems.ownerId,
      dueOn: actionItems.dueOn,
      done: sql<boolean>`${actionItems.doneAt} is not null`,
      originMeetingId: actionItems.originMeetingId,
      originStartsAt: origin.startsAt,
    })
    .from(actionItems)
    .innerJoin(origin, eq(origin.id, actionItems.originMeetingId))
    .where(actionItemsShownOn(db, access.orgId, access.pairId, meeting, carryTo, now))
    .orderBy(asc(actionItems.createdAt));

  const neighbour = (direction: "previous" | "next") =>
    db
      .select({ id: meetings.id, startsAt: meetings.startsAt })
      .from(meetings)
      .where(
        and(
          eq(meetings.orgId, access.orgId),
          eq(meetings.pairId, access.pairId),
          ne(meetings.id, meeting.id),
          eq(meetings.status, "scheduled"),
          direction === "previous" ? lt(meetings.startsAt, meeting.startsAt) : gt(meetings.startsAt, meeting.startsAt),
        ),
      )
      .orderBy(direction === "previous" ? desc(meetings.startsAt) : asc(meetings.startsAt))
      .limit(1);
  const [previous] = await neighbour("previous");
  const [next] = await neighbour("next");

  return {
    meeting: {
      id: meeting.id,
      pairId: access.pairId,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: series!.timeZone,
      status: meeting.status,
      moved: meeting.startsAt.getTime() !== meeting.occurrenceStart.getTime(),
      live: isLiveMeeting(meeting, series!, access.ended ? new Date(0) : null),
      pairEnded: access.ended,
      state: meeting.endsAt <= now ? ("past" as const) : meeting.startsAt <= now ? ("now" as const) : ("upcoming" as const),
    },
    me: { id: actor.personId, side: access.managerId === actor.personId ? ("manager" as const) : ("employee" as const) },
    people: { manager: { id: access.managerId, name: nameOf(access.managerId) }, report: { id: access.reportId, name: nameOf(access.reportId) } },
    agenda,
    sharedNotes: shared
      ? { body: shared.body, version: shared.version, updatedBy: nameOf(shared.updatedById), updatedAt: shared.updatedAt }
      : { body: "", version: 0, updatedBy: null, updatedAt: null },
    privateNote: mine ? { body: mine.body, updatedAt: mine.updatedAt } : { body: "", updatedAt: null },
    actionItems: actions.map((a) => ({
      id: a.id,
      text: a.text,
      ownerId: a.ownerId,
      ownerName: nameOf(a.ownerId),
      dueOn: a.dueOn,
      done: a.done,
      carriedFrom: a.originMeetingId === meeting.id ? null : { meetingId: a.originMeetingId, startsAt: a.originStartsAt },
    })),
    previous: previous ?? null,
    next: next ?? null,
  };
}

function assertWritable(access: MeetingAccess) {
  // History stays editable after a pair ends only for what already happened.
  if (access.ended && access.meeting.startsAt > new Date()) throw new ConflictError("This pair has ended; its future 1:1s are cancelled.");
}

// ---------------------------------------------------------------------------------------------
// Agenda

/**
 * An add the browser already made (same client key): its id when it is on the same meeting, so a
 * retry after a lost response adds nothing; a conflict when the key was used elsewhere.
 */
async function alreadyAdded(tx: Db, table: typeof agendaItems | typeof actionItems, orgId: string, meetingId: string, clientKey: string | undefined) {
  if (!clientKey) return null;
  const [row] = await tx
    .select({ id: table.id, meetingId: table.meetingId })
    .from(table)
    .where(and(eq(table.orgId, orgId), eq(table.clientKey, clientKey)));
  if (!row) return null;
  if (row.meetingId !== meetingId) throw new ConflictError("This item was already added to another meeting.");
  return { id: row.id };
}

export async function addAgendaItem(db: Db, actor: Actor, input: { meetingId: string; text: string; detail?: string | null; clientKey?: string }) {
  return db.transaction(async (tx) => {
    const access = await requireMeetingMember(tx, actor, input.meetingId, { lock: "update" });
    assertWritable(access);
    const existing = await alreadyAdded(tx, agendaItems, access.orgId, access.meeting.id, input.clientKey);
    if (existing) return existing;
    const [{ max }] = (await tx
      .select({ max: sql<number>`coalesce(max(${agendaItems.position}), -1)::int` })
      .from(agendaItems)
      .where(and(eq(agendaItems.orgId, access.orgId), eq(agendaItems.meetingId, access.meeting.id)))) as [{ max: number }];
    const [item] = await tx
      .insert(agendaItems)
      .values({
        orgId: access.orgId,
        meetingId: access.meeting.id,
        position: max + 1,
        text: input.text.trim(),
        detail: input.detail?.trim() || null,
        clientKey: input.clientKey ?? null,
        createdById: actor.personId,
      })
      .returning({ id: agendaItems.id });
    return { id: item!.id };
  });
}

async function requireAgendaItem(tx: Db, actor: Actor, itemId: string) {
  const [item] = await tx
    .select({ id: agendaItems.id, meetingId: agendaItems.meetingId })
    .from(agendaItems)
    .where(and(eq(agendaItems.orgId, actor.orgId), eq(agendaItems.id, itemId)));
  if (!item) throw new NotFoundError();
  const access = await requireMeetingMember(tx, actor, item.meetingId, { lock: "update" });
  assertWritable(access);
  return { item, access };
}

export async function updateAgendaItem(db: Db, actor: Actor, input: { itemId: string; text?: string; detail?: string | null; done?: boolean }) {
  return db.transaction(async (tx) => {
    const { item, access } = await requireAgendaItem(tx, actor, input.itemId);
    await tx
      .update(agendaItems)
      .set({
        ...(input.text !== undefined && { text: input.text.trim() }),
        ...(input.detail !== undefined && { detail: input.detail?.trim() || null }),
        ...(input.done !== undefined && { doneAt: input.done ? new Date() : null }),
        updatedAt: new Date(),
      })
      .where(and(eq(agendaItems.orgId, access.orgId), eq(agendaItems.id, item.id)));
    return { id: item.id };
  });
}

export async function deleteAgendaItem(db: Db, actor: Actor, input: { itemId: string }) {
  return db.transaction(async (tx) => {
    const { item, access } = await requireAgendaItem(tx, actor, input.itemId);
    await tx.delete(agendaItems).where(and(eq(agendaItems.orgId, access.orgId), eq(agendaItems.id, item.id)));
    return { deleted: true };
  });
}

/**
 * Puts the agenda in the order given. The list must be exactly the meeting's items: if the other
 * person added or removed one meanwhile, the reorder is refused (nothing changes) and the page
 * reloads the agenda.
 */
export async function reorderAgenda(db: Db, actor: Actor, input: { meetingId: string; itemIds: string[] }) {
  return db.transaction(async (tx) => {
    const access = await requireMeetingMember(tx, actor, input.meetingId, { lock: "update" });
    assertWritable(access);
    const current = await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.orgId, access.orgId), eq(agendaItems.meetingId, access.meeting.id)));
    const given = new Set(input.itemIds);
    if (given.size !== input.itemIds.length) throw new InvalidInputError("Each agenda item can appear only once.");
    if (current.length !== given.size || current.some((c) => !given.has(c.id))) {
      throw new ConflictError("The agenda changed while you were reordering it. It has been reloaded; please try again.");
    }
    for (const [position, id] of input.itemIds.entries()) {
      await tx
        .update(agendaItems)
        .set({ position })
        .where(and(eq(agendaItems.orgId, access.orgId), eq(agendaItems.id, id)));
    }
    return { count: input.itemIds.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Notes

/**
 * Saves the shared notes if they are still at `baseVersion`. Otherwise nothing is written and a
 * ConflictError carries what is stored now, so the page can show both texts and let the person
 * merge them (nothing either of them typed is lost).
 */
export async function saveSharedNotes(db: Db, actor: Actor, input: { meetingId: string; body: string; baseVersion: number }) {
  const outcome = await db.transaction(async (tx) => {
    const access = await requireMeetingMember(tx, actor, input.meetingId, { lock: "update" });
    assertWritable(access);
    const [current] = await tx
      .select({ body: sharedNotes.body, version: sharedNotes.version, updatedById: sharedNotes.updatedById })
      .from(sharedNotes)
      .where(and(eq(sharedNotes.orgId, access.orgId), eq(sharedNotes.meetingId, access.meeting.id)));
    const version = current?.version ?? 0;
    if (version !== input.baseVersion) {
      if (current && current.body === input.body) return { ok: true as const, version };
      return { ok: false as const, current: { body: current?.body ?? "", version } };
    }
    const now = new Date();
    await tx
      .insert(sharedNotes)
      .values({ orgId: access.orgId, meetingId: access.meeting.id, body: input.body, version: version + 1, updatedById: actor.personId, updatedAt: now })
      .onConflictDoUpdate({ target: sharedNotes.meetingId, set: { body: input.body, version: version + 1, updatedById: actor.personId, updatedAt: now } });
    return { ok: true as const, version: version + 1 };
  });
  if (!outcome.ok) throw new NotesConflictError(outcome.current);
  return { version: outcome.version };
}

/** A stale shared-notes save; `details.current` is what the other person saved. */
export class NotesConflictError extends ConflictError {
  constructor(readonly current: { body: string; version: number }) {
    super("These notes were changed by the other person while you typed. Compare both versions and merge them.", { current });
  }
}

export async function savePrivateNote(db: Db, actor: Actor, input: { meetingId: string; body: string }) {
  return db.transaction(async (tx) => {
    const access = await requireMeetingMember(tx, actor, input.meetingId, { lock: "share" });
    assertWritable(access);
    const now = new Date();
    await tx
      .insert(privateNotes)
      .values({ orgId: access.orgId, meetingId: access.meeting.id, authorId: actor.personId, body: input.body, updatedAt: now })
      .onConflictDoUpdate({ target: [privateNotes.meetingId, privateNotes.authorId], set: { body: input.body, updatedAt: now } });
    return { savedAt: now };
  });
}

// ---------------------------------------------------------------------------------------------
// Action items

function assertOwner(access: MeetingAccess, ownerId: string) {
  if (ownerId !== access.managerId && ownerId !== access.reportId) throw new InvalidInputError("An action item belongs to one of the two of you.");
}

export async function addActionItem(
  db: Db,
  actor: Actor,
  input: { meetingId: string; text: string; ownerId: string; dueOn: string | null; clientKey?: string },
) {
  return db.transaction(async (tx) => {
    // "update": two retries of the same add must not both pass the client-key check.
    const access = await requireMeetingMember(tx, actor, input.meetingId, { lock: "update" });
    assertWritable(access);
    assertOwner(access, input.ownerId);
    const existing = await alreadyAdded(tx, actionItems, access.orgId, access.meeting.id, input.clientKey);
    if (existing) return existing;
    const [item] = await tx
      .insert(actionItems)
      .values({
        orgId: access.orgId,
        pairId: access.pairId,
        meetingId: access.meeting.id,
        originMeetingId: access.meeting.id,
        text: input.text.trim(),
        ownerId: input.ownerId,
        dueOn: input.dueOn,
        clientKey: input.clientKey ?? null,
        createdById: actor.personId,
      })
      .returning({ id: actionItems.id });
    return { id: item!.id };
  });
}

/**
 * The item and the meeting it is on, for a change by one of the pair's two people. A writable
 * item's pair is brought in step first (syncPair), so an item the page showed carried over to the
 * next meeting is on it before it changes, and stays there when ticked done.
 */
async function requireActionItem(tx: Db, actor: Actor, itemId: string) {
  const [item] = await tx
    .select({ id: actionItems.id, meetingId: actionItems.meetingId })
    .from(actionItems)
    .where(and(eq(actionItems.orgId, actor.orgId), eq(actionItems.id, itemId)));
  if (!item) throw new NotFoundError();
  const access = await requireMeetingMember(tx, actor, item.meetingId, { lock: "share" });
  assertWritable(access);
  await syncPair(tx, access.orgId, access.pairId, new Date());
  return { item, access };
}

export async function updateActionItem(
  db: Db,
  actor: Actor,
  input: { itemId: string; text?: string; ownerId?: string; dueOn?: string | null; done?: boolean },
) {
  return db.transaction(async (tx) => {
    const { item, access } = await requireActionItem(tx, actor, input.itemId);
    if (input.ownerId !== undefined) assertOwner(access, input.ownerId);
    await tx
      .update(actionItems)
      .set({
        ...(input.text !== undefined && { text: input.text.trim() }),
        ...(input.ownerId !== undefined && { ownerId: input.ownerId }),
        ...(input.dueOn !== undefined && { dueOn: input.dueOn }),
        ...(input.done !== undefined && { doneAt: input.done ? new Date() : null }),
        updatedAt: new Date(),
      })
      .where(and(eq(actionItems.orgId, access.orgId), eq(actionItems.id, item.id)));
    return { id: item.id };
  });
}

export async function deleteActionItem(db: Db, actor: Actor, input: { itemId: string }) {
  return db.transaction(async (tx) => {
    const { item, access } = await requireActionItem(tx, actor, input.itemId);
    await tx.delete(actionItems).where(and(eq(actionItems.orgId, access.orgId), eq(actionItems.id, item.id)));
    return { deleted: true };
  });
}
