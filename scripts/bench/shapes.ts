import postgres from "postgres";
import { drizzleForPostgres } from "@/db/client";
import { migratePostgresUrl } from "@/db/migrate";
import { seedSyntheticOrg, syntheticSlug, type SyntheticShape } from "./synthetic-org";
import { getItemBank } from "@/server/assessments/item-bank";
import { computeCycleFigures } from "@/server/trends/compute";
import { loadCycleInputs, openedCycles } from "@/server/trends/inputs";
import { publishCycle } from "@/server/trends/stored-figures";
import { assertBenchmarkOnly, databaseName, ensureDatabase, wipe } from "./database";
import { summarize, type Timing } from "./stats";

// Trend computation against the reporting trees that make a cost grow with depth or span: a
// 1,000-level reporting chain and a 2,000-report flat team (issue 17: both took tens of seconds
// inside a request before figures moved to the worker). Each lives in its own organization of
// a second benchmark database, `<DATABASE_URL's database>_shapes`, seeded once and reused.
//
// What is timed is a cold publication as the worker runs it when a cycle closes, with the
// cycle's groups not frozen yet (the frozen groups are deleted before each run, so the walk up
// every reporting line is in the time): load the inputs, compute, store.

// Different seeds: the same seed gives the same ids.
const SHAPES: readonly { shape: SyntheticShape; people: number; seed: number; everyoneAnswers?: boolean; label: string }[] = [
  { shape: "chain", people: 1_000, seed: 1, label: "1,000-level reporting chain" },
  // Every pair answered: each team of the line differs from the next by one pair, the most
  // work the anonymity rules can be given (a fully answered chain once ran them out of memory).
  { shape: "chain", people: 1_000, seed: 3, everyoneAnswers: true, label: "1,000-level chain, everyone answered" },
  { shape: "flat", people: 2_001, seed: 2, label: "one manager with 2,000 reports" },
];
const CYCLES = 2; // the first closed, the second open

export interface ShapeResult {
  shape: SyntheticShape;
  label: string;
  people: number;
  pairs: number;
  responses: number;
  groups: number;
  /** The whole publication (inputs with the groups frozen anew, computation, storage). */
  publish: Timing;
  /** Of which: loading the inputs (with the freeze), and the computation alone. */
  loadMs: Timing;
  computeMs: Timing;
  /** Publication time per 1,000 people, to compare with the tree-shaped organization's. */
  publishMsPer1000People: number;
}

export interface ShapesResult {
  database: string;
  seededSeconds: number | null;
  shapes: ShapeResult[];
}

export function shapesDatabaseUrl(benchUrl: string): string {
  const url = new URL(benchUrl);
  url.pathname = `/${databaseName(benchUrl)}_shapes`;
  return url.toString();
}

export async function measureShapes(benchUrl: string, runs: number, log: (m: string) => void): Promise<ShapesResult> {
  const url = shapesDatabaseUrl(benchUrl);
  await ensureDatabase(url);
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  try {
    await assertBenchmarkOnly(sql, url);
    await migratePostgresUrl(url);
    const wanted = SHAPES.map((s) => syntheticSlug(s.people, CYCLES, s.seed, s.shape, s.everyoneAnswers));
    let orgs = await sql<{ id: string; slug: string }[]>`select id, slug from organizations`;
    let seededSeconds: number | null = null;
    if (orgs.length !== wanted.length || !wanted.every((w) => orgs.some((o) => o.slug === w))) {
      const started = Date.now();
      if (orgs.length > 0) await wipe(sql);
      for (const s of SHAPES) {
        const seeded = await seedSyntheticOrg(sql, { people: s.people, cycles: CYCLES, seed: s.seed, shape: s.shape, everyoneAnswers: s.everyoneAnswers });
        log(`seeded ${s.label}: ${seeded.people} people, ${seeded.pairs} pairs, depth ${seeded.maxDepth}, widest span ${seeded.maxSpan}`);
      }
      await sql`analyze`;
      seededSeconds = Math.round((Date.now() - started) / 100) / 10;
      orgs = await sql<{ id: string; slug: string }[]>`select id, slug from organizations`;
    }

    const db = drizzleForPostgres(sql);
    const shapes: ShapeResult[] = [];
    for (const s of SHAPES) {
      const orgId = orgs.find((o) => o.slug === syntheticSlug(s.people, CYCLES, s.seed, s.shape, s.everyoneAnswers))!.id;
      const [closed] = (await openedCycles(db, orgId)).filter((c) => c.status === "closed");
      if (!closed) throw new Error(`${s.label}: no closed cycle`);
      const [counts] = await sql<{ people: number; pairs: number; responses: number }[]>`
        select (select count(*)::int from people where org_id = ${orgId}) as people,
               (select count(*)::int from assessments where org_id = ${orgId} and cycle_id = ${closed.id}) as pairs,
               (select count(*)::int from responses r join assessments a on a.org_id = r.org_id and a.id = r.assessment_id
                 where a.cycle_id = ${closed.id} and r.submitted_at is not null) as responses`;
      const cold = async () => {
        await sql`delete from trend_snapshots where cycle_id = ${closed.id}`;
        await sql`delete from cycle_group_snapshots where cycle_id = ${closed.id}`;
        const [fresh] = await openedCycles(db, orgId, closed.id);
        return fresh!;
      };
      const publish: number[] = [];
      const load: number[] = [];
      const compute: number[] = [];
      let groups = 0;
      // One untimed run first (module and JIT warm-up), as `time` does.
      for (let i = 0; i <= runs; i++) {
        let cycle = await cold();
        let started = performance.now();
        const published = await publishCycle(db, orgId, cycle);
        const publishMs = performance.now() - started;
        groups = published.groups.length;
        // The same two steps apart, from cold again.
        cycle = await cold();
        started = performance.now();
        const input = await loadCycleInputs(db, orgId, cycle);
        const loadMs = performance.now() - started;
        started = performance.now();
        computeCycleFigures(getItemBank(input.bankVersion), input.groups, input.invited, input.rows, input.k);
        const computeMs = performance.now() - started;
        if (i === 0) continue;
        publish.push(publishMs);
        load.push(loadMs);
        compute.push(computeMs);
      }
      // Leave the cycle published, as the worker would.
      await publishCycle(db, orgId, await cold());
      const timing = summarize(publish);
      const result: ShapeResult = {
        shape: s.shape,
        label: s.label,
        people: counts!.people,
        pairs: counts!.pairs,
        responses: counts!.responses,
        groups,
        publish: timing,
        loadMs: summarize(load),
        computeMs: summarize(compute),
        publishMsPer1000People: Math.round((timing.p50Ms / counts!.people) * 1000 * 100) / 100,
      };
      log(`${s.label}: publish p50 ${timing.p50Ms} ms, max ${timing.maxMs} ms (load ${result.loadMs.p50Ms} ms, compute ${result.computeMs.p50Ms} ms; ${groups} groups, ${counts!.responses} responses)`);
      shapes.push(result);
    }
    return { database: databaseName(url), seededSeconds, shapes };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
