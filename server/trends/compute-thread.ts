// The entry of the thread that computes a cycle's figures (compute-off-thread.ts starts it):
// the computation is pure and takes seconds of CPU for a large organization, which on the app
// server's own thread would hold every request waiting.
import { parentPort } from "node:worker_threads";
import { getItemBank } from "@/server/assessments/item-bank";
import { computeCycleFigures, type PublishedCycle } from "./compute";
import type { ComputeMessage, ComputeReply } from "./compute-off-thread";

const port = parentPort;
if (!port) throw new Error("compute-thread.ts runs as a worker thread only");
const earlier: PublishedCycle[] = [];
port.on("message", (message: ComputeMessage) => {
  if (message.kind === "earlier") {
    earlier.push(message.cycle);
    return;
  }
  let reply: ComputeReply;
  try {
    const { bankVersion, groups, invited, rows, k } = message;
    reply = { ok: true, groups: computeCycleFigures(getItemBank(bankVersion), groups, invited, rows, k, earlier) };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply);
});
