import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env, isBuildPhase } from "@/server/env";
import { migrateEmbedded, migratePostgresUrl } from "./migrate";
import * as schema from "./schema";

export type Schema = typeof schema;
/** One Drizzle type for both drivers; services take it (or a transaction) as their first argument. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = "pglite" | "postgres";

export interface DbHandle {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

// Databases opened on embedded PGlite: one connection, one process (ADR 1). A few callers need
// to know, e.g. to not hold a transaction open while other statements run (they would queue
// behind it on the one connection).
const embedded = new WeakSet<Db>();

/** Options for both drivers; `logger` sees every statement (tests count them). */
export interface DrizzleOptions {
  logger?: Logger;
}

export function drizzleForPglite(client: PGlite, options: DrizzleOptions = {}): Db {
  const db = drizzlePglite({ client, schema, casing: "snake_case", logger: options.logger }) as unknown as Db;
  embedded.add(db);
  return db;
}

/** Is this the embedded database (one connection), rather than a pool of Postgres connections? */
export function isEmbedded(db: Db): boolean {
  return embedded.has(db);
}

export function drizzleForPostgres(client: postgres.Sql, options: DrizzleOptions = {}): Db {
  return drizzlePostgres({ client: preparing(client), schema, casing: "snake_case", logger: options.logger }) as unknown as Db;
}

/** Statements with more parameters than this (bulk inserts, long `in` lists) are not prepared. */
export const MAX_PREPARED_PARAMETERS = 64;

/**
 * The client as Drizzle should use it: every statement with 1 to MAX_PREPARED_PARAMETERS
 * parameters is a named prepared statement on its connection (postgres.js keeps them per
 * connection, by SQL text, until the connection is recycled after 30–60 minutes). Drizzle sends
 * each statement unprepared, so Postgres parsed and planned each one anew on every request: on
 * the home page that was two thirds of Postgres's time, more than running them. Prepared, a
 * statement is parsed once, and planned once when Postgres finds a generic plan as good as
 * the specific ones (it decides after five runs). Transactions and savepoints get the same.
 */
function preparing(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === "unsafe") {
        return (query: string, args?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, args, { ...options, prepare: args !== undefined && args.length > 0 && args.length <= MAX_PREPARED_PARAMETERS });
      }
      if (key === "begin" || key === "savepoint") {
        // begin(fn) or begin(options, fn); savepoint(fn) or savepoint(name, fn).
        return (...params: unknown[]) => {
          const fn = params.pop() as (tx: postgres.Sql) => unknown;
          return (Reflect.get(target, key, target) as (...p: unknown[]) => unknown)(...params, (tx: postgres.Sql) => fn(preparing(tx)));
        };
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

export class DatabaseLockedError extends Error {
  override name = "DatabaseLockedError";
}

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite has no lock of its own, and a second process on the same directory silently loses
 * writes or corrupts it (STACK.md). Take an exclusive lock file holding our pid; a live owner
 * means refuse, a dead one means the lock is stale and may be taken over.
 */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "pglite.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, "utf8").trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number.parseInt(fs.readFileSync(lockPath, "utf8").trim(), 10);
      if (Number.isInteger(owner) && owner !== process.pid && pidIsAlive(owner)) {
        throw new DatabaseLockedError(
          `The embedded database in ${dir} is already in use by process ${owner}. ` +
            "Only one process can open it: stop that process first (or use another TANDEM_DATA_DIR), " +
            "or set DATABASE_URL to use Postgres.",
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseLockedError(`Could not lock the embedded database in ${dir}.`);
}

export async function openPglite(dataDir: string): Promise<DbHandle> {
  const release = lockDataDir(dataDir);
  try {
    const client = await PGlite.create(path.join(dataDir, "pglite"));
    await migrateEmbedded(client);
    return {
      db: drizzleForPglite(client),
      kind: "pglite",
      async close() {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

export async function openPostgres(url: string): Promise<DbHandle> {
  await migratePostgresUrl(url);
  const client = postgres(url, { max: 10, onnotice: () => {} });
  return { db: drizzleForPostgres(client), kind: "postgres", close: () => client.end({ timeout: 5 }) };
}

const holder = globalThis as unknown as { __tandemDb?: Promise<DbHandle> };

/**
 * The server's database, opened and migrated once per process. Kept on
 * globalThis because Next evaluates modules more than once in one server (instrumentation,
 * proxy, each route bundle).
 */
export function getDbHandle(): Promise<DbHandle> {
  if (isBuildPhase()) throw new Error("The database is not available during `next build`.");
  holder.__tandemDb ??= (async () => {
    const e = env();
    const handle = e.DATABASE_URL ? await openPostgres(e.DATABASE_URL) : await openPglite(e.dataDir);
    if (handle.kind === "pglite") closeOnSignals(handle);
    return handle;
  })().catch((err: unknown) => {
    holder.__tandemDb = undefined;
    throw err;
  });
  return holder.__tandemDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

function closeOnSignals(handle: DbHandle) {
  // Close PGlite cleanly so its directory is consistent for the next start.
  const shutdown = (signal: NodeJS.Signals) => {
    handle.close().finally(() => process.kill(process.pid, signal));
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, shutdown);
}
