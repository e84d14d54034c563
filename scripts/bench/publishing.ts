import postgres from "postgres";
import { drizzleForPostgres } from "@/db/client";
import { publishDueFigures } from "@/server/trends/stored-figures";
import { summarize, type Timing } from "./stats";
import type { BenchServer } from "./servers";

// What publishing HR figures costs the people using the servers meanwhile (issue 17: a trend
// computation held a parallel /api/health for 31 s). The benchmark's last closed cycles are
// made due again, as after a deploy that changes the figures' format, and /api/health is
// asked on every server, one request after another, until the workers have published them.
// The computation runs on a thread of its own (server/trends/compute-off-thread.ts),
// so the health route should answer in its usual few milliseconds throughout.

export interface PublishingWhileServing {
  cycles: number;
  /** From making the cycles due to the last one published, seconds (the loop runs every 10 s). */
  seconds: number;
  published: boolean;
  /** /api/health while no figures were being published, and while they were. */
  idle: Timing;
  during: Timing;
}

async function healthTimes(servers: readonly BenchServer[], until: () => boolean, max: number): Promise<number[]> {
  const samples: number[] = [];
  while (!until() && samples.length < max) {
    for (const s of servers) {
      const started = performance.now();
      const res = await fetch(`${s.url}/api/health`);
      await res.arrayBuffer();
      samples.push(performance.now() - started);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return samples;
}

export async function measurePublishingWhileServing(sql: postgres.Sql, orgId: string, servers: readonly BenchServer[], cycles = 2, timeoutS = 180): Promise<PublishingWhileServing> {
  const idle = await healthTimes(servers, () => false, 100);
  const due = await sql<{ id: string }[]>`
    select id from cycles where org_id = ${orgId} and status = 'closed' order by closed_at desc limit ${cycles}`;
  const ids = due.map((d) => d.id);
  const started = Date.now();
  const computedAt = async () => (await sql<{ n: number }[]>`select count(*)::int as n from trend_snapshots where cycle_id in ${sql(ids)} and computed_at > ${new Date(started)}`)[0]!.n;
  // A figure format no server has: every server's worker sees these cycles as due.
  await sql`update trend_snapshots set inputs = 'bench-stale' where cycle_id in ${sql(ids)}`;
  let done = false;
  const poll = (async () => {
    while (!done && Date.now() - started < timeoutS * 1000) {
      if ((await computedAt()) >= ids.length) done = true;
      else await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const during = await healthTimes(servers, () => done || Date.now() - started > timeoutS * 1000, Number.POSITIVE_INFINITY);
  await poll;
  return { cycles: ids.length, seconds: Math.round((Date.now() - started) / 100) / 10, published: done, idle: summarize(idle), during: summarize(during) };
}

/**
 * Publishes, in this process, every closed cycle whose figures are missing or in an older
 * format, oldest first, as the servers' workers would once started: the trends page reads only
 * published figures, and a publication the workers ran during the load tests would count its
 * CPU against every request measured. A reused database is published already: nothing to do.
 */
export async function publishDueFiguresFirst(url: string, log: (m: string) => void): Promise<{ cycles: number; seconds: number }> {
  const client = postgres(url, { max: 4, onnotice: () => {} });
  const started = Date.now();
  let cycles = 0;
  try {
    const db = drizzleForPostgres(client);
    for (;;) {
      const published = await publishDueFigures(db, 1);
      if (published === 0) break;
      cycles += published;
      log(`published cycle ${cycles} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await client.end({ timeout: 5 });
  }
  return { cycles, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
