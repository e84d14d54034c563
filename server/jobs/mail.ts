import { and, count, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { assessments, jobs, rateLimits, responses } from "@/db/schema";
import { env } from "@/server/env";
import type { Mail } from "@/server/mail";
import { defineHandler, enqueueMany, type JobHandlers, type JobResult } from "./queue";
import { deliverOnce } from "@/server/meetings/reminders";

// Emails sent in bulk by what one person does — invitations of a people import, "your assessment
// is ready" when a cycle opens, a cycle's reminder round — go through the job queue instead of
// the request (issue 17: importing 1,000 people used to send 1,000 emails before answering).
// The request only enqueues them, in its own transaction, so they exist exactly when what
// caused them committed; the worker sends them (each key at most once: deliverOnce) at no more
// than TANDEM_MAIL_PER_MINUTE per organization, so one organization's import neither floods
// the mail server nor delays everyone else's mail.

export const MAIL_JOB = "mail.send";
const MINUTE_MS = 60_000;

const pendingSide = z.object({ assessmentId: z.uuid(), side: z.enum(["employee", "manager"]) });
const mailPayload = z.object({
  orgId: z.uuid(),
  mail: z.object({ to: z.string(), subject: z.string(), text: z.string(), html: z.string().optional() }),
  /** Send only while this side of this assessment is still waiting for answers (reminders). */
  whileUnsubmitted: pendingSide.optional(),
});

export interface QueuedMail {
  /** Names the email, not the attempt: `invitation:<person>`, `cycle-open:<assessment>:<side>`… */
  key: string;
  mail: Mail;
  whileUnsubmitted?: z.infer<typeof pendingSide>;
}

const minuteOf = (at: Date) => new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);

function perMinute(override?: number): number {
  return override ?? env().TANDEM_MAIL_PER_MINUTE;
}

/**
 * Enqueues one organization's emails (pass the transaction that makes the change they announce).
 * Run times are spread at the organization's rate after what it already has waiting, so the
 * worker finds each minute's share due and no more; the handler enforces the rate in any case.
 * Returns how many were added (an existing key is left alone).
 */
export async function enqueueMails(db: Db, orgId: string, mails: QueuedMail[], now: Date, options: { perMinute?: number } = {}): Promise<number> {
  if (mails.length === 0) return 0;
  const rate = perMinute(options.perMinute);
  const [waiting] = await db
    .select({ n: count() })
    .from(jobs)
    .where(and(eq(jobs.kind, MAIL_JOB), isNull(jobs.finishedAt), sql`${jobs.payload}->>'orgId' = ${orgId}`));
  const ahead = waiting?.n ?? 0;
  const minute = minuteOf(now).getTime();
  return enqueueMany(
    db,
    mails.map((mail, index) => {
      const slot = Math.floor((ahead + index) / rate);
      return {
        kind: MAIL_JOB,
        key: mail.key,
        payload: { orgId, mail: mail.mail, ...(mail.whileUnsubmitted ? { whileUnsubmitted: mail.whileUnsubmitted } : {}) } satisfies z.input<
          typeof mailPayload
        >,
        runAt: slot === 0 ? now : new Date(minute + slot * MINUTE_MS),
      };
    }),
  );
}

/**
 * Counts one email against the organization's minute, on the worker's clock, in the database
 * (so the rate holds across app servers). Over the rate: when the next minute starts.
 */
async function takeSendingSlot(db: Db, orgId: string, now: Date, rate: number): Promise<{ ok: true } | { ok: false; until: Date }> {
  const minute = minuteOf(now);
  const [row] = await db
    .insert(rateLimits)
    .values({ key: `mail-rate:${orgId}`, windowStart: minute, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < excluded.window_start then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`greatest(${rateLimits.windowStart}, excluded.window_start)`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  if (!row || row.count <= rate) return { ok: true };
  return { ok: false, until: new Date(row.windowStart.getTime() + MINUTE_MS) };
}

async function stillUnsubmitted(db: Db, orgId: string, side: z.infer<typeof pendingSide>): Promise<boolean> {
  const [row] = await db
    .select({ id: responses.id })
    .from(responses)
    .innerJoin(assessments, and(eq(assessments.orgId, responses.orgId), eq(assessments.id, responses.assessmentId)))
    .where(
      and(
        eq(responses.orgId, orgId),
        eq(responses.assessmentId, side.assessmentId),
        eq(responses.side, side.side),
        isNull(responses.submittedAt),
        isNull(assessments.revealedAt),
        // Closing a cycle closes its assessments.
        isNull(assessments.closedAt),
      ),
    );
  return row !== undefined;
}

const ALREADY_DELIVERED: JobResult = {
  outcome: "done",
  note: "a delivery record exists: sent by an earlier attempt, or a crash interrupted it (at most once)",
};

/** The worker's handler for queued emails; `perMinute` replaces TANDEM_MAIL_PER_MINUTE (tests). */
export function mailHandlers(options: { perMinute?: number } = {}): JobHandlers {
  return {
    [MAIL_JOB]: defineHandler({
      payload: mailPayload,
      async run(db, payload, { job, now }) {
        if (payload.whileUnsubmitted && !(await stillUnsubmitted(db, payload.orgId, payload.whileUnsubmitted))) {
          return { outcome: "cancelled", reason: "answered, closed or revealed since the reminder was queued" };
        }
        const slot = await takeSendingSlot(db, payload.orgId, now, perMinute(options.perMinute));
        if (!slot.ok) return { outcome: "deferred", until: slot.until, reason: "the organization's sending rate" };
        return (await deliverOnce(db, job.key, payload.mail, now)) === "sent" ? { outcome: "done" } : ALREADY_DELIVERED;
      },
    }),
  };
}
