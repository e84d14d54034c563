import { isMainThread, Worker } from "node:worker_threads";
import { isNextServerBundle } from "@/server/env";
import { computePublication, type ComputedFigures, type CurrentCycle, type EarlierCycle } from "./compute";

/** What one computation may use: far above a 20,000-person organization's eight cycles. */
const THREAD_MEMORY_MB = 2048;
const THREAD_TIME_LIMIT_MS = 10 * 60_000;

export type ComputeReply = ({ ok: true } & ComputedFigures) | { ok: false; message: string };
export type ComputeMessage = { kind: "earlier"; cycle: EarlierCycle } | ({ kind: "compute" } & CurrentCycle);

/** A cycle's figures computed against the cycles published before it, handed over one by one. */
export interface FiguresComputation {
  addEarlier(cycle: EarlierCycle): void;
  compute(current: CurrentCycle): Promise<ComputedFigures>;
  /** Ends the computation (its thread), whether or not it computed. */
  close(): Promise<void>;
}

/**
 * computeCycleFigures on a thread of its own, so that the seconds of CPU a large organization's
 * cycle takes never hold the app server's requests (the worker loops run in the server's
 * process). Each earlier cycle is handed to the thread as soon as it is loaded, so copying the
 * inputs across is paid in pieces between database reads rather than in one long pause.
 *
 * Run from source (tests, the benchmark, scripts under tsx), the thread's entry is a .ts file
 * Node cannot load: the figures are computed in this thread instead, the same function. The
 * e2e suite runs the built server, and so the thread. On Postgres the built server does the
 * whole publication on a thread instead (`publishOnThread`), this included.
 */
export function startFiguresComputation(): FiguresComputation {
  // On a thread already (publishOnThread's): computed right here.
  if (!isNextServerBundle() || !isMainThread) {
    const earlier: EarlierCycle[] = [];
    return {
      addEarlier: (cycle) => void earlier.push(cycle),
      compute: async (current) => computePublication(earlier, current),
      close: async () => {},
    };
  }
  // This exact form (a URL literal relative to this module) is what the bundler follows to
  // build the thread's entry with its imports.
  const worker = new Worker(new URL("./compute-thread.ts", import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: THREAD_MEMORY_MB } });
  // Out of memory ends the thread alone (ERR_WORKER_OUT_OF_MEMORY), never the server.
  const failed = new Promise<never>((_, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the trend figures thread exited (${code}) before answering`)));
  });
  failed.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  return {
    addEarlier: (cycle) => worker.postMessage({ kind: "earlier", cycle } satisfies ComputeMessage),
    compute: (current) =>
      Promise.race([
        failed,
        new Promise<ComputedFigures>((resolve, reject) => {
          worker.once("message", (reply: ComputeReply) => (reply.ok ? resolve(reply) : reject(new Error(`computing trend figures failed: ${reply.message}`))));
          timer = setTimeout(() => reject(new Error(`computing trend figures took over ${THREAD_TIME_LIMIT_MS / 1000} s; stopped`)), THREAD_TIME_LIMIT_MS);
          worker.postMessage({ kind: "compute", ...current } satisfies ComputeMessage);
        }),
      ]),
    close: async () => {
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}

export type PublishTask = { orgId: string; cycleId: string };
export type PublishReply = { ok: true } | { ok: false; message: string };

/**
 * Whether `publishOnThread` can take this publication: the built server on Postgres. Embedded
 * PGlite is one connection in one process that a thread can't open, and run from source Node
 * can't load the thread's .ts entry.
 */
export function canPublishOnThread(embeddedDatabase: boolean): boolean {
  return isNextServerBundle() && isMainThread && !embeddedDatabase;
}

/**
 * A cycle's whole publication (loading its inputs and the earlier cycles', computing, storing)
 * on a thread with its own database connections. Computing on a thread was not enough: turning
 * a 20,000-person cycle's rows into objects, copying them to the thread and storing what came
 * back held the app server's thread for seconds at a time (a health check waited up to 3 s while
 * the benchmark's organization was republished). Here the server's thread only waits. Same
 * limits as the computation alone; a thread stopped mid-way leaves nothing stored (its
 * transaction dies with its connection).
 */
export function publishOnThread(task: PublishTask): Promise<void> {
  const worker = new Worker(new URL("./publish-thread.ts", import.meta.url), {
    workerData: task,
    resourceLimits: { maxOldGenerationSizeMb: THREAD_MEMORY_MB },
  });
  let timer: NodeJS.Timeout | undefined;
  return new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`publishing trend figures took over ${THREAD_TIME_LIMIT_MS / 1000} s; stopped`)), THREAD_TIME_LIMIT_MS);
    worker.once("message", (reply: PublishReply) => (reply.ok ? resolve() : reject(new Error(`publishing trend figures failed: ${reply.message}`))));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the trend publication thread exited (${code}) before answering`)));
  }).finally(() => {
    clearTimeout(timer);
    void worker.terminate();
  });
}
