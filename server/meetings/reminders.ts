import { and, asc, eq, gt, inArray, isNull, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { DateTime } from "luxon";
import { z } from "zod";
import type { Db } from "@/db/client";
import {
  actionItems,
  agendaItems,
  assessments,
  cycles,
  mailDeliveries,
  meetingPreferences,
  meetingSeries,
  meetings,
  pairs,
  people,
  responses,
} from "@/db/schema";
import { appUrl } from "@/server/env";
import { sendMail, type Mail } from "@/server/mail";
import { assessmentDigestMail, meetingReminderMail } from "@/server/meetings/reminder-mail";
import type { PersonName } from "@/server/people/call-name";
import { DEFAULT_REMINDER_MINUTES } from "@/server/meetings/preferences";
import { isLiveMeeting, sweepSchedules, syncPair, type ScheduleSweepResult } from "@/server/meetings/schedule";
import { defineHandler, enqueueMany, type JobHandlers, type JobResult, type NewJob } from "@/server/jobs/queue";
import { assessmentTitle } from "@/server/assessments/state";

// Reminder emails, planned by a sweep and sent by the job queue (docs/decisions/0003-job-queue.md).
//
// The sweep computes the whole plan each time and enqueues it with stable keys, so running it
// again (every few minutes, on every app server) adds nothing. A key names exactly what one
// email is about — a meeting, a person and the start time it announces — so a moved meeting
// gets a new reminder and the old one cancels itself. Handlers re-check everything at send
// time (the plan may be minutes or days old) and then send through deliverOnce, which makes
// each key's email go out at most once.
//
// The worker acts for every organization, so the sweep's queries are not scoped to one org;
// instead every join is on (org_id, id), as the composite foreign keys are, and everything a
// handler reads is filtered by the org in its payload.

export const MEETING_REMINDER = "meeting.reminder";
export const ASSESSMENT_DIGEST = "assessment.digest";
/** An assessment joins the weekly digest once it has waited this long for an answer. */
export const DIGEST_GRACE_MS = 2 * 86_400_000;

/** Reminders are planned for meetings starting this far ahead: the longest lead time allowed (7 days). */
export const REMINDER_HORIZON_MS = 7 * 24 * 60 * 60_000;

const meetingReminderPayload = z.object({
  orgId: z.uuid(),
  pairId: z.uuid(),
  meetingId: z.uuid(),
  personId: z.uuid(),
  /** The start this reminder announces; the meeting must still start then. */
  startsAt: z.iso.datetime(),
});
const assessmentDigestPayload = z.object({ orgId: z.uuid(), personId: z.uuid(), week: z.string() });

export function meetingReminderKey(meetingId: string, personId: string, startsAt: Date): string {
  return `meeting-reminder:${meetingId}:${personId}:${startsAt.toISOString()}`;
}

/** "2026-W48": digests are one per person per ISO week (weeks in UTC: people have no zone of their own). */
export function isoWeek(now: Date): string {
  const utc = DateTime.fromJSDate(now, { zone: "utc" });
  return `${utc.weekYear}-W${String(utc.weekNumber).padStart(2, "0")}`;
}

export function assessmentDigestKey(personId: string, now: Date): string {
  return `assessment-digest:${personId}:${isoWeek(now)}`;
}

// ---------------------------------------------------------------------------------------------
// Preferences, read the same way by the sweep and the handlers so the two never disagree (a
// disagreement would make the sweep revive a job the handler keeps cancelling).

interface ReminderPerson {
  id: string;
  name: string;
  givenName: string | null;
  email: string;
  /** null: this person turned reminders off. */
  leadMinutes: number | null;
  digest: "weekly" | "off";
}

/** Active people of one organization with their reminder settings (defaults when they never chose). */
async function reminderPeople(db: Db, orgId: string, personIds: string[]): Promise<Map<string, ReminderPerson>> {
  const out = new Map<string, ReminderPerson>();
  if (personIds.length === 0) return out;
  const rows = await db
    .select({
      id: people.id,
      name: people.name,
      givenName: people.givenName,
      email: people.email,
      prefsId: meetingPreferences.personId,
      reminderMinutes: meetingPreferences.reminderMinutes,
      digest: meetingPreferences.assessmentDigest,
    })
    .from(people)
    .leftJoin(meetingPreferences, and(eq(meetingPreferences.orgId, people.orgId), eq(meetingPreferences.personId, people.id)))
    .where(and(eq(people.orgId, orgId), inArray(people.id, personIds), isNull(people.deactivatedAt)));
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      name: r.name,
      givenName: r.givenName,
      email: r.email,
      // No row: the defaults (24 h, weekly). A row with null minutes: reminders off.
      leadMinutes: r.prefsId === null ? DEFAULT_REMINDER_MINUTES : r.reminderMinutes,
      digest: r.digest ?? "weekly",
    });
  }
  return out;
}

