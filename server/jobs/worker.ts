import type { Db } from "@/db/client";
import { isBuildPhase } from "@/server/env";
import { runExclusively } from "./exclusive";
import { pruneFinishedJobs, runDueJobs, type JobHandlers } from "./queue";
import { publishDueFigures } from "@/server/trends/stored-figures";
import { cycleScheduleHandlers, sweepCycleSchedules, type CycleSweepResult } from "@/server/cycles/schedule";
import { mailHandlers } from "./mail";
import { pruneMailDeliveries, reminderHandlers, scheduleReminders, type SweepResult } from "@/server/meetings/reminders";
import { onWakeSender } from "./wake";
import { peopleImportHandlers } from "@/server/people-import/import-runs";

// The background work of one app server process (started by server/startup.ts): loops on
// their own timers. One runs due jobs every `intervalMs`; one re-plans reminders every
// `sweepIntervalMs`; one publishes the HR trend figures of closed cycles every `figuresIntervalMs`; one opens
// and closes cycles on their dates and plans their pre-close reminders every `cyclesIntervalMs`. Sending never waits for planning: a long sweep delays the next sweep,
// never a reminder that is due. Several processes on one Postgres may each run both loops:
// claims skip each other's rows, and an advisory lock lets one sweep at a time while the
// others only send (runReminderSweep).
// On PGlite only the server process may open the database, so the loops live in that process
// and nowhere else (no separate worker process).

export interface WorkerOptions {
  /** How often due jobs are claimed. Bounds how late a reminder can be, beyond a sweep. */
  intervalMs?: number;
  /**
   * How often the reminder sweep runs. It plans rows for new occurrences and reminders for the
   * next 7 days, far more work than claiming jobs, and is only needed to notice new or moved
   * meetings and new pending assessments: everything else is re-checked when a reminder is sent.
   */
  sweepIntervalMs?: number;
  handlers?: JobHandlers;
  /** The sweep (tests replace it); by default runReminderSweep. */
  sweep?: (db: Db, now: Date) => Promise<unknown>;
  /** How often closed cycles' HR trend figures are looked for and published (0: never). */
  figuresIntervalMs?: number;
  /**
   * How often cycles are opened and closed on their dates (server/cycles/schedule.ts):
   * a cycle opens at most this long after midnight of its open date (0: never). One cheap query
   * over the draft and open cycles when nothing is due.
   */
  cyclesIntervalMs?: number;
  /** The cycle schedule sweep (tests replace it); by default runCycleSchedule. */
  cycleSchedule?: (db: Db, now: Date) => Promise<unknown>;
}

interface Loop {
  timer: NodeJS.Timeout | null;
  /** The run in flight, so stopWorker can wait for it. */
  current: Promise<void> | null;
  /** Asked to run again as soon as the run in flight ends (wakeSender). */
  again?: boolean;
}

interface WorkerState {
  stopped: boolean;
  send: Loop;
  sweep: Loop;
  figures: Loop;
  cycles: Loop;
}

const CLAIM_LIMIT = 20;
/** Finished jobs and delivery records are kept this long for whoever investigates, then pruned. */
const RETENTION_MS = 30 * 24 * 60 * 60_000;
/** Names the sweep's advisory lock; one name per installation's database. */
export const SWEEP_LOCK = "tandem:reminder-sweep";
export const FIGURES_LOCK = "tandem:trend-figures";
export const CYCLES_LOCK = "tandem:cycle-schedule";
/**
 * Cycles published per round, each of a different organization (up to a few seconds of CPU
 * each), and the time after which a round starts no further cycle.
 */
const FIGURES_PER_ROUND = 4;
const FIGURES_ROUND_BUDGET_MS = 5_000;

/**
 * Publishes the trend figures of cycles that closed since the last round (and recomputes
 * published ones after a change of figure format), so the trends page only ever reads them.
 * One server at a time, so that cycles are published one after another, each checked against
 * those before it. Never throws.
 */
export async function runFiguresRefresh(db: Db): Promise<number | "skipped" | "failed"> {
  try {
    const outcome = await runExclusively(db, FIGURES_LOCK, () => publishDueFigures(db, FIGURES_PER_ROUND, FIGURES_ROUND_BUDGET_MS));
    return outcome.ran ? outcome.value : "skipped";
  } catch (err) {
    console.error("[tandem] worker: trend figures refresh failed:", err);
    return "failed";
  }
}

/**
 * Opens and closes cycles whose dates have come and plans their automatic reminders, unless
 * another app server (or caller in this process) is doing it right now: "skipped". Never throws.
 */
export async function runCycleSchedule(db: Db, now: Date): Promise<CycleSweepResult | "skipped" | "failed"> {
  try {
    const outcome = await runExclusively(db, CYCLES_LOCK, () => sweepCycleSchedules(db, now));
    return outcome.ran ? outcome.value : "skipped";
  } catch (err) {
    console.error("[tandem] worker: cycle schedule failed:", err);
    return "failed";
  }
}

/** Every handler the worker runs: meeting reminders, digests, the cycles' automatic reminders. */
export function workerHandlers(): JobHandlers {
  return { ...reminderHandlers(), ...cycleScheduleHandlers(), ...mailHandlers(), ...peopleImportHandlers() };
}

/**
 * The reminder sweep and housekeeping, unless another app server (or another caller in this
 * process) is sweeping right now, in which case it skips this round: "skipped". Never throws.
 */
