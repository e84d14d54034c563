import { count, eq } from "drizzle-orm";
import { getDbHandle, type Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { seedDemoOrg } from "@/db/seed/demo-org";
import { resolveAuthSecret } from "@/server/auth/secret";
import { assertRunnable, env, EnvError } from "@/server/env";
import { startWorker } from "@/server/jobs/worker";

/**
 * Runs once when the server starts (instrumentation.ts): validates the configuration, opens
 * and migrates the database, seeds the demo organization on first start, starts the job worker
 * (server/jobs/worker.ts), and says where to open Tandem. Any failure stops the server with a
 * message naming the cause.
 */
export async function startServer(): Promise<void> {
  try {
    const environment = env();
    assertRunnable(environment);
    resolveAuthSecret(environment);
    const handle = await getDbHandle();
    let seeded = false;
    if (environment.demo) {
      await assertDemoDatabase(handle.db);
      const [row] = await handle.db.select({ n: count() }).from(organizations);
      if (!row || row.n === 0) {
        await seedDemoOrg(handle.db);
        seeded = true;
      }
    }
    // Reminders and other background jobs, in this process: it owns the database (STACK.md).
    startWorker(async () => (await getDbHandle()).db);
    const where = handle.kind === "pglite" ? `embedded database in ${environment.dataDir}` : "Postgres";
    const url = environment.AUTH_URL ?? `http://localhost:${environment.PORT}`;
    console.info(
      [
        "",
        `  Tandem is running on the ${where}${environment.demo ? ", in demo mode" : ""}.`,
        seeded ? "  Seeded the demo organization Brightwater Analytics." : "",
        `  Open ${url} to sign in.`,
        "",
      ]
        .filter(Boolean)
        .join("\n"),
    );
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `\n  Cause: ${err.cause.message}` : "";
    console.error(`\n  Tandem cannot start: ${err instanceof Error ? err.message : String(err)}${cause}\n`);
    process.exit(1);
  }
}

/**
 * Demo mode lets anyone sign in as anyone of a demo organization and reads every email in the
 * outbox: on a database that also holds a real organization, that would hand its people to
 * strangers. So a demo server starts only on a database whose every organization is a demo.
 */
export async function assertDemoDatabase(db: Db): Promise<void> {
  const [real] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.isDemo, false)).limit(1);
  if (real) {
    throw new EnvError(
      `TANDEM_DEMO=1 on a database that holds a real organization ("${real.name}"). Demo mode lets anyone sign in ` +
        "as a demo person and read the demo outbox, so it runs only on a database of demo organizations. " +
        "Unset TANDEM_DEMO (or set it to 0) for this database, or point the demo at a database of its own.",
    );
  }
}
