import type postgres from "postgres";
import { syntheticSlug, type SyntheticOrgOptions, type SyntheticOrgSummary } from "./options";
import { assignDepartments, chooseLeavers, planCycles, planPairs, planPeople, type World } from "./plan";
import { addDays, isoDate, prng } from "./random";
import { writeCheckIns, writeCycleAssessments } from "./write-assessments";
import { writeMeetings, writePreferencesAndTemplates } from "./write-meetings";
import { writeCycles, writeOrganization } from "./write-organization";

// A large synthetic organization for benchmarks (`npm run db:synthetic`, `npm run bench`).
//
// The organization is planned in memory (./plan.ts: cycles, the reporting tree, departments,
// leavers, pairs), then written step by step (organization and people, cycles, assessments,
// check-ins, 1:1s, settings) with COPY in one transaction: 20,000 people × 8 cycles (≈ 1
// million rows) loads in about a minute on two cores. Answers follow the same ideas as the demo
// history (db/seed/demo-history.ts), at scale. Every step draws from one seeded generator in a
// fixed order, so the same options give the same organization, row for row. The organization's
// slug starts with "bench-", which is how the benchmark recognizes a database that holds
// nothing but benchmark data.

export { BENCH_EMAIL_DOMAIN, BENCH_SLUG_PREFIX, syntheticSlug, type SyntheticOrgSummary, type SyntheticShape } from "./options";

/**
 * Writes one synthetic organization in one transaction, with the raw postgres.js client for
 * speed (COPY). The database must be migrated. Fails if an organization with the same slug
 * exists: reset the benchmark database first.
 */
export async function seedSyntheticOrg(sql: postgres.Sql, options: SyntheticOrgOptions = {}): Promise<SyntheticOrgSummary> {
  const started = Date.now();
  const n = options.people ?? 20_000;
  const cycleCount = options.cycles ?? 8;
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => {});
  if (!Number.isInteger(n) || n < 50) throw new Error("people must be a whole number of at least 50");
  if (!Number.isInteger(cycleCount) || cycleCount < 1 || cycleCount > 40) throw new Error("cycles must be from 1 to 40");
  const rng = prng(seed);
  const now = options.now ?? new Date();
  const today = new Date(`${isoDate(now)}T00:00:00Z`);
  const shape = options.shape ?? "tree";
  const everyoneAnswers = options.everyoneAnswers ?? false;
  const slug = syntheticSlug(n, cycleCount, seed, shape, everyoneAnswers);
  const orgId = rng.uuid();

  const cycles = planCycles(rng, cycleCount, today);
  const firstOpen = cycles[0]!.opensOn;
  const founded = addDays(firstOpen, -6 * 365);
  const people = planPeople(rng, { people: n, shape, founded, firstOpen, today, everyoneAnswers });
  const { departments, reorgDepartment } = assignDepartments(rng, people);
  chooseLeavers(rng, people, shape, today);
  const { pairs, managers } = planPairs(rng, people, shape, today);
  log(`people ${people.length}, departments ${departments.length}, pairs ${pairs.length}`);
  const world: World = { rng, orgId, now, today, founded, firstOpen, shape, everyoneAnswers, cycles, people, departments, reorgDepartment, pairs, managers };

  const summary: SyntheticOrgSummary = {
    orgId,
    slug,
    people: people.length,
    departments: departments.length,
    pairs: pairs.length,
    cycles: cycles.length,
    assessments: 0,
    responses: 0,
    meetingSeries: 0,
    meetings: 0,
    agendaItems: 0,
    actionItems: 0,
    maxDepth: Math.max(...people.map((p) => p.depth)),
    maxSpan: Math.max(...people.map((p) => p.children.length)),
    seconds: 0,
  };

  await sql.begin(async (tx) => {
    await tx`set local synchronous_commit = off`;
    const hr = await writeOrganization(tx, world, { name: `Bench Corp (synthetic, ${n} people${shape === "tree" ? "" : `, ${shape}`})`, slug });
    await writeCycles(tx, world, hr);
    for (const written of [await writeCycleAssessments(tx, world, log), await writeCheckIns(tx, world)]) {
      summary.assessments += written.assessments;
      summary.responses += written.responses;
    }
    Object.assign(summary, await writeMeetings(tx, world));
    log(`meetings: ${summary.meetingSeries} series, ${summary.meetings} meetings`);
    await writePreferencesAndTemplates(tx, world, hr);
  });
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
