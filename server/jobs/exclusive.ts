import { sql } from "drizzle-orm";
import { isEmbedded, type Db } from "@/db/client";

// "At most one of us at a time", across every app server on one database: a Postgres advisory
// lock, tried, never waited for. The loser skips this round instead of queueing behind the
// winner (docs/decisions/0003-job-queue.md).
//
// - Postgres: the transaction-scoped lock (pg_try_advisory_xact_lock), held by a transaction on
//   a connection of its own that does nothing else while `work` runs on the other connections
//   of the pool. It ends with the transaction, or with the connection if the process dies, so
//   a crash never leaves it held; unlike a session lock it is also safe behind a pooler in
//   transaction mode, where a later unlock might reach another server connection.
// - PGlite: the one connection is shared by everything in the process, and a transaction held
//   open would make every other statement wait for it. The session lock (pg_try_advisory_lock,
//   then pg_advisory_unlock) works there, but a session lock is re-entrant and the process has
//   one session: the in-process guard below is what keeps two callers apart. Only one process
//   can open the embedded database, so that is all the exclusion it needs.

const running = new WeakMap<Db, Set<string>>();

function rowsOf(result: unknown): Record<string, unknown>[] {
  // postgres.js answers an array of rows, PGlite an object with `rows`.
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

async function tryLock(db: Db, statement: ReturnType<typeof sql>): Promise<boolean> {
  const [row] = rowsOf(await db.execute(statement));
  return row?.locked === true;
}

export type Exclusive<T> = { ran: true; value: T } | { ran: false };

/** Runs `work` unless another caller, in this process or another one on the database, is running `name`. */
export async function runExclusively<T>(db: Db, name: string, work: () => Promise<T>): Promise<Exclusive<T>> {
  const mine = running.get(db) ?? new Set<string>();
  running.set(db, mine);
  if (mine.has(name)) return { ran: false };
  mine.add(name);
  try {
    if (isEmbedded(db)) {
      if (!(await tryLock(db, sql`select pg_try_advisory_lock(hashtext(${name})) as locked`))) return { ran: false };
      try {
        return { ran: true, value: await work() };
      } finally {
        await db.execute(sql`select pg_advisory_unlock(hashtext(${name}))`);
      }
    }
    let outcome: Exclusive<T> = { ran: false };
    await db.transaction(async (lockTx) => {
      if (!(await tryLock(lockTx, sql`select pg_try_advisory_xact_lock(hashtext(${name})) as locked`))) return;
      outcome = { ran: true, value: await work() };
    });
    return outcome;
  } finally {
    mine.delete(name);
  }
}
