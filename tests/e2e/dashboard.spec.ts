import { expect, expectNoAxeViolations, test } from "./support/fixtures";

// The pair dashboard on the demo organization's showcase pair: Aisha Bello manages Ben Carter,
// two revealed cycles, a large trust gap and a blind spot (db/seed/demo-history.ts).

test("Aisha sees the large trust gap and her blind spot; the table says what the chart shows", async ({ page, signInAs }) => {
  await signInAs("aisha.bello@brightwater.example");
  await page.goto("/");
  await page.getByRole("link", { name: "Dashboard with Ben Carter" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You and Ben Carter");
  await expect(page.getByText("Q3 2026 relationship check, revealed")).toBeVisible();

  // Trust leads, flagged large.
  const rows = page.locator("figure li[data-dimension]");
  await expect(rows.first()).toHaveAttribute("data-dimension", "trust");
  await expect(rows.first()).toContainText("Large gap");
  // The chart's colours are said in its legend, in the badges' words.
  await expect(page.locator("figure figcaption").first()).toContainText("Large gap (1.50 or more)");
  await expect(page.locator("figure figcaption").first()).toContainText("Notable gap (1.00 or more)");
  await expect(rows.nth(1)).toHaveAttribute("data-dimension", "goals");
  await expect(page.getByText("You expected Ben to rate trust 5; Ben said 2.75.")).toBeVisible();

  // The table alternative matches the chart, dimension by dimension.
  await page.getByText("Show as a table").first().click();
  const table = page.locator("#gap-table");
  const count = await rows.count();
  expect(count).toBe(9);
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const key = await row.getAttribute("data-dimension");
    const cells = table.locator(`tr[data-dimension="${key}"] td`);
    const mine = Number(await row.getAttribute("data-mine"));
    const theirs = Number(await row.getAttribute("data-theirs"));
    expect(Number(await cells.nth(0).textContent()), `${key} you`).toBeCloseTo(mine, 2);
    expect(Number(await cells.nth(1).textContent()), `${key} Ben`).toBeCloseTo(theirs, 2);
  }
  await expect(table.locator('tr[data-dimension="trust"] td').nth(2)).toHaveText("+1.50 (large gap)");
  // One number format: two decimals everywhere.
  await expect(table.locator('tr[data-dimension="trust"] td').nth(0)).toHaveText(/^\d\.\d\d$/);
  await expectNoAxeViolations(page, "pair dashboard");
  await page.screenshot({ path: "test-results/screenshots/dashboard-1280.png", fullPage: true });

  // The trend over both quarters, and the earlier quarter on its own.
  await expect(page.getByRole("heading", { name: "Over time" })).toBeVisible();
  await page.getByRole("link", { name: "Q2 2026 relationship check" }).click();
  await expect(page.getByText("Q2 2026 relationship check, revealed")).toBeVisible();
  await expect(page.locator('#gap-table tr[data-dimension="trust"] td').nth(2)).toHaveText("+2.00 (large gap)");
});

test("Ben sees the same gap from his side, on a phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  const { signInAs } = await import("./support/auth");
  await signInAs(page, "ben.carter@brightwater.example");
  await page.goto("/");
  await page.getByRole("link", { name: "Dashboard with Aisha Bello" }).click();
  await expect(page.getByText("Aisha expected you to rate trust 5; you said 2.75.")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page, "pair dashboard at 360 px");
  await page.screenshot({ path: "test-results/screenshots/dashboard-360.png", fullPage: true });
  await context.close();
});

test("nobody outside the pair can open it", async ({ page, signInAs, browser }) => {
  await signInAs("aisha.bello@brightwater.example");
  await page.goto("/");
  await page.getByRole("link", { name: "Dashboard with Ben Carter" }).click();
  await page.waitForURL(/\/pairs\//);
  const url = page.url();
  for (const email of [
    "hannah.schmidt@brightwater.example",
    "daniel.okafor@brightwater.example",
    "maya.chen@brightwater.example",
    "noah.patel@brightwater.example",
  ]) {
    const context = await browser.newContext();
    const other = await context.newPage();
    const { signInAs: signIn } = await import("./support/auth");
    await signIn(other, email);
    const response = await other.goto(url);
    expect(other.url(), email).toBe(url);
    expect(response?.status(), email).toBe(404);
    await context.close();
  }
});