export async function runReminderSweep(db: Db, now: Date): Promise<SweepResult | "skipped" | "failed"> {
  try {
    const outcome = await runExclusively(db, SWEEP_LOCK, async () => {
      const result = await scheduleReminders(db, now);
      const before = new Date(now.getTime() - RETENTION_MS);
      await pruneFinishedJobs(db, before);
      await pruneMailDeliveries(db, before);
      return result;
    });
    return outcome.ran ? outcome.value : "skipped";
  } catch (err) {
    // Jobs planned by earlier sweeps still go out: the sending loop doesn't wait for this one.
    console.error("[tandem] worker: reminder sweep failed:", err);
    return "failed";
  }
}

// On globalThis: Next evaluates server modules several times in one process (instrumentation,
// route bundles), and each evaluation must not start another loop.
const holder = globalThis as unknown as { __tandemWorker?: WorkerState };

/** Starts the loops once per process; false when they were already running or this is `next build`. */
export function startWorker(getDbFn: () => Promise<Db>, options: WorkerOptions = {}): boolean {
  if (isBuildPhase() || holder.__tandemWorker) return false;
  const intervalMs = options.intervalMs ?? 30_000;
  const sweepIntervalMs = options.sweepIntervalMs ?? 5 * 60_000;
  const handlers = options.handlers ?? workerHandlers();
  const sweep = options.sweep ?? runReminderSweep;
  const figuresIntervalMs = options.figuresIntervalMs ?? 10_000;
  const cyclesIntervalMs = options.cyclesIntervalMs ?? 60_000;
  const cycleSchedule = options.cycleSchedule ?? runCycleSchedule;
  const idle = (): Loop => ({ timer: null, current: null });
  const state: WorkerState = { stopped: false, send: idle(), sweep: idle(), figures: idle(), cycles: idle() };
  holder.__tandemWorker = state;

  const send = async () => {
    try {
      const db = await getDbFn();
      // Drain: at 10:00 on a Monday hundreds of reminders come due at once, more than one
      // claim's worth. Keep claiming while full batches come back, within one interval.
      // A drain still going after one interval yields to the loop's next run at once (not a whole
      // interval later), so a long queue is sent without pause and a stop is noticed in between.
      const started = Date.now();
      while ((await runDueJobs(db, new Date(), handlers, { limit: CLAIM_LIMIT })).claimed === CLAIM_LIMIT) {
        if (state.stopped) break;
        if (Date.now() - started > intervalMs) {
          state.send.again = true;
          break;
        }
      }
    } catch (err) {
      console.error("[tandem] worker: tick failed:", err);
    }
  };

  const plan = async () => {
    try {
      await sweep(await getDbFn(), new Date());
    } catch (err) {
      console.error("[tandem] worker: reminder sweep failed:", err);
    }
  };

  // A timeout chain per loop rather than setInterval: a slow run never overlaps the next one
  // of the same loop, and the two loops never wait for each other.
  const schedule = (loop: Loop, run: () => Promise<void>, delayMs: number, everyMs: number) => {
    if (state.stopped) return;
    loop.timer = setTimeout(() => {
      loop.current = run().finally(() => {
        loop.current = null;
        const again = loop.again === true;
        loop.again = false;
        schedule(loop, run, again ? 0 : everyMs, everyMs);
      });
    }, delayMs);
    // Never keeps the process alive on its own (tests, scripts, shutdown).
    loop.timer.unref();
  };
  // Soon after start, sending first: it catches up on what came due while the server was down,
  // with what earlier sweeps planned. The first sweep follows a moment later.
  const firstSendMs = Math.min(intervalMs, 2_000);
  schedule(state.send, send, firstSendMs, intervalMs);
  // Work just enqueued by a request of this process (a people import's invitations): send now.
  onWakeSender(() => {
    if (state.stopped) return;
    if (state.send.current) state.send.again = true;
    else {
      if (state.send.timer) clearTimeout(state.send.timer);
      schedule(state.send, send, 0, intervalMs);
    }
  });
  schedule(state.sweep, plan, Math.min(sweepIntervalMs, firstSendMs + 3_000), sweepIntervalMs);
  if (figuresIntervalMs > 0) {
    const refresh = async () => {
      await runFiguresRefresh(await getDbFn());
    };
    // Soon after start: cycles closed while the server was down (or seeded) are published first.
    schedule(state.figures, refresh, Math.min(figuresIntervalMs, firstSendMs + 1_000), figuresIntervalMs);
  }
  if (cyclesIntervalMs > 0) {
    const keepDates = async () => {
      try {
        await cycleSchedule(await getDbFn(), new Date());
      } catch (err) {
        console.error("[tandem] worker: cycle schedule failed:", err);
      }
    };
    // Right after the first sweep: a server that was down at midnight opens the day's cycles at once.
    schedule(state.cycles, keepDates, Math.min(cyclesIntervalMs, firstSendMs + 4_000), cyclesIntervalMs);
  }
  return true;
}

/**
 * Stops the loops and waits for runs in flight; startWorker may be called again afterwards.
 *
 * @internal A server's loops end with its process; tests stop them between cases.
 */
export async function stopWorker(): Promise<void> {
  const state = holder.__tandemWorker;
  if (!state) return;
  state.stopped = true;
  onWakeSender(undefined);
  const loops = [state.send, state.sweep, state.figures, state.cycles];
  for (const loop of loops) if (loop.timer) clearTimeout(loop.timer);
  await Promise.all(loops.map((loop) => loop.current));
  holder.__tandemWorker = undefined;
}
