import type { Db } from "@/db/client";
import { isBuildPhase } from "@/server/env";
import { pruneFinishedJobs, runDueJobs, type JobHandlers } from "./queue";
import { pruneMailDeliveries, reminderHandlers, scheduleReminders } from "./reminders";

// The background loop of one app server process (started by server/startup.ts). Every tick it
// runs due jobs; every few minutes it first re-plans reminders. Several processes on one
// Postgres may each run it: enqueueing is idempotent and claims skip each other's rows.
// On PGlite only the server process may open the database, so the loop lives in that process
// and nowhere else (no separate worker process).

export interface WorkerOptions {
  /** How often due jobs are claimed. Bounds how late a reminder can be, beyond a sweep. */
  intervalMs?: number;
  /**
   * How often the reminder sweep runs. It syncs every open pair's schedule, which is far more
   * work than claiming jobs, and is only needed to notice new or moved meetings and new pending
   * assessments: everything else is re-checked when a reminder is sent.
   */
  sweepIntervalMs?: number;
  handlers?: JobHandlers;
}

interface WorkerState {
  timer: NodeJS.Timeout | null;
  stopped: boolean;
  /** The tick in flight, so stopWorker can wait for it. */
  current: Promise<void> | null;
  lastSweepAt: number;
}

const CLAIM_LIMIT = 20;
/** Finished jobs and delivery records are kept this long for whoever investigates, then pruned. */
const RETENTION_MS = 30 * 24 * 60 * 60_000;

// On globalThis: Next evaluates server modules several times in one process (instrumentation,
// route bundles), and each evaluation must not start another loop.
const holder = globalThis as unknown as { __tandemWorker?: WorkerState };

/** Starts the loop once per process; false when it was already running or this is `next build`. */
export function startWorker(getDbFn: () => Promise<Db>, options: WorkerOptions = {}): boolean {
  if (isBuildPhase() || holder.__tandemWorker) return false;
  const intervalMs = options.intervalMs ?? 30_000;
  const sweepIntervalMs = options.sweepIntervalMs ?? 5 * 60_000;
  const handlers = options.handlers ?? reminderHandlers();
  const state: WorkerState = { timer: null, stopped: false, current: null, lastSweepAt: Number.NEGATIVE_INFINITY };
  holder.__tandemWorker = state;

  const tick = async () => {
    try {
      const db = await getDbFn();
      const sweepAt = new Date();
      if (sweepAt.getTime() - state.lastSweepAt >= sweepIntervalMs) {
        state.lastSweepAt = sweepAt.getTime();
        try {
          await scheduleReminders(db, sweepAt);
          const before = new Date(sweepAt.getTime() - RETENTION_MS);
          await pruneFinishedJobs(db, before);
          await pruneMailDeliveries(db, before);
        } catch (err) {
          // Jobs planned by earlier sweeps still go out below.
          console.error("[tandem] worker: reminder sweep failed:", err);
        }
      }
      // Drain: at 10:00 on a Monday hundreds of reminders come due at once, more than one
      // claim's worth. Keep claiming while full batches come back, within one interval.
      const started = Date.now();
      while ((await runDueJobs(db, new Date(), handlers, { limit: CLAIM_LIMIT })).claimed === CLAIM_LIMIT) {
        if (state.stopped || Date.now() - started > intervalMs) break;
      }
    } catch (err) {
      console.error("[tandem] worker: tick failed:", err);
    }
  };

  const schedule = (delayMs: number) => {
    if (state.stopped) return;
    // A timeout chain rather than setInterval: a slow tick never overlaps the next one.
    state.timer = setTimeout(() => {
      state.current = tick().finally(() => {
        state.current = null;
        schedule(intervalMs);
      });
    }, delayMs);
    // Never keeps the process alive on its own (tests, scripts, shutdown).
    state.timer.unref();
  };
  // The first tick soon after start: catches up on what came due while the server was down.
  schedule(Math.min(intervalMs, 2_000));
  return true;
}

/** Stops the loop and waits for a tick in flight; startWorker may be called again afterwards. */
export async function stopWorker(): Promise<void> {
  const state = holder.__tandemWorker;
  if (!state) return;
  state.stopped = true;
  if (state.timer) clearTimeout(state.timer);
  await state.current;
  holder.__tandemWorker = undefined;
}
