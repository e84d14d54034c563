import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { jobs } from "@/db/schema";

// A small durable job queue on the application's own `jobs` table (docs/decisions/0003-job-queue.md).
// It is plain SQL through Drizzle, so it runs the same on embedded PGlite and on Postgres:
// - enqueueing is idempotent on `key`, so every app server may schedule the same work;
// - a worker claims due rows with FOR UPDATE SKIP LOCKED and holds them until `locked_until`;
//   a worker that dies mid-job loses the claim when the lock expires, and someone retries;
// - every finish (done, cancelled, retry, failed) is fenced on the `attempts` value the claim
//   returned, so a worker whose lock expired cannot overwrite the outcome of the one that took
//   the job over.
// Delivery is therefore at-least-once per job; handlers that must act at most once (emails) keep
// their own record (mail_deliveries) and check it before acting.

export const MAX_ATTEMPTS = 5;
/** How long a claim holds: far longer than a batch of handlers takes (a few emails). */
export const DEFAULT_LOCK_MS = 5 * 60_000;
const DEFAULT_CLAIM_LIMIT = 20;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 60 * 60_000;

export interface NewJob {
  kind: string;
  /** Identity of the work: a second enqueue with the same key adds nothing. */
  key: string;
  payload: Record<string, unknown>;
  runAt: Date;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  runAt: Date;
  /** Including this claim; also the fencing token for finishing it. */
  attempts: number;
}

/** What a handler decided. Throwing means "failed, retry later". */
export type JobResult =
  /** `note` is kept in last_error for whoever looks at the row (e.g. "already delivered"). */
  | { outcome: "done"; note?: string }
  /** Nothing to do any more (the meeting was skipped, the person opted out): finished, not retried. */
  | { outcome: "cancelled"; reason: string }
  /** Not yet (a preference changed after scheduling): run again at `until`, not counted as an attempt. */
  | { outcome: "deferred"; until: Date; reason: string };

export interface JobContext {
  job: ClaimedJob;
  /** The tick's clock: handlers compare against it, never against Date.now(), so tests can fix time. */
  now: Date;
}

export interface JobHandler<S extends z.ZodType = z.ZodType> {
  /** Payloads come back from JSON written by any version of the app: parse them, never cast. */
  payload: S;
  run(db: Db, payload: z.output<S>, ctx: JobContext): Promise<JobResult>;
}

/** kind → handler. The worker only claims kinds it has a handler for. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** Keeps the payload type of one handler tied to its schema. */
export function defineHandler<S extends z.ZodType>(handler: JobHandler<S>): JobHandler<S> {
  return handler;
}

/** Adds a job unless one with the same key exists (in any state). Returns whether it was added. */
export async function enqueue(db: Db, job: NewJob): Promise<boolean> {
  const rows = await db
    .insert(jobs)
    .values({ kind: job.kind, key: job.key, payload: job.payload, runAt: job.runAt })
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * Adds many jobs in a few statements, for sweeps that compute their whole plan each time.
 * An existing key is left alone, except:
 * - it is still waiting and was never tried: its run time follows the new plan (a person
 *   changed their reminder lead time);
 * - it was cancelled: it is revived (a skipped meeting was un-skipped). Cancelling happens
 *   before anything is sent, so reviving can't make an email go out twice.
 * A job that is running, retrying, done or failed keeps its row untouched.
 * Returns how many rows were inserted or changed.
 */
export async function enqueueMany(db: Db, jobsToAdd: NewJob[]): Promise<number> {
  // One statement may not upsert the same key twice.
  const batch = [...new Map(jobsToAdd.map((j) => [j.key, j])).values()];
  let written = 0;
  for (let i = 0; i < batch.length; i += 500) {
    const chunk = batch.slice(i, i + 500);
    // Sweeps enqueue the same plan every few minutes: read first, and write only what is new
    // or would change, so a plan that stands costs one read and no row locks or WAL.
    const existing = await db
      .select({ key: jobs.key, runAt: jobs.runAt, attempts: jobs.attempts, finishedAt: jobs.finishedAt, outcome: jobs.outcome })
      .from(jobs)
      .where(
        inArray(
          jobs.key,
          chunk.map((j) => j.key),
        ),
      );
    const byKey = new Map(existing.map((row) => [row.key, row]));
    const changed = chunk.filter((job) => {
      const row = byKey.get(job.key);
      // The same rule as the upsert's setWhere below, which stays the authority under races.
      return !row || row.outcome === "cancelled" || (row.finishedAt === null && row.attempts === 0 && row.runAt.getTime() !== job.runAt.getTime());
    });
    if (changed.length === 0) continue;
    const rows = await db
      .insert(jobs)
      .values(changed.map((j) => ({ kind: j.kind, key: j.key, payload: j.payload, runAt: j.runAt })))
      .onConflictDoUpdate({
        target: jobs.key,
        set: {
          runAt: sql`excluded.run_at`,
          payload: sql`excluded.payload`,
          attempts: 0,
          lockedUntil: null,
          finishedAt: null,
          outcome: null,
          lastError: null,
        },
        setWhere: sql`(${jobs.finishedAt} is null and ${jobs.attempts} = 0 and ${jobs.runAt} <> excluded.run_at) or ${jobs.outcome} = 'cancelled'`,
      })
      .returning({ id: jobs.id });
    written += rows.length;
  }
  return written;
}

/**
 * Claims up to `limit` due jobs of the given kinds for `lockMs`, oldest run time first.
 * SKIP LOCKED lets concurrent claimers (other ticks, other app servers) each take different
 * rows without waiting on one another; a row whose claim expired counts as due again.
 */
export async function claimDue(db: Db, now: Date, options: { kinds: readonly string[]; limit?: number; lockMs?: number }): Promise<ClaimedJob[]> {
  if (options.kinds.length === 0) return [];
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(isNull(jobs.finishedAt), lte(jobs.runAt, now), or(isNull(jobs.lockedUntil), lt(jobs.lockedUntil, now)), inArray(jobs.kind, [...options.kinds])))
    .orderBy(asc(jobs.runAt))
    .limit(options.limit ?? DEFAULT_CLAIM_LIMIT)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(jobs)
    .set({ attempts: sql`${jobs.attempts} + 1`, lockedUntil: new Date(now.getTime() + (options.lockMs ?? DEFAULT_LOCK_MS)) })
    .where(inArray(jobs.id, due))
    .returning({ id: jobs.id, kind: jobs.kind, key: jobs.key, payload: jobs.payload, runAt: jobs.runAt, attempts: jobs.attempts });
  return claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
}

