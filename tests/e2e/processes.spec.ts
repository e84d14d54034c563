import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { signInAs } from "./support/auth";
import { expect, test } from "./support/fixtures";
import { exitWithin, startNext, waitForStatus } from "./support/processes";
import { ADMIN_URL, postgresReachable } from "./support/postgres";
import { NO_EXTERNAL, people, PROJECT_ROOT } from "./support/servers";

// Servers started by the tests themselves: how Tandem refuses to start, and how it reports a
// lost database. Each child runs in its own process group and is stopped in `finally`.

test("a second server on the same embedded database refuses to start and harms nothing", async ({ page, request }) => {
  test.setTimeout(60_000);
  const lockFile = path.join(PROJECT_ROOT, ".data", "e2e", "pglite.lock");
  const owner = fs.readFileSync(lockFile, "utf8").trim();

  const second = startNext(3102, { ...NO_EXTERNAL, TANDEM_DEMO: "", TANDEM_DATA_DIR: ".data/e2e" });
  try {
    const code = await exitWithin(second, 40_000);
    expect(code, second.output()).not.toBe(0);
    expect(second.output()).toContain("Tandem cannot start");
    expect(second.output()).toContain(`already in use by process ${owner}`);
  } finally {
    await second.stop();
  }

  // Server A keeps its lock and its data.
  expect(fs.readFileSync(lockFile, "utf8").trim()).toBe(owner);
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", database: "pglite" });
  await signInAs(page, people.maya);
  await page.goto("/people");
  await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(38);
});

test("outside demo mode without SMTP or SSO the server refuses to start, naming both", async () => {
  test.setTimeout(60_000);
  const dataDir = ".data/e2e-refuse";
  fs.rmSync(path.join(PROJECT_ROOT, dataDir), { recursive: true, force: true });
  const server = startNext(3103, { ...NO_EXTERNAL, TANDEM_DEMO: "0", TANDEM_DATA_DIR: dataDir });
  try {
    const code = await exitWithin(server, 40_000);
    expect(code, server.output()).not.toBe(0);
    const out = server.output();
    expect(out).toContain("Tandem cannot start");
    expect(out).toContain("SMTP_URL");
    expect(out).toContain("OIDC_ISSUER");
  } finally {
    await server.stop();
  }
});

test("on Postgres: health is ok, trend figures are published, then 503 when the database goes away", async () => {
  test.setTimeout(120_000);
  test.skip(!(await postgresReachable()), `no Postgres at ${ADMIN_URL}`);

  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const dbName = `tandem_e2e_${crypto.randomBytes(5).toString("hex")}`;
  await admin.unsafe(`create database ${dbName}`);
  const server = startNext(3104, {
    ...NO_EXTERNAL,
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${dbName}`,
    TANDEM_DEMO: "1",
    TANDEM_DATA_DIR: ".data/e2e-postgres",
    AUTH_SECRET: crypto.randomBytes(30).toString("base64"), // 40 characters
  });
  try {
    const ok = await waitForStatus(server, "http://localhost:3104/api/health", 200, 60_000);
    expect(await ok.json()).toEqual({ status: "ok", database: "postgres" });
    expect(server.output()).toContain("Seeded the demo organization Brightwater Analytics");

    // The demo's closed cycles get their trend figures from the worker: on Postgres the built
    // server publishes each on a thread with its own connections (compute-off-thread.ts).
    const db = postgres(`postgres://postgres@127.0.0.1:5432/${dbName}`, { max: 1, onnotice: () => {} });
    try {
      const published = async () => {
        const [row] = await db<{ closed: number; published: number; groups: number }[]>`
          select (select count(*)::int from cycles where status = 'closed') as closed,
                 (select count(*)::int from trend_snapshots) as published,
                 (select count(*)::int from trend_group_figures) as groups`;
        return row!;
      };
      await expect.poll(async () => (await published()).published, { timeout: 60_000 }).toBeGreaterThan(0);
      await expect
        .poll(
          async () => {
            const p = await published();
            return p.published === p.closed;
          },
          { timeout: 60_000 },
        )
        .toBe(true);
      expect((await published()).groups).toBeGreaterThan(0);
    } finally {
      await db.end({ timeout: 5 });
    }

    await admin.unsafe(`alter database ${dbName} allow_connections false`);
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${dbName}`;

    const down = await waitForStatus(server, "http://localhost:3104/api/health", 503, 30_000);
    expect(await down.json()).toEqual({ status: "error", reason: "database unreachable" });
    expect(down.headers.get("cache-control")).toContain("no-store");
    // Still serving: the server answers, it has not crashed.
    expect(server.child.exitCode).toBeNull();

    // And it recovers once the database is back.
    await admin.unsafe(`alter database ${dbName} allow_connections true`);
    const back = await waitForStatus(server, "http://localhost:3104/api/health", 200, 30_000);
    expect(await back.json()).toEqual({ status: "ok", database: "postgres" });
  } finally {
    await server.stop();
    await admin.unsafe(`alter database ${dbName} allow_connections true`).catch(() => {});
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end({ timeout: 5 });
  }
});
