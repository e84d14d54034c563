import type { Db } from "./client";

/**
 * A statement built once per database rather than on every call: Drizzle builds a query's SQL
 * text anew each time it runs, which on the statements every page sends cost about as much CPU
 * as the driver's round trip. `build` returns a Drizzle prepared query (`.prepare(name)`, its
 * varying values as `sql.placeholder`s); transactions get their own.
 */
export function builtOnce<Query>(build: (db: Db) => Query): (db: Db) => Query {
  const byDb = new WeakMap<Db, Query>();
  return (db) => {
    let query = byDb.get(db);
    if (query === undefined) byDb.set(db, (query = build(db)));
    return query;
  };
}