/** Still ours: not finished, and nobody claimed it again after our lock expired. */
const owned = (job: ClaimedJob) => and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts), isNull(jobs.finishedAt));

/** Finishes a claimed job. False when the claim was lost (someone else has taken it over). */
export async function complete(db: Db, job: ClaimedJob, now: Date, outcome: "done" | "cancelled" = "done", reason: string | null = null): Promise<boolean> {
  const rows = await db.update(jobs).set({ finishedAt: now, outcome, lockedUntil: null, lastError: reason }).where(owned(job)).returning({ id: jobs.id });
  return rows.length > 0;
}

/** Puts a claimed job back to run at `until`; the claim does not count as an attempt. */
export async function defer(db: Db, job: ClaimedJob, until: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ runAt: until, lockedUntil: null, attempts: sql`${jobs.attempts} - 1` })
    .where(owned(job))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** 1, 2, 4, 8 … minutes after the failed attempt, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

/**
 * Records a failed attempt: the job runs again after a backoff, or, once `maxAttempts` tries
 * have failed, is finished as "failed" (kept with its last error for whoever investigates).
 */
export async function fail(
  db: Db,
  job: ClaimedJob,
  error: unknown,
  now: Date,
  options: { maxAttempts?: number } = {},
): Promise<"retrying" | "failed" | "lost"> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const final = job.attempts >= (options.maxAttempts ?? MAX_ATTEMPTS);
  const rows = await db
    .update(jobs)
    .set(
      final
        ? { finishedAt: now, outcome: "failed", lockedUntil: null, lastError: message }
        : { runAt: new Date(now.getTime() + backoffMs(job.attempts)), lockedUntil: null, lastError: message },
    )
    .where(owned(job))
    .returning({ id: jobs.id });
  if (rows.length === 0) return "lost";
  return final ? "failed" : "retrying";
}

export interface RunSummary {
  claimed: number;
  done: number;
  cancelled: number;
  deferred: number;
  retrying: number;
  failed: number;
}

/**
 * Claims the due jobs this process has handlers for and runs them one after the other. Never
 * throws: a failing handler is retried later, a failing database is logged and tried on the
 * next tick. Handlers run outside any transaction, so what they commit stays committed
 * whatever happens to the job afterwards.
 */
export async function runDueJobs(
  db: Db,
  now: Date,
  handlers: JobHandlers,
  options: { limit?: number; lockMs?: number; maxAttempts?: number } = {},
): Promise<RunSummary> {
  const summary: RunSummary = { claimed: 0, done: 0, cancelled: 0, deferred: 0, retrying: 0, failed: 0 };
  let claimed: ClaimedJob[];
  try {
    claimed = await claimDue(db, now, { kinds: Object.keys(handlers), limit: options.limit, lockMs: options.lockMs });
  } catch (err) {
    console.error("[tandem] jobs: could not claim due jobs:", err);
    return summary;
  }
  summary.claimed = claimed.length;

  for (const job of claimed) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      const parsed = handler.payload.safeParse(job.payload);
      if (!parsed.success) {
        // A payload this version can't read won't become readable by retrying.
        await fail(db, job, `invalid payload: ${parsed.error.message}`, now, { maxAttempts: 0 });
        console.error(`[tandem] jobs: ${job.kind} ${job.key} has an invalid payload; marked failed`);
        summary.failed++;
        continue;
      }
      const result = await handler.run(db, parsed.data, { job, now });
      if (result.outcome === "deferred") {
        await defer(db, job, result.until);
        summary.deferred++;
      } else {
        await complete(db, job, now, result.outcome, (result.outcome === "cancelled" ? result.reason : result.note) ?? null);
        summary[result.outcome]++;
      }
    } catch (err) {
      console.error(`[tandem] jobs: ${job.kind} ${job.key} failed (attempt ${job.attempts}):`, err);
      try {
        const state = await fail(db, job, err, now, { maxAttempts: options.maxAttempts });
        if (state !== "lost") summary[state]++;
      } catch (recordErr) {
        // The claim expires on its own and the job is retried then.
        console.error(`[tandem] jobs: could not record the failure of ${job.key}:`, recordErr);
      }
    }
  }
  return summary;
}

/**
 * Deletes jobs finished before `before`. Keys embed the moment they are about (a meeting's
 * start, an ISO week), and sweeps only schedule the future, so a pruned key is never scheduled
 * again.
 */
export async function pruneFinishedJobs(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(jobs).where(lt(jobs.finishedAt, before)).returning({ id: jobs.id });
  return rows.length;
}
