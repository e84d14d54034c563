import { expect, expectNoAxeViolations, test } from "./support/fixtures";

test("HR sees anonymized trends: small groups say only 'fewer than 5 people'; export matches", async ({ page, signInAs }) => {
  await signInAs("hannah.schmidt@brightwater.example");
  await page.goto("/");
  await page.getByRole("link", { name: "Trends" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trends");
  // Other specs may open newer, smaller cycles; the seeded quarter is the one with data.
  await page.getByRole("link", { name: "Q3 2026 relationship check" }).click();
  await expect(page.getByRole("link", { name: "Q3 2026 relationship check" })).toHaveAttribute("aria-current", "page");
  const heatmap = page.getByRole("table", { name: /Reports' view per group and dimension/ });
  await expect(
    heatmap
      .getByRole("row", { name: /\bFinance\b/ })
      .getByRole("cell")
      .first(),
  ).toHaveText("fewer than 5 people");
  await expect(
    heatmap
      .getByRole("row", { name: /^Brightwater Analytics/ })
      .getByRole("cell")
      .first(),
  ).toHaveText(/^\d\.\d\d$/);
  // The colours have a key, in the same bands as the cells.
  await expect(page.getByText("Colour key:")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "4.00 or more" })).toBeVisible();
  await expectNoAxeViolations(page, "trends");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export this view (CSV)" }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(csv.split("\n")[0]).toMatch(
    /^group,dimension,employee mean,manager mean,mean absolute gap,agreement r,r 95% CI low,r 95% CI high,alpha employee,alpha manager,absolute agreement ICC,ICC 95% CI low,ICC 95% CI high,choose again rho employee score,/,
  );
  expect(csv).toContain("Finance,Trust,fewer than 5 people,fewer than 5 people");

  await page.getByRole("link", { name: "Managers' view" }).click();
  await expect(page.getByRole("table", { name: /Managers' view/ })).toBeVisible();
  await page.getByRole("link", { name: "Mean gap" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "1.50 or more (large gap)" })).toBeVisible();
});

test("HR picks a team: a team too small or too close to its department says only 'fewer than 5 people'", async ({ page, signInAs }) => {
  await signInAs("hannah.schmidt@brightwater.example");
  await page.goto("/admin/trends");
  await page.getByRole("link", { name: "Q3 2026 relationship check" }).click();
  await expect(page.getByRole("link", { name: "Q3 2026 relationship check" })).toHaveAttribute("aria-current", "page");

  // Teams are rows of the heatmap too, named after their manager.
  const heatmap = page.getByRole("table", { name: /Reports' view per group and dimension/ });
  await expect(
    heatmap
      .getByRole("row", { name: /\bTeam of Sam Rivera\b/ })
      .getByRole("cell")
      .first(),
  ).toHaveText("fewer than 5 people");
  await expect(
    heatmap
      .getByRole("row", { name: /^Team of Aisha Bello/ })
      .getByRole("cell")
      .first(),
  ).toHaveText(/^\d\.\d\d$/);

  // Sam Rivera's team: 5 reports, inside Engineering; every figure is hidden, with no count.
  const teams = page.getByRole("region", { name: "Teams" });
  await teams.getByLabel("Team", { exact: true }).selectOption({ label: "Team of Sam Rivera" });
  await teams.getByRole("button", { name: "Show team" }).click();
  await expect(page).toHaveURL(/[?&]group=team%3A[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { level: 2, name: "Team of Sam Rivera: Q3 2026 relationship check" })).toBeVisible();
  await expect(teams.getByLabel("Team", { exact: true }).locator("option:checked")).toHaveText("Team of Sam Rivera");
  const detail = page.getByRole("region", { name: "Figures per dimension for Team of Sam Rivera (scrolls sideways)" });
  await expect(
    detail
      .getByRole("row", { name: /^Trust/ })
      .getByRole("cell")
      .first(),
  ).toHaveText("fewer than 5 people");
  for (const label of ["Pairs invited", "Reports who submitted", "Managers who submitted", "Pairs where both submitted"]) {
    await expect(page.locator("dl > div").filter({ hasText: label }).locator("dd")).toHaveText("fewer than 5 people");
  }
  await expectNoAxeViolations(page, "trends with a team picked");

  // Aisha Bello's team: 6 reports show their view; she alone is the managers' side, hidden.
  await teams.getByLabel("Team", { exact: true }).selectOption({ label: "Team of Aisha Bello" });
  await teams.getByRole("button", { name: "Show team" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Team of Aisha Bello: Q3 2026 relationship check" })).toBeVisible();
  const trust = page
    .getByRole("region", { name: "Figures per dimension for Team of Aisha Bello (scrolls sideways)" })
    .getByRole("row", { name: /^Trust/ })
    .getByRole("cell");
  await expect(trust.nth(0)).toHaveText(/^\d\.\d\d$/);
  await expect(trust.nth(1)).toHaveText("fewer than 5 people");
  // The team's trend across cycles, as a table.
  await expect(page.getByRole("heading", { level: 2, name: "Team of Aisha Bello over time" })).toBeVisible();
  await page.getByText("Show as a table").click();
  const trendRows = page.getByRole("table", { name: /for Team of Aisha Bello/ }).getByRole("row", { name: /^Trust/ });
  await expect(trendRows.first()).toContainText("fewer than 5 people");

  // The export holds the teams as the screen shows them.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export this view (CSV)" }).click();
  const csv = await (await (await download).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(csv).toContain("Team of Sam Rivera,Trust,fewer than 5 people,fewer than 5 people");
  expect(csv).toMatch(/\nTeam of Aisha Bello,Trust,\d\.\d\d,fewer than 5 people,/);
});

test("trends fit a phone and a member gets 404", async ({ browser }) => {
  const { signInAs } = await import("./support/auth");
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();
  await signInAs(phone, "hannah.schmidt@brightwater.example");
  await phone.goto("/admin/trends");
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // HR's pages are in one "Admin" menu: the navigation is one row under the logo.
  const nav = phone.getByRole("navigation", { name: "Main" });
  const box = (await nav.boundingBox())!;
  expect(box.height).toBeLessThanOrEqual(48);
  await expect(nav.getByRole("link", { name: "Cycles" })).toBeHidden();
  await nav.getByText("Admin").click();
  await expect(nav.getByRole("link", { name: "Cycles" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Trends" })).toHaveAttribute("aria-current", "page");
  // The open menu stays on the screen.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(phone, "trends at 360 px with the admin menu open");
  await phone.screenshot({ path: "test-results/screenshots/trends-360.png", fullPage: true });
  await nav.getByRole("link", { name: "Cycles" }).click();
  await expect(phone.getByRole("heading", { level: 1, name: "Assessment cycles" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Cycles" })).toBeHidden();
  await phone.screenshot({ path: "test-results/screenshots/cycles-360.png", fullPage: true });
  await expectNoAxeViolations(phone, "trends at 360 px");
  const member = await (await browser.newContext()).newPage();
  await signInAs(member, "lena.fischer@brightwater.example");
  expect((await member.goto("/admin/trends"))?.status()).toBe(404);
});

test("Cycles and Trends give the same participation, in people, under the same labels; no 'k' anywhere", async ({ page, signInAs }) => {
  await signInAs("hannah.schmidt@brightwater.example");
  await page.goto("/admin/cycles");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Q3 2026 relationship check" }) });
  const labels = ["Pairs invited", "Reports who submitted (people)", "Managers who submitted (people, each counted once)", "Pairs where both submitted"];
  const onCycles = [];
  for (const label of labels)
    onCycles.push(
      await card
        .locator("dl > div")
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator("dd")
        .textContent(),
    );
  await expect(page.getByRole("main")).not.toContainText(/\bk\b/);

  await page.goto("/admin/trends");
  await page.getByRole("link", { name: "Q3 2026 relationship check" }).click();
  const onTrends = [];
  for (const label of labels)
    onTrends.push(
      await page
        .locator("dl > div")
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator("dd")
        .first()
        .textContent(),
    );
  expect(onTrends).toEqual(onCycles);
  // A manager answers for each report but counts once: fewer managers than reports.
  expect(Number(onCycles[2])).toBeLessThan(Number(onCycles[1]));
  await expect(page.getByRole("main")).not.toContainText(/\bk\b/);
});
