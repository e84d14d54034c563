// `npm run db:synthetic -- [--people N] [--cycles N] [--seed N] [--reseed]`: generates the
// synthetic organization (scripts/bench/synthetic-org/) in the benchmark database at DATABASE_URL,
// which must hold nothing else. `npm run bench` does the same before measuring.
import { parseBenchArgs } from "./args";
import { benchDatabaseUrl, prepareBenchmarkDatabase } from "./database";

try {
  const args = parseBenchArgs(process.argv.slice(2));
  const started = Date.now();
  const prepared = await prepareBenchmarkDatabase(benchDatabaseUrl(), { ...args, log: (m) => console.log(`  [${((Date.now() - started) / 1000).toFixed(1)} s] ${m}`) });
  if (prepared.seeded) {
    const s = prepared.seeded;
    console.log(
      `Seeded ${s.slug}: ${s.people} people, ${s.departments} departments, ${s.pairs} pairs (depth ≤ ${s.maxDepth}, span ≤ ${s.maxSpan}), ` +
        `${s.cycles} cycles, ${s.assessments} assessments, ${s.responses} responses, ${s.meetingSeries} 1:1 series, ${s.meetings} meetings, ` +
        `${s.agendaItems} agenda items, ${s.actionItems} action items in ${s.seconds.toFixed(1)} s (${((Date.now() - started) / 1000).toFixed(1)} s with migrations and ANALYZE).`,
    );
  } else {
    console.log(`${prepared.slug} is already there; nothing to do (--reseed to generate it again).`);
  }
} catch (err) {
  console.error(`Cannot generate the synthetic organization: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
