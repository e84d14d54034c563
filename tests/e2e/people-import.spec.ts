import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import postgres from "postgres";
import { signInAs } from "./support/auth";
import { expect, expectNoAxeViolations, test } from "./support/fixtures";
import { tabTo } from "./support/keyboard";
import { ADMIN_URL, postgresReachable } from "./support/postgres";
import { ownDemoServer } from "./support/own-server";
import { shoot } from "./support/screenshots";
import { startNext, waitForStatus } from "./support/processes";
import { people } from "./support/servers";

// People import (PRODUCT.md §6) in the browser: an HR admin checks a file with problems, sees
// them by row, fixes the text, imports, and finds the new people in the directory.
//
// Imports add people, and other specs count the demo's people on the shared server (3100), so
// this file runs its own demo server on a fresh data directory.

const URL_ = ownDemoServer(3106, ".data/e2e-import");
const PHONE = { width: 360, height: 780 };

test.describe.configure({ mode: "serial" });

const WITH_PROBLEMS = [
  "Email,Name,Manager Email,Department,Title,Start Date",
  "ingrid.solberg@brightwater.example,Ingrid Solberg,hannah.schmidt@brightwater.example,People,People Partner,15/03/2026",
  ",Oskar Lind,ingrid.solberg@brightwater.example,People,Recruiter,2026-04-01",
  "tomas.berg@brightwater.example,Tomas Berg,nobody@brightwater.example,People,Coordinator,",
].join("\r\n");

const FIXED = [
  "Email,Name,Manager Email,Department,Title,Start Date",
  "ingrid.solberg@brightwater.example,Ingrid Solberg,hannah.schmidt@brightwater.example,People,People Partner,2026-03-15",
  "oskar.lind@brightwater.example,Oskar Lind,ingrid.solberg@brightwater.example,People,Recruiter,2026-04-01",
].join("\n");

