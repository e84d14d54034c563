import postgres from "postgres";
import { migratePostgresUrl } from "@/db/migrate";
import { BENCH_EMAIL_DOMAIN, BENCH_SLUG_PREFIX, seedSyntheticOrg, syntheticSlug, type SyntheticOrgSummary } from "./synthetic-org";
import { env } from "@/server/env";

// The benchmark database: a Postgres database that holds nothing but synthetic organizations
// (slug "bench-…"). Everything here refuses to touch a database with anything else in it, and
// refuses the embedded database (one process only: the benchmark runs two servers and itself).

export class RefusedError extends Error {
  override name = "RefusedError";
}

/** DATABASE_URL, or a refusal: the benchmark needs a Postgres server. */
export function benchDatabaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new RefusedError(
      "The benchmark runs on Postgres, not on the embedded database (it starts two servers and opens the database itself, which PGlite cannot share). " +
        "Set DATABASE_URL to a dedicated database, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/tandem_bench (it is created if missing).",
    );
  }
  return url;
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
}

/** Creates the database if it does not exist yet (through the server's `postgres` database). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 as found from pg_database where datname = ${name}`;
    if (row) return false;
    await sql.unsafe(`create database "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Refuses a database that holds anything but benchmark data: tables of another application,
 * an organization whose slug does not start with "bench-", or a sign-in identity outside the
 * synthetic email domain.
 */
export async function assertBenchmarkOnly(sql: postgres.Sql, url: string): Promise<void> {
  const name = databaseName(url);
  const tables = (await sql<{ name: string }[]>`select table_name as name from information_schema.tables where table_schema = 'public'`).map((t) => t.name);
  if (tables.length === 0) return;
  if (!tables.includes("organizations")) {
    throw new RefusedError(`Database "${name}" has tables but is not a Tandem database (${tables.slice(0, 5).join(", ")}…). Point DATABASE_URL at a dedicated benchmark database.`);
  }
  const foreign = await sql<{ slug: string }[]>`select slug from organizations where slug not like ${`${BENCH_SLUG_PREFIX}%`} order by slug limit 5`;
  if (foreign.length > 0) {
    throw new RefusedError(
      `Database "${name}" holds organizations that are not benchmark data (${foreign.map((f) => f.slug).join(", ")}). ` +
        "The benchmark writes to and may wipe its database: point DATABASE_URL at a dedicated one, e.g. …/tandem_bench.",
    );
  }
  if (tables.includes("users")) {
    const [other] = await sql`select email from users where email is not null and email not like ${`%@${BENCH_EMAIL_DOMAIN}`} limit 1`;
    if (other) throw new RefusedError(`Database "${name}" has sign-in identities outside @${BENCH_EMAIL_DOMAIN}: not a benchmark database.`);
  }
}

/** Every application table (not drizzle's migration journal, which lives in its own schema). */
async function appTables(sql: postgres.Sql): Promise<string[]> {
  return (await sql<{ name: string }[]>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`).map((t) => t.name);
}

/** Empties the whole database. Only after assertBenchmarkOnly. */
export async function wipe(sql: postgres.Sql): Promise<void> {
  const tables = await appTables(sql);
  if (tables.length > 0) await sql.unsafe(`truncate ${tables.map((t) => `"${t}"`).join(", ")} cascade`);
}

/** State left by earlier runs that would change this one: queued jobs, sent mail, counters, sign-ins. */
export async function resetTransientState(sql: postgres.Sql): Promise<void> {
  await sql`truncate jobs, mail_deliveries, outbox_emails, rate_limits, app_sessions, sessions, verification_tokens, accounts, users`;
}

export interface PreparedDatabase {
  url: string;
  orgId: string;
  slug: string;
  created: boolean;
  seeded: SyntheticOrgSummary | null;
}

/**
 * Migrates the benchmark database and makes sure it holds exactly the synthetic organization
 * asked for: reused when it is there already (same people, cycles and seed), otherwise the
 * database is wiped and seeded again.
 */
export async function prepareBenchmarkDatabase(
  url: string,
  options: { people: number; cycles: number; seed: number; reseed?: boolean; log?: (m: string) => void },
): Promise<PreparedDatabase> {
  const log = options.log ?? (() => {});
  const created = await ensureDatabase(url);
  if (created) log(`created database ${databaseName(url)}`);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await assertBenchmarkOnly(sql, url);
    await migratePostgresUrl(url);
    const slug = syntheticSlug(options.people, options.cycles, options.seed);
    const orgs = await sql<{ id: string; slug: string }[]>`select id, slug from organizations`;
    const existing = orgs.find((o) => o.slug === slug);
    if (existing && orgs.length === 1 && !options.reseed) {
      log(`reusing ${slug}`);
      return { url, orgId: existing.id, slug, created, seeded: null };
    }
    if (orgs.length > 0) {
      log(`wiping ${orgs.map((o) => o.slug).join(", ")}`);
      await wipe(sql);
    }
    const seeded = await seedSyntheticOrg(sql, { people: options.people, cycles: options.cycles, seed: options.seed, log });
    const analyzeStarted = Date.now();
    await sql`analyze`;
    log(`analyze: ${((Date.now() - analyzeStarted) / 1000).toFixed(1)} s`);
    return { url, orgId: seeded.orgId, slug, created, seeded };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
