import type { Page } from "@playwright/test";
import { signInAs } from "./support/auth";
import { expect, expectNoAxeViolations, test } from "./support/fixtures";
import { ownDemoServer } from "./support/own-server";
import { shoot } from "./support/screenshots";
import { people } from "./support/servers";

// People administration (issue 18) in the browser, by role and label: HR finds people, opens a
// person, edits them, changes their roles, deactivates and reactivates them; an owner filters
// the audit log; a large HR export is uploaded, its columns mapped, checked and imported in the
// background with its progress shown. Its own demo server on a fresh data directory: it
// changes people that other specs count.

const URL_ = ownDemoServer(3108, ".data/e2e-people");
const PHONE = { width: 360, height: 780 };

test.describe.configure({ mode: "serial" });

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("Hannah finds a person, edits them, makes them HR admin, deactivates and reactivates them", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAs(page, people.hannah, URL_);
  await page.goto(`${URL_}/`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Manage people" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Manage people" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^1–\d+ of \d+ people$/ })).toBeVisible();
  await expectNoAxeViolations(page, "/admin/people");
  await shoot(page, "people-list-1280");

  // Filters: by manager, then by name.
  await page.getByLabel("Manager's name or email").fill("Aisha");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/manager=Aisha/);
  const list = page.getByRole("list", { name: "People" }).getByRole("listitem");
  await expect(list).toHaveCount(6);
  await expect(list.first()).toContainText("reports to Aisha Bello");
  await page.getByRole("link", { name: "Clear" }).click();
  await page.getByLabel("Name, email or title").fill("Noah Patel");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(list).toHaveCount(1);
  await page.getByRole("link", { name: "Noah Patel" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Noah Patel" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Pairs" })).toContainText("Reports to Aisha Bello");
  await expectNoAxeViolations(page, "/admin/people/[personId]");
  await shoot(page, "person-1280");

  // Edit: a taken address is refused with its message and loses nothing typed.
  await page.getByLabel("Job title").fill("Staff Software Engineer");
  await page.getByLabel("Work email").fill(people.aisha);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `Someone else in your organization already has the email ${people.aisha}.` })).toBeVisible();
  await expect(page.getByLabel("Job title")).toHaveValue("Staff Software Engineer");
  await page.getByLabel("Work email").fill("noah.patel@brightwater.example");
  await expect(page.getByLabel("Given name")).toHaveValue("Noah");
  await page.getByLabel("Given name").fill("Noe");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: given name, job title." })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Staff Software Engineer");

  // Roles: HR admin yes; the owner role is not Hannah's to give.
  await page.getByRole("button", { name: "Make HR admin" }).click();
  await expect(page.getByRole("button", { name: "Remove HR admin role" })).toBeVisible();
  await expect(page.getByText("Only an owner can make or unmake an owner.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Make owner" })).toHaveCount(0);
  await page.getByRole("button", { name: "Remove HR admin role" }).click();
  await expect(page.getByRole("button", { name: "Make HR admin" })).toBeVisible();

  // Deactivate, after a confirmation that says what happens; then reactivate.
  await page.getByRole("button", { name: "Deactivate…" }).click();
  const confirmation = page.getByRole("group", { name: "Deactivate Noah Patel?" });
  await expect(confirmation).toContainText("signed out on every device");
  await expectNoAxeViolations(page, "/admin/people/[personId] confirming deactivation");
  await confirmation.getByRole("button", { name: "Deactivate Noah Patel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Noah Patel" })).toContainText("Deactivated");
  await expect(page.getByRole("list", { name: "Pairs" })).toContainText("(ended)");
  await page.getByRole("button", { name: "Reactivate Noah Patel" }).click();
  await expect(page.getByRole("button", { name: "Deactivate…" })).toBeVisible();

  await page.setViewportSize(PHONE);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await shoot(page, "person-360");
  await page.goto(`${URL_}/admin/people`);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page, "/admin/people at 360 px");
  await shoot(page, "people-list-360");
});

