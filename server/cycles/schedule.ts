import { and, eq, isNull, lte, or } from "drizzle-orm";
import { DateTime, IANAZone } from "luxon";
import { z } from "zod";
import type { Db } from "@/db/client";
import { cycles, organizations } from "@/db/schema";
import { scheduledActor } from "@/server/access/actor";
import { defineHandler, enqueueMany, type JobHandlers, type JobResult, type NewJob } from "@/server/jobs/queue";
import { deliverOnce } from "@/server/meetings/reminders";
import { assessmentReminderMail } from "@/server/assessments/notifications";
import { recordAudit } from "@/server/audit/audit";
import { ConflictError, NotFoundError } from "@/server/errors";
import { cycleTimes } from "./calendar";
import { closeCycle, cycleReminderRecipients, openCycle } from "./cycles";

// Cycles keep their dates by themselves. The worker (server/jobs/worker.ts) runs this sweep
// about once a minute, one app server at a time (an advisory lock), for every organization:
//
// - a draft cycle opens once 00:00 of its open date has come in the organization's time zone
//   (unless its close date has already ended: such a draft waits for HR);
// - an open cycle closes at the end of its close date there (00:00 of the next day);
// - an open cycle gets one automatic reminder, 09:00 local three days before its close date, to
//   everyone who has not submitted (the reminder email HR's button sends; HR is told neither who
//   nor how many). The sweep plans it as a job with a key per cycle and close date, so every
//   server may plan it and it still runs once; each email has its own at-most-once key, so a
//   retry after a crash or a mail-server refusal sends only what had not gone out.
//
// Opening and closing call the same openCycle and closeCycle as HR's buttons, as Tandem
// (a SystemActor: the audit log says "Tandem (scheduled)"). Those lock the cycle row and check
// its status, so a second server, or HR pressing the button in the same second, finds the work
// done and gets a ConflictError, which here means "nothing to do". HR may still open or close
// early; the sweep then has nothing left to do for that step.

export const CYCLE_REMINDER = "cycle.reminder";

const cycleReminderPayload = z.object({ orgId: z.uuid(), cycleId: z.uuid(), closesOn: z.iso.date() });

/** One automatic reminder per cycle and close date. */
export function cycleReminderKey(cycleId: string, closesOn: string): string {
  return `cycle-reminder:${cycleId}:${closesOn}`;
}

export interface CycleSweepResult {
  opened: number;
  closed: number;
  /** Reminder jobs added or re-planned (0 when the plan stands). */
  remindersPlanned: number;
}

/**
 * What cycleTimes reads of a cycle, with its organization's time zone (joined on the org): the
 * sweep plans on these and the reminder re-checks the same at send time.
 */
const scheduleColumns = {
  status: cycles.status,
  opensOn: cycles.opensOn,
  closesOn: cycles.closesOn,
  openedAt: cycles.openedAt,
  autoRemindedAt: cycles.autoRemindedAt,
  timeZone: organizations.timeZone,
};

/** Zones west of UTC are behind it, east up to 14 hours ahead: no open date later than this has begun anywhere. */
function latestLocalDay(now: Date): string {
  return DateTime.fromJSDate(now, { zone: "utc" }).plus({ hours: 14 }).toISODate()!;
}

/**
 * Opens, closes and plans reminders for the cycles whose time has come at `now`. Idempotent:
 * running it again, on this server or another, changes nothing more. One failing cycle is logged
 * and does not stop the others.
 */