/**
 * Still waiting for this respondent: not revealed, not closed (nor its cycle), not submitted.
 * Expects `responses` joined to `assessments` and `cycles` left-joined, all on org_id.
 */
function pendingResponse(): SQL {
  return and(
    isNull(responses.submittedAt),
    isNull(assessments.revealedAt),
    isNull(assessments.closedAt),
    or(isNull(assessments.cycleId), eq(cycles.status, "open")),
  )!;
}

// ---------------------------------------------------------------------------------------------
// The sweep

export interface SweepResult extends ScheduleSweepResult {
  /** Reminder and digest jobs inserted or re-planned (0 when nothing changed). */
  reminders: number;
  digests: number;
}

/**
 * Keeps every open pair's schedule in step (new meeting rows, action items carried over:
 * sweepSchedules), then plans reminders for the meetings of the next 7 days and this week's
 * assessment digests. Idempotent; safe to run on several app servers at once (the worker also
 * makes sure only one runs it at a time: runReminderSweep).
 */
export async function scheduleReminders(db: Db, now: Date): Promise<SweepResult> {
  const schedules = await sweepSchedules(db, now);
  return { ...schedules, reminders: await planMeetingReminders(db, now), digests: await planDigests(db, now) };
}

const person = alias(people, "person");

/**
 * One reminder per person per scheduled meeting of an open pair starting in the next 7 days,
 * in one statement over the planned meetings, then enqueued (only what is new or changed is
 * written). The same rules as the handler: live in its series (isLiveMeeting), the person
 * active, their lead time (the default without a preferences row; none when turned off).
 */
async function planMeetingReminders(db: Db, now: Date): Promise<number> {
  const horizon = new Date(now.getTime() + REMINDER_HORIZON_MS);
  const rows = await db
    .select({
      meeting: { id: meetings.id, orgId: meetings.orgId, pairId: meetings.pairId, occurrenceStart: meetings.occurrenceStart, startsAt: meetings.startsAt },
      series: meetingSeries,
      personId: person.id,
      prefsId: meetingPreferences.personId,
      reminderMinutes: meetingPreferences.reminderMinutes,
    })
    .from(meetings)
    .innerJoin(pairs, and(eq(pairs.orgId, meetings.orgId), eq(pairs.id, meetings.pairId)))
    .innerJoin(meetingSeries, and(eq(meetingSeries.orgId, meetings.orgId), eq(meetingSeries.id, meetings.seriesId)))
    .innerJoin(person, and(eq(person.orgId, pairs.orgId), or(eq(person.id, pairs.managerId), eq(person.id, pairs.reportId))))
    .leftJoin(meetingPreferences, and(eq(meetingPreferences.orgId, person.orgId), eq(meetingPreferences.personId, person.id)))
    .where(
      and(isNull(pairs.endedAt), eq(meetings.status, "scheduled"), gt(meetings.startsAt, now), lte(meetings.startsAt, horizon), isNull(person.deactivatedAt)),
    );

  const batch: NewJob[] = [];
  for (const { meeting, series, personId, prefsId, reminderMinutes } of rows) {
    if (!isLiveMeeting(meeting, series, null)) continue;
    // As reminderPeople reads it: no row means the default, a row with null minutes means off.
    const lead = prefsId === null ? DEFAULT_REMINDER_MINUTES : reminderMinutes;
    if (lead === null) continue;
    batch.push({
      kind: MEETING_REMINDER,
      key: meetingReminderKey(meeting.id, personId, meeting.startsAt),
      payload: {
        orgId: meeting.orgId,
        pairId: meeting.pairId,
        meetingId: meeting.id,
        personId,
        startsAt: meeting.startsAt.toISOString(),
      } satisfies z.input<typeof meetingReminderPayload>,
      // May be in the past (the meeting was planned or moved inside the lead time): a run time
      // in the past is due at once. Kept stable rather than "now" so a re-run changes nothing.
      runAt: new Date(meeting.startsAt.getTime() - lead * 60_000),
    });
  }
  // Stable order: two sweepers upserting the same keys lock them in the same order.
  batch.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return enqueueMany(db, batch);
}

