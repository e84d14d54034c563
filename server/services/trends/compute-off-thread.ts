import { Worker } from "node:worker_threads";
import { getItemBank } from "@/server/assessment/item-bank";
import { isNextServerBundle } from "@/server/env";
import { computeCycleFigures, type GroupDef, type GroupFigures, type InvitedPair, type PublishedCycle, type ResponseRow } from "./compute";

/** What one computation may use: far above a 20,000-person organization's eight cycles. */
const THREAD_MEMORY_MB = 2048;
const THREAD_TIME_LIMIT_MS = 10 * 60_000;

export interface ComputeRequest {
  bankVersion: number;
  groups: readonly GroupDef[];
  invited: readonly InvitedPair[];
  rows: readonly ResponseRow[];
  k: number;
  earlier: readonly PublishedCycle[];
}
export type ComputeReply = { ok: true; groups: GroupFigures[] } | { ok: false; message: string };

/**
 * computeCycleFigures on a thread of its own, so that the seconds of CPU a large organization's
 * cycle takes never hold the app server's requests (the worker loops run in the server's
 * process). One thread per call, ended when it answers.
 *
 * Run from source (tests, the benchmark, scripts under tsx), the thread's entry is a .ts file
 * Node cannot load: the figures are computed in this thread instead, the same function. The
 * e2e suite runs the built server, and so the thread.
 */
export async function computeCycleFiguresOffThread(request: ComputeRequest): Promise<GroupFigures[]> {
  if (!isNextServerBundle()) {
    const { bankVersion, groups, invited, rows, k, earlier } = request;
    return computeCycleFigures(getItemBank(bankVersion), groups, invited, rows, k, earlier);
  }
  // This exact form (a URL literal relative to this module) is what the bundler follows to
  // build the thread's entry with its imports.
  const worker = new Worker(new URL("./compute-thread.ts", import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: THREAD_MEMORY_MB } });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<GroupFigures[]>((resolve, reject) => {
      worker.once("message", (reply: ComputeReply) => (reply.ok ? resolve(reply.groups) : reject(new Error(`computing trend figures failed: ${reply.message}`))));
      // Out of memory ends the thread alone (ERR_WORKER_OUT_OF_MEMORY), never the server.
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the trend figures thread exited (${code}) before answering`)));
      timer = setTimeout(() => reject(new Error(`computing trend figures took over ${THREAD_TIME_LIMIT_MS / 1000} s; stopped`)), THREAD_TIME_LIMIT_MS);
      worker.postMessage(request);
    });
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}