export async function sweepCycleSchedules(db: Db, now: Date): Promise<CycleSweepResult> {
  const result: CycleSweepResult = { opened: 0, closed: 0, remindersPlanned: 0 };
  const candidates = await db
    .select({ id: cycles.id, orgId: cycles.orgId, ...scheduleColumns })
    .from(cycles)
    .innerJoin(organizations, eq(organizations.id, cycles.orgId))
    .where(or(eq(cycles.status, "open"), and(eq(cycles.status, "draft"), lte(cycles.opensOn, latestLocalDay(now)))))
    .orderBy(cycles.orgId, cycles.opensOn, cycles.id);

  const reminders: NewJob[] = [];
  for (const c of candidates) {
    if (!IANAZone.isValidZone(c.timeZone)) {
      // Only the settings page writes the zone, and it checks it; a row edited by hand is skipped, loudly.
      console.error(`[tandem] cycle schedule: organization ${c.orgId} has an unknown time zone "${c.timeZone}"; its cycles wait`);
      continue;
    }
    const times = cycleTimes(c, c.timeZone);
    try {
      if (c.status === "draft") {
        if (now < times.opensAt || now >= times.closesAt) continue;
        if (await unlessDone(openCycle(db, scheduledActor(c.orgId), { cycleId: c.id }))) result.opened++;
        // Its reminder is planned by the next sweep, from the opened row.
        continue;
      }
      if (now >= times.closesAt) {
        if (await unlessDone(closeCycle(db, scheduledActor(c.orgId), { cycleId: c.id }))) result.closed++;
        continue;
      }
      if (times.reminderAt && c.autoRemindedAt === null) {
        reminders.push({
          kind: CYCLE_REMINDER,
          key: cycleReminderKey(c.id, c.closesOn),
          payload: { orgId: c.orgId, cycleId: c.id, closesOn: c.closesOn } satisfies z.input<typeof cycleReminderPayload>,
          // A changed time zone moves a reminder that has not run (enqueueMany re-plans it).
          runAt: times.reminderAt,
        });
      }
    } catch (err) {
      console.error(`[tandem] cycle schedule: cycle ${c.id} failed:`, err);
    }
  }
  reminders.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  result.remindersPlanned = await enqueueMany(db, reminders);
  return result;
}

/** True when the step ran; false when someone (HR, another server) did it first or the cycle is gone. */
async function unlessDone(step: Promise<unknown>): Promise<boolean> {
  try {
    await step;
    return true;
  } catch (err) {
    if (err instanceof ConflictError || err instanceof NotFoundError) return false;
    throw err;
  }
}

const cancel = (reason: string): JobResult => ({ outcome: "cancelled", reason });

/**
 * The automatic reminder. Re-checks at send time what the sweep planned on (the same rules:
 * cycleTimes), sends each pending side its reminder at most once, then marks the cycle reminded
 * and records it in the audit log (once, however often the job is retried).
 */
const cycleReminder = defineHandler({
  payload: cycleReminderPayload,
  async run(db, payload, { job, now }) {
    const [cycle] = await db
      .select({ name: cycles.name, ...scheduleColumns })
      .from(cycles)
      .innerJoin(organizations, eq(organizations.id, cycles.orgId))
      .where(and(eq(cycles.orgId, payload.orgId), eq(cycles.id, payload.cycleId)));
    if (!cycle) return cancel("the cycle is gone");
    if (cycle.status !== "open") return cancel("the cycle is not open");
    if (cycle.closesOn !== payload.closesOn) return cancel("the close date changed; the new one has its own reminder");
    if (cycle.autoRemindedAt) return cancel("the automatic reminder went out already");
    if (!IANAZone.isValidZone(cycle.timeZone)) throw new Error(`unknown time zone "${cycle.timeZone}"`);
    const times = cycleTimes(cycle, cycle.timeZone);
    if (!times.reminderAt) return cancel("no automatic reminder for this cycle (too short, or opened after its time)");
    if (now >= times.closesAt) return cancel("the cycle's close date has ended");
    if (now < times.reminderAt) return { outcome: "deferred", until: times.reminderAt, reason: "the organization's time zone changed" };

    const recipients = await cycleReminderRecipients(db, payload.orgId, payload.cycleId);
    for (const r of recipients) {
      // A mail server that refuses throws: the job is retried, and what went out stays out.
      await deliverOnce(db, `${job.key}:${r.responseId}`, assessmentReminderMail(r.email, r.other, r.assessmentId, cycle.closesOn), now);
    }
    await db.transaction(async (tx) => {
      const marked = await tx
        .update(cycles)
        .set({ autoRemindedAt: now })
        .where(and(eq(cycles.orgId, payload.orgId), eq(cycles.id, payload.cycleId), isNull(cycles.autoRemindedAt)))
        .returning({ id: cycles.id });
      // No count in the details: HR learns neither who nor how many.
      if (marked.length > 0) await recordAudit(tx, scheduledActor(payload.orgId), "cycle.reminded", { cycleId: payload.cycleId, name: cycle.name });
    });
    return { outcome: "done" };
  },
});

/** The cycle schedule's job handlers, for the worker's sending loop. */
export function cycleScheduleHandlers(): JobHandlers {
  return { [CYCLE_REMINDER]: cycleReminder };
}
