// The entry of the thread that computes a cycle's figures (compute-off-thread.ts starts it):
// the computation is pure and takes seconds of CPU for a large organization, which on the app
// server's own thread would hold every request waiting.
import { parentPort } from "node:worker_threads";
import { computePublication, type EarlierCycle } from "./compute";
import type { ComputeMessage, ComputeReply } from "./compute-off-thread";

const port = parentPort;
if (!port) throw new Error("compute-thread.ts runs as a worker thread only");
const earlier: EarlierCycle[] = [];
port.on("message", (message: ComputeMessage) => {
  if (message.kind === "earlier") {
    earlier.push(message.cycle);
    return;
  }
  let reply: ComputeReply;
  try {
    reply = { ok: true, ...computePublication(earlier, message) };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply);
});