test("Maya, an owner, can't remove the last owner, and finds every change in the audit log", async ({ page }) => {
  test.setTimeout(60_000);
  await signInAs(page, people.maya, URL_);
  await page.goto(`${URL_}/admin/people?q=Maya`);
  await page.getByRole("list", { name: "People" }).getByRole("link", { name: "Maya Chen" }).click();
  await page.getByRole("button", { name: "Remove owner role" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Maya Chen is the organization's only owner. Make someone else an owner first." })).toBeVisible();
  await expect(page.getByText("You are active. Another HR admin or owner can deactivate you.")).toBeVisible();

  await page.goto(`${URL_}/admin/settings`);
  await page.getByLabel("Action").selectOption({ label: "edited a person" });
  await page.getByRole("button", { name: "Filter" }).click();
  const entries = page.getByRole("list", { name: "Audit log entries" });
  await expect(entries).toContainText("Hannah Schmidt edited a person: Noah Patel");
  await expect(entries).toContainText("given name: Noah → Noe");
  await expect(entries).toContainText("title: Senior Software Engineer → Staff Software Engineer");
  await page.getByLabel("Action").selectOption({ label: "Any action" });
  await page.getByLabel("Person's email").fill("noah.patel@brightwater.example");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(entries).toContainText("Hannah Schmidt deactivated a person: Noah Patel");
  await expect(entries).toContainText("Hannah Schmidt reactivated a person: Noah Patel");
  await expect(entries).not.toContainText("changed a setting");
  await expectNoAxeViolations(page, "/admin/settings with audit filters");
  await shoot(page, "audit-1280");
  await page.setViewportSize(PHONE);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await shoot(page, "audit-360");
});

test("the upload refuses a cross-site post, a member, and a file over its limit", async ({ page, request }) => {
  expect(
    (
      await request.post(`${URL_}/api/people-import`, { headers: { origin: "http://evil.example", "content-type": "text/csv" }, data: "email,name\n" })
    ).status(),
  ).toBe(403);
  await signInAs(page, people.aisha, URL_);
  expect((await page.request.post(`${URL_}/api/people-import`, { headers: { origin: URL_, "content-type": "text/csv" }, data: "email,name\n" })).status()).toBe(
    404,
  );
  expect((await page.goto(`${URL_}/admin/people`))?.status()).toBe(404);
  await page.context().clearCookies();
  await signInAs(page, people.hannah, URL_);
  const tooBig = await page.request.post(`${URL_}/api/people-import`, {
    headers: { origin: URL_, "content-type": "text/csv" },
    data: Buffer.alloc(33 * 1024 * 1024, 0x61),
  });
  expect(tooBig.status()).toBe(413);
  expect(((await tooBig.json()) as { error: string }).error).toContain("larger than 32 MB");
});

test("Hannah uploads a 10,001-row HR export, maps a column, follows the check and the import", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, people.hannah, URL_);
  await page.goto(`${URL_}/admin/people/import`);
  // A Rippling-style export whose department column has a name Tandem doesn't know, one row more
  // than the page checks itself (IMPORT_LIMITS.maxRows), so it is checked and written in the background.
  const rows = Array.from(
    { length: 10_001 },
    (_, i) =>
      `bulk.${i}@example.test,Bulk,Person ${i},,${i % 10 === 0 ? people.hannah : `bulk.${i - (i % 10)}@example.test`},Team ${i % 30},Analyst,2025-02-03`,
  );
  const csv = ["Work Email,Legal First Name,Legal Last Name,Preferred First Name,Manager Email,Org Unit,Title,Start Date", ...rows].join("\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "rippling.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });

  await expect(
    page
      .getByRole("status")
      .filter({ hasText: /Checking in the background|Uploading/ })
      .first(),
  ).toBeVisible();
  const results = page.getByRole("heading", { name: "Check results: rippling.csv" });
  await expect(results).toBeFocused({ timeout: 120_000 });
  await expect(page.getByText("No problems found in 10,001 rows.")).toBeVisible();

  // Map "Org Unit" to the department, check again.
  await page.getByText("Columns: which is which").click();
  await page.getByLabel("Org Unit").selectOption({ label: "department" });
  await page.getByRole("button", { name: "Check again with these columns" }).click();
  await expect(page.getByText(/New departments: Team 0, Team 1/)).toBeVisible({ timeout: 120_000 });
  await expectNoAxeViolations(page, "/admin/people/import with a background check");
  await shoot(page, "import-mapping-1280");

  await page.getByRole("button", { name: "Import 10,001 people" }).click();
  // The embedded database serves one transaction at a time: while the import writes, the page
  // waits ("Starting the import…" / "Importing…") until it can read the run again.
  await expect(page.getByRole("button", { name: "Import 10,001 people" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Import complete: rippling.csv" })).toBeVisible({ timeout: 180_000 });
  await expect(page.getByText("Import complete: 10,001 people added, 0 updated. 10,001 invitations sent by email.")).toBeVisible();

  await page.goto(`${URL_}/admin/people?q=bulk.10000`);
  await expect(page.getByRole("list", { name: "People" })).toContainText("Analyst · Team 10");
  // The next file with the same headers is read with Hannah's choice.
  await page.goto(`${URL_}/admin/people/import`);
  await page.getByLabel("CSV text").fill("Work Email,Legal First Name,Legal Last Name,Org Unit\nnew.one@example.test,New,One,Team 3");
  await page.getByRole("button", { name: "Check file" }).click();
  await page.getByText("Columns: which is which").click();
  await expect(page.getByLabel("Org Unit")).toHaveValue("department");
  await page.setViewportSize(PHONE);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await shoot(page, "import-mapping-360");
});

test("home shows a manager with a thousand reports twelve of them, and all of them one link away", async ({ page }) => {
  test.setTimeout(90_000);
  // Every tenth row of the import above reports to Hannah.
  await signInAs(page, people.hannah, URL_);
  await page.goto(`${URL_}/`);
  const reports = page.getByRole("region", { name: /^My reports/ });
  const heading = await reports.getByRole("heading", { level: 2 }).innerText();
  const total = Number(/\((\d+)\)/.exec(heading)?.[1]);
  expect(total).toBeGreaterThan(1000);
  await expect(reports.getByRole("listitem")).toHaveCount(12);
  await expectNoAxeViolations(page, "/ with a thousand reports");
  await shoot(page, "home-thousand-reports-1280");
  await page.setViewportSize(PHONE);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await shoot(page, "home-thousand-reports-360");
  await reports.getByRole("link", { name: `Show all ${total} reports` }).click();
  await expect(page).toHaveURL(/\?reports=all#my-reports$/);
  await expect(reports.getByRole("listitem")).toHaveCount(total);
  await expect(reports.getByRole("link", { name: /^Show all/ })).toHaveCount(0);
});
