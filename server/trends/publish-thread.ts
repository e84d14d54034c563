// The entry of the thread that publishes one cycle's trend figures on Postgres
// (compute-off-thread.ts `publishOnThread` starts it): the same `publishCycle` the worker runs
// elsewhere, over connections of its own, so that none of its work runs on the app server's
// thread.
import { parentPort, workerData } from "node:worker_threads";
import postgres from "postgres";
import { drizzleForPostgres } from "@/db/client";
import { env } from "@/server/env";
import type { PublishReply, PublishTask } from "./compute-off-thread";
import { openedCycles } from "./inputs";
import { publishCycle } from "./stored-figures";

const port = parentPort;
if (!port) throw new Error("publish-thread.ts runs as a worker thread only");
const { orgId, cycleId } = workerData as PublishTask;

async function publish(): Promise<PublishReply> {
  const url = env().DATABASE_URL;
  if (!url) return { ok: false, message: "no DATABASE_URL: publishing on a thread needs Postgres" };
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const db = drizzleForPostgres(sql);
    const [cycle] = await openedCycles(db, orgId, cycleId);
    // Gone since the worker picked it: nothing to publish.
    if (cycle) await publishCycle(db, orgId, cycle);
    return { ok: true };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

void publish().then((reply) => port.postMessage(reply));