async function planDigests(db: Db, now: Date): Promise<number> {
  const rows = await db
    .selectDistinct({ orgId: responses.orgId, personId: responses.respondentId })
    .from(responses)
    .innerJoin(assessments, and(eq(assessments.orgId, responses.orgId), eq(assessments.id, responses.assessmentId)))
    .leftJoin(cycles, and(eq(cycles.orgId, assessments.orgId), eq(cycles.id, assessments.cycleId)))
    .innerJoin(people, and(eq(people.orgId, responses.orgId), eq(people.id, responses.respondentId)))
    .leftJoin(meetingPreferences, and(eq(meetingPreferences.orgId, people.orgId), eq(meetingPreferences.personId, people.id)))
    .where(
      and(
        pendingResponse(),
        // Only what has waited a while: a new assessment already announced itself by email.
        lte(assessments.createdAt, new Date(now.getTime() - DIGEST_GRACE_MS)),
        isNull(people.deactivatedAt),
        or(isNull(meetingPreferences.personId), eq(meetingPreferences.assessmentDigest, "weekly")),
      ),
    );

  // Due from the start of the ISO week, i.e. at once: a fixed run time keeps re-runs no-ops.
  const weekStart = DateTime.fromJSDate(now, { zone: "utc" }).startOf("week").toJSDate();
  const week = isoWeek(now);
  return enqueueMany(
    db,
    rows.map((r) => ({
      kind: ASSESSMENT_DIGEST,
      key: assessmentDigestKey(r.personId, now),
      payload: { orgId: r.orgId, personId: r.personId, week } satisfies z.input<typeof assessmentDigestPayload>,
      runAt: weekStart,
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// At most once

/**
 * Sends `mail` unless an email with this key was handed over before. The delivery row is
 * written and committed (no transaction here) before the mail server sees anything, so a second
 * worker or a retry after a crash finds it and sends nothing. The price: a crash between the
 * commit and the hand-over loses that one email, which for a reminder beats sending it twice.
 * If the mail server refuses, the row is removed again so the retry may send.
 */
export async function deliverOnce(db: Db, key: string, mail: Mail, now: Date): Promise<"sent" | "already-delivered"> {
  const claimed = await db
    .insert(mailDeliveries)
    .values({ key, createdAt: now })
    .onConflictDoNothing({ target: mailDeliveries.key })
    .returning({ key: mailDeliveries.key });
  if (claimed.length === 0) return "already-delivered";
  try {
    await sendMail(db, mail);
  } catch (err) {
    await db.delete(mailDeliveries).where(eq(mailDeliveries.key, key));
    throw err;
  }
  return "sent";
}

/** Delivery records older than any key a sweep can still produce (keys embed past dates). */
export async function pruneMailDeliveries(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(mailDeliveries).where(lt(mailDeliveries.createdAt, before)).returning({ key: mailDeliveries.key });
  return rows.length;
}

const ALREADY_DELIVERED: JobResult = {
  outcome: "done",
  note: "a delivery record exists: sent by an earlier attempt, or a crash interrupted it (at most once)",
};

// ---------------------------------------------------------------------------------------------
// Handlers

const cancel = (reason: string): JobResult => ({ outcome: "cancelled", reason });

const meetingReminder = defineHandler({
  payload: meetingReminderPayload,
  async run(db, payload, { job, now }) {
    const announced = new Date(payload.startsAt);
    const [pair] = await db
      .select({ managerId: pairs.managerId, reportId: pairs.reportId, endedAt: pairs.endedAt })
      .from(pairs)
      .where(and(eq(pairs.orgId, payload.orgId), eq(pairs.id, payload.pairId)));
    if (!pair || pair.endedAt) return cancel("the pair has ended");
    if (pair.managerId !== payload.personId && pair.reportId !== payload.personId) return cancel("not one of the pair's people");

    // syncPair (the worker may write) answers only live meetings (series not ended or paused
    // there) and brings carried-over action items onto this meeting before we count them.
    const schedule = await syncPair(db, payload.orgId, payload.pairId, now);
    const meeting = schedule.upcoming.find((m) => m.id === payload.meetingId);
    if (!meeting || meeting.status !== "scheduled") return cancel("the meeting was skipped or no longer belongs to the series");
    if (meeting.startsAt.getTime() !== announced.getTime()) return cancel("the meeting was moved; its new time has its own reminder");
    if (meeting.startsAt <= now) return cancel("the meeting has already started");
    const series = schedule.series.find((s) => s.id === meeting.seriesId);
    if (!series) return cancel("the series is gone");

    const otherId = pair.managerId === payload.personId ? pair.reportId : pair.managerId;
    const persons = await reminderPeople(db, payload.orgId, [payload.personId, otherId]);
    const person = persons.get(payload.personId);
    if (!person) return cancel("the person was deactivated");
    if (person.leadMinutes === null) return cancel("the person turned reminders off");
    const due = new Date(meeting.startsAt.getTime() - person.leadMinutes * 60_000);
    if (due > now) return { outcome: "deferred", until: due, reason: "the person chose a shorter lead time" };
    const other = persons.get(otherId) ?? (await nameOf(db, payload.orgId, otherId));

    const agenda = await db
      .select({ text: agendaItems.text })
      .from(agendaItems)
      .where(and(eq(agendaItems.orgId, payload.orgId), eq(agendaItems.meetingId, meeting.id)))
      .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
    const [open] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(actionItems)
      .where(and(eq(actionItems.orgId, payload.orgId), eq(actionItems.meetingId, meeting.id), isNull(actionItems.doneAt)));

    const mail = meetingReminderMail({
      to: person.email,
      recipient: person,
      other,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: series.timeZone,
      now,
      agenda: agenda.map((a) => a.text),
      openActionItems: open?.n ?? 0,
      meetingUrl: `${appUrl()}/meetings/${meeting.id}`,
    });
    return (await deliverOnce(db, job.key, mail, now)) === "sent" ? { outcome: "done" } : ALREADY_DELIVERED;
  },
});

/** A deactivated colleague still has a name to show. */
async function nameOf(db: Db, orgId: string, personId: string): Promise<PersonName> {
  const [row] = await db
    .select({ name: people.name, givenName: people.givenName })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.id, personId)));
  return row ?? { name: "your colleague", givenName: null };
}

const theirs = alias(responses, "theirs");
const other = alias(people, "other");

const assessmentDigest = defineHandler({
  payload: assessmentDigestPayload,
  async run(db, payload, { job, now }) {
    const person = (await reminderPeople(db, payload.orgId, [payload.personId])).get(payload.personId);
    if (!person) return cancel("the person was deactivated");
    if (person.digest !== "weekly") return cancel("the person turned the digest off");

    const pending = await db
      .select({ id: assessments.id, cycleName: cycles.name, dueOn: assessments.dueOn, otherName: other.name })
      .from(responses)
      .innerJoin(assessments, and(eq(assessments.orgId, responses.orgId), eq(assessments.id, responses.assessmentId)))
      .leftJoin(cycles, and(eq(cycles.orgId, assessments.orgId), eq(cycles.id, assessments.cycleId)))
      .innerJoin(theirs, and(eq(theirs.orgId, responses.orgId), eq(theirs.assessmentId, responses.assessmentId), ne(theirs.side, responses.side)))
      .innerJoin(other, and(eq(other.orgId, theirs.orgId), eq(other.id, theirs.respondentId)))
      .where(and(eq(responses.orgId, payload.orgId), eq(responses.respondentId, payload.personId), pendingResponse()))
      .orderBy(asc(assessments.dueOn), asc(assessments.createdAt));
    if (pending.length === 0) return cancel("nothing is pending any more");

    const mail = assessmentDigestMail({
      to: person.email,
      recipient: person,
      items: pending.map((a) => ({
        title: assessmentTitle(a.cycleName),
        otherName: a.otherName,
        dueOn: a.dueOn,
        url: `${appUrl()}/assessments/${a.id}`,
      })),
    });
    return (await deliverOnce(db, job.key, mail, now)) === "sent" ? { outcome: "done" } : ALREADY_DELIVERED;
  },
});

/** The handlers the worker runs. A fresh object per call: nothing is kept between ticks. */
export function reminderHandlers(): JobHandlers {
  return { [MEETING_REMINDER]: meetingReminder, [ASSESSMENT_DIGEST]: assessmentDigest };
}
