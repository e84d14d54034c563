import { eq, inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drizzleForPostgres, MAX_PREPARED_PARAMETERS, type Db } from "@/db/client";
import { people } from "@/db/schema";
import { env } from "@/server/env";
import { createTestDb, type TestDb } from "../support/db";
import { createWorld, rowsOf, type World } from "../support/factories";

// On Postgres, Drizzle's statements are prepared on their connection (db/client.ts): parsed
// once and, once Postgres settles on a generic plan, planned once. What the benchmark's
// Postgres time per page rests on; the results must be the same as unprepared.
describe.skipIf(!env().TEST_DATABASE_URL)("prepared statements on Postgres", () => {
  let t: TestDb;
  let w: World;
  let client: postgres.Sql;
  let db: Db;

  beforeAll(async () => {
    t = await createTestDb();
    w = await createWorld(t.db);
    // One connection, so the session's prepared statements can be listed.
    client = postgres(t.url!, { max: 1, onnotice: () => {} });
    db = drizzleForPostgres(client);
  });
  afterAll(async () => {
    await client.end({ timeout: 5 });
    await t.close();
  });

  const prepared = async (on: Db = db) =>
    rowsOf<{ statement: string }>(await on.execute(sql`select statement from pg_prepared_statements`)).map((r) => r.statement);

  it("prepares a statement with parameters once, and answers it the same way every time", async () => {
    const byId = (id: string) => db.select({ name: people.name }).from(people).where(eq(people.id, id));
    expect(await byId(w.a.manager1.id)).toEqual([{ name: w.a.manager1.name }]);
    expect(await byId(w.a.report1.id)).toEqual([{ name: w.a.report1.name }]);
    expect(await byId(w.b.manager1.id)).toEqual([{ name: w.b.manager1.name }]);
    const statements = (await prepared()).filter((s) => s.includes('from "people" where "people"."id" = $1'));
    expect(statements).toHaveLength(1);
  });

  it("does not prepare statements with more parameters than the limit (bulk writes, long lists)", async () => {
    const ids = Array.from({ length: MAX_PREPARED_PARAMETERS + 1 }, () => crypto.randomUUID());
    ids[0] = w.a.report1.id;
    expect(await db.select({ id: people.id }).from(people).where(inArray(people.id, ids))).toEqual([{ id: w.a.report1.id }]);
    expect((await prepared()).filter((s) => s.includes(`$${MAX_PREPARED_PARAMETERS + 1})`))).toEqual([]);
  });

  it("prepares inside transactions and savepoints too, and a rollback undoes their writes", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.update(people).set({ title: "Renamed" }).where(eq(people.id, w.a.report1.id));
        await tx.transaction(async (sp) => {
          expect(await sp.select({ title: people.title }).from(people).where(eq(people.id, w.a.report1.id))).toEqual([{ title: "Renamed" }]);
        });
        expect((await prepared(tx)).some((s) => s.startsWith('update "people" set "title" = $1'))).toBe(true);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await db.select({ title: people.title }).from(people).where(eq(people.id, w.a.report1.id)))[0]?.title).not.toBe("Renamed");
  });
});
