import crypto from "node:crypto";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { inject } from "vitest";
import { drizzleForPglite, drizzleForPostgres, type Db } from "@/db/client";
import { migratePostgresUrl } from "@/db/migrate";
import { env } from "@/server/env";

export interface TestDb {
  db: Db;
  kind: "pglite" | "postgres";
  /** Every statement sent through `db` (and through `connectAgain` databases), in order. */
  statements: string[];
  /**
   * The same database as another app server would reach it: on Postgres a pool of its own
   * (closed with the rest), on PGlite the one database itself (one process, one connection).
   */
  connectAgain(): Db;
  /** On Postgres, the test database's URL, for a client of the test's own making. */
  url?: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a copy of the migrated PGlite snapshot by
 * default, or a new database on the Postgres server at TEST_DATABASE_URL (dropped afterwards).
 */
export async function createTestDb(): Promise<TestDb> {
  const serverUrl = env().TEST_DATABASE_URL;
  if (!serverUrl) {
    const snapshot = fs.readFileSync(inject("pgliteSnapshot"));
    const client = await PGlite.create({ loadDataDir: new Blob([snapshot]) });
    const statements: string[] = [];
    const db = drizzleForPglite(client, { logger: { logQuery: (query) => void statements.push(query) } });
    return { db, kind: "pglite", statements, connectAgain: () => db, close: () => client.close() };
  }
  const name = `tandem_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migratePostgresUrl(url.toString());
  const statements: string[] = [];
  const logger = { logQuery: (query: string) => void statements.push(query) };
  const clients = [postgres(url.toString(), { max: 10, onnotice: () => {} })];
  return {
    db: drizzleForPostgres(clients[0]!, { logger }),
    kind: "postgres",
    statements,
    url: url.toString(),
    connectAgain() {
      const client = postgres(url.toString(), { max: 10, onnotice: () => {} });
      clients.push(client);
      return drizzleForPostgres(client, { logger });
    },
    async close() {
      for (const client of clients) await client.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** The statements among `statements` that write (insert, update, delete): a read issues none. */
export function writesAmong(statements: string[]): string[] {
  return statements.filter((q) => /^\s*(insert|update|delete)\b/i.test(q));
}