async function horizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("Hannah checks a file with problems, fixes it, imports, and finds the new people", async ({ page }) => {
  test.setTimeout(60_000);
  await signInAs(page, people.hannah, URL_);
  await page.goto(`${URL_}/`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Manage people" }).click();
  await page.getByRole("link", { name: "Import people" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import people" })).toBeVisible();
  await expectNoAxeViolations(page, "/admin/people/import");

  // The file is read in the browser and lands in the text area.
  await page.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${WITH_PROBLEMS}`) });
  await expect(page.getByText("Loaded “people.csv”.")).toBeVisible();
  await expect(page.getByLabel("CSV text")).toHaveValue(WITH_PROBLEMS.replaceAll("\r\n", "\n"));
  await page.getByRole("button", { name: "Check file" }).click();

  const results = page.getByRole("heading", { name: "Check results" });
  await expect(results).toBeFocused();
  await expect(page.getByRole("alert").filter({ hasText: "3 problems in 3 rows. Nothing has been imported." })).toBeVisible();
  const problems = page.getByRole("table", { name: "Problems by row" }).getByRole("row");
  await expect(problems).toHaveText([
    /Row\s*Column\s*Problem/,
    /2\s*start date\s*“15\/03\/2026” is not a date in the form YYYY-MM-DD/,
    /3\s*email\s*Email is missing\./,
    /4\s*manager email\s*No one with the email nobody@brightwater\.example is in this file or in your organization\./,
  ]);
  await expect(page.getByRole("button", { name: /^Import / })).toHaveCount(0);
  await expectNoAxeViolations(page, "/admin/people/import with problems");

  // Fix it by pasting the corrected text; the old check no longer applies.
  await page.getByLabel("CSV text").fill(FIXED);
  await expect(results).toHaveCount(0);
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(results).toBeFocused();
  await expect(page.getByText("No problems found in 2 rows.")).toBeVisible();
  const created = page.getByRole("table", { name: "New people" }).getByRole("row");
  await expect(created).toHaveCount(3);
  await expect(created.nth(1)).toContainText("Ingrid Solberg");
  await expect(created.nth(1)).toContainText("Hannah Schmidt");
  await expect(created.nth(2)).toContainText("Oskar Lind");
  await expect(created.nth(2)).toContainText("Ingrid Solberg");
  await expectNoAxeViolations(page, "/admin/people/import with a summary");

  await page.getByRole("button", { name: "Import 2 people" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import complete: 2 people added, 0 updated. 2 invitations sent by email." })).toBeVisible();
  await expect(page.locator(":focus")).toContainText("Import complete");
  await expect(page.getByRole("button", { name: /^Import / })).toHaveCount(0);

  await page.getByRole("link", { name: "See everyone on the People page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await page.getByLabel("Search by name, title, department or email").fill("Oskar");
  const oskar = page.getByRole("main").getByRole("listitem").filter({ hasText: "Oskar Lind" });
  await expect(oskar).toContainText("Recruiter · People");
  await expect(oskar).toContainText("reports to Ingrid Solberg");

  // Checking the same file again: nothing left to do.
  await page.goto(`${URL_}/admin/people/import`);
  await page.getByLabel("CSV text").fill(FIXED);
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText("Everyone in this file is already up to date in Tandem: there is nothing to import.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import / })).toHaveCount(0);

  // The invitations went out (demo mode: to the outbox).
  await page.goto(`${URL_}/dev/outbox`);
  await expect(page.getByText("You're invited to Tandem at Brightwater Analytics").first()).toBeVisible();
});

test("at 360 px, by keyboard, as an owner who sees every admin link", async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize(PHONE);
  await signInAs(page, people.maya, URL_);
  await page.goto(`${URL_}/admin/people/import`);
  await expect(page.getByRole("heading", { level: 1, name: "Import people" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  // On a phone the admin pages are in one "Admin" menu (one header row); opened, every link shows.
  await nav.getByText("Admin").click();
  for (const link of ["Home", "People", "Cycles", "Trends", "Manage people", "Settings"])
    await expect(nav.getByRole("link", { name: link, exact: true })).toBeInViewport();
  await expect(nav.getByRole("link", { name: "Manage people" })).toHaveAttribute("aria-current", "page");
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shoot(page, "people-import-360");

  // Keyboard only: into the text area, type, Tab to the button, Enter.
  const text = page.getByLabel("CSV text");
  await tabTo(page, text, 20);
  await page.keyboard.insertText(
    `email,name,manager email,department,title,start date\nnina.keys@brightwater.example,Nina Keys,maya.chen@brightwater.example,Leadership,Chief of Staff,2026-05-04`,
  );
  await tabTo(page, page.getByRole("button", { name: "Check file" }), 5);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Check results" })).toBeFocused();
  // The wide summary tables scroll inside their frame, never the page.
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page, "/admin/people/import at 360 px with a summary");
  await shoot(page, "people-import-360-summary");
  await tabTo(page, page.getByRole("button", { name: "Import 1 person" }), 10);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Import complete: 1 person added" })).toBeVisible();
  await expect(page.locator(":focus")).toContainText("Import complete");
});

test("at 360 px the problems of a file read whole: the table wraps its text, nothing is cut off", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signInAs(page, people.hannah, URL_);
  await page.goto(`${URL_}/admin/people/import`);
  await page.getByLabel("CSV text").fill(WITH_PROBLEMS);
  await page.getByRole("button", { name: "Check file" }).click();
  const problems = page.getByRole("table", { name: "Problems by row" });
  await expect(problems.getByRole("row")).toHaveCount(4);
  await expect(problems).toContainText("nobody@brightwater.example");
  // The table is no wider than its frame, and its frame no wider than the screen.
  const widths = await problems.evaluate((t) => ({ table: t.scrollWidth, frame: t.parentElement!.clientWidth, right: t.getBoundingClientRect().right }));
  expect(widths.table).toBeLessThanOrEqual(widths.frame);
  expect(widths.right).toBeLessThanOrEqual(PHONE.width);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
});

test("a file near the 2 MB limit goes through to the server and is checked", async ({ page }) => {
  test.setTimeout(60_000);
  await signInAs(page, people.hannah, URL_);
  const rows = Array.from(
    { length: 9000 },
    (_, i) => `bulk.${i}@example.test,Bulk Person ${i},hannah.schmidt@brightwater.example,Bulk,${"t".repeat(120)},2026-01-05`,
  );
  const csv = ["email,name,manager email,department,title,start date", ...rows].join("\n");
  expect(csv.length).toBeGreaterThan(1_900_000);
  expect(csv.length).toBeLessThanOrEqual(2 * 1024 * 1024);
  const res = await page.request.post(`${URL_}/api/trpc/peopleImport.preview?batch=1`, { headers: { origin: URL_ }, data: { 0: { json: { csv } } } });
  expect(res.status(), (await res.text()).slice(0, 500)).toBe(200);
  const [{ result }] = (await res.json()) as [{ result: { data: { json: { rowCount: number; problemCount: number; summary: { creates: number } } } } }];
  expect(result.data.json).toMatchObject({ rowCount: 9000, problemCount: 0, summary: { creates: 9000 } });
});

test("members get not found and no Manage people link", async ({ page }) => {
  await signInAs(page, people.aisha, URL_);
  expect((await page.goto(`${URL_}/admin/people`))?.status()).toBe(404);
  expect((await page.goto(`${URL_}/admin/people/import`))?.status()).toBe(404);
  await page.goto(`${URL_}/`);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Manage people" })).toHaveCount(0);
});

const PG_PORT = 3109;

test("on Postgres, a large background import shows how many people it has written, then all of them at once", async ({ page }) => {
  test.setTimeout(240_000);
  test.skip(!(await postgresReachable()), `no Postgres at ${ADMIN_URL}`);
  // Postgres, not the embedded database: there the import's one transaction holds the only
  // connection, and the page can't read the run until it is over (the bar moves, no count).
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const dbName = `tandem_e2e_import_${crypto.randomBytes(5).toString("hex")}`;
  await admin.unsafe(`create database ${dbName}`);
  const url = `http://localhost:${PG_PORT}`;
  const pgServer = startNext(PG_PORT, {
    SMTP_URL: "",
    OIDC_ISSUER: "",
    OIDC_CLIENT_ID: "",
    OIDC_CLIENT_SECRET: "",
    AUTH_URL: "",
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${dbName}`,
    TANDEM_DEMO: "1",
    TANDEM_DATA_DIR: ".data/e2e-import-postgres",
    AUTH_SECRET: crypto.randomBytes(30).toString("base64"),
  });
  try {
    await waitForStatus(pgServer, `${url}/api/health`, 200, 90_000);
    await signInAs(page, people.hannah, url);
    await page.goto(`${url}/admin/people/import`);
    // Just over what the page checks itself (IMPORT_LIMITS.maxRows), so it goes to the background.
    const n = 10_001;
    // The last row the import writes (a report of a report, written after everyone above it)
    // joins an existing department, whose row this test holds locked: the import stops there,
    // mid-transaction, with every batch before it written and counted, for as long as the test
    // looks. No timing: the page is seen while the import is provably unfinished.
    const rows = Array.from(
      { length: n },
      (_, i) =>
        `big.${i}@example.test,Big Person ${i},${i % 10 === 0 ? people.hannah : `big.${i - (i % 10)}@example.test`},${i === n - 2 ? "People" : "Big"},Analyst,2026-02-02`,
    );
    await page.getByLabel("CSV file").setInputFiles({
      name: "big.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(["email,name,manager email,department,title,start date", ...rows].join("\n")),
    });
    await expect(page.getByRole("heading", { name: "Check results: big.csv" })).toBeFocused({ timeout: 120_000 });
    const check = postgres(`postgres://postgres@127.0.0.1:5432/${dbName}`, { max: 2, onnotice: () => {} });
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const lockHeld = new Promise<void>((resolve) => (locked = resolve));
    const holding = check.begin(async (tx) => {
      await tx`select id from departments where name = 'People' for update`;
      locked();
      await released;
    });
    try {
      await lockHeld;
      await page.getByRole("button", { name: "Import 10,001 people" }).click();

      // While it writes: "Writing 10,000 of 10,001 people", a bar that says as much, and nobody new yet.
      const writing = page.getByRole("status").filter({ hasText: /Writing [\d,]+ of 10,001 people in the background/ });
      await expect(writing).toBeVisible({ timeout: 60_000 });
      // Once the import waits for the locked row, its count stops where it is: the page shows that.
      await expect
        .poll(async () => (await check`select count(*)::int as n from pg_stat_activity where datname = ${dbName} and wait_event_type = 'Lock'`)[0]!.n, {
          timeout: 60_000,
        })
        .toBeGreaterThan(0);
      const [run] = await check<{ processed: number }[]>`select processed from people_import_runs`;
      const stopped = run!.processed;
      const shown = async () => Number((/Writing ([\d,]+) of/.exec((await writing.textContent()) ?? "")?.[1] ?? "").replaceAll(",", ""));
      await expect.poll(shown, { timeout: 60_000 }).toBe(stopped);
      const written = await shown();
      expect(written).toBeGreaterThan(0);
      expect(written).toBeLessThan(n);
      const bar = page.getByRole("progressbar", { name: "People written" });
      await expect(bar).toHaveAttribute("max", String(n));
      await shoot(page, "people-import-writing-1280");
      await expectNoAxeViolations(page, "/admin/people/import while writing");
      await page.setViewportSize(PHONE);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shoot(page, "people-import-writing-360");
      const [progress] = await check`select processed, status, (select count(*)::int from people where email like 'big.%') as people from people_import_runs`;
      expect(progress).toMatchObject({ status: "importing", processed: written, people: 0 });
    } finally {
      release();
      await holding;
      await check.end({ timeout: 5 });
    }

    await expect(page.getByRole("heading", { name: "Import complete: big.csv" })).toBeVisible({ timeout: 120_000 });
    await expect(page.getByText("Import complete: 10,001 people added, 0 updated. 10,001 invitations sent by email.")).toBeVisible();
  } finally {
    await pgServer.stop();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end({ timeout: 5 });
  }
});
