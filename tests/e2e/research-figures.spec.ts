import { expect, expectNoAxeViolations, test } from "./support/fixtures";

// Issue 20 on the demo organization: the pair's balance quadrant and how each read the other
// (Aisha Bello and Ben Carter), and HR's absolute agreement, quadrant shares, reading means and
// "what matters most" for the organization of the seeded Q3 cycle (33 complete pairs).

const QUADRANTS = ["Balanced high", "Balanced low", "Report rates higher", "Manager rates higher"];

test("Aisha and Ben each see their quadrant and the same two readings, from their own side", async ({ page, signInAs, browser }) => {
  await signInAs("aisha.bello@brightwater.example");
  await page.goto("/");
  await page.getByRole("link", { name: "Dashboard with Ben Carter" }).click();
  const section = page.getByRole("region", { name: "Balance and reading each other" });
  await expect(section).toBeVisible();
  const quadrant = await section.locator("[data-quadrant]").first().textContent();
  expect(QUADRANTS).toContain(quadrant);
  await expect(section.getByText("For your 1:1:")).toBeVisible();
  // The table says what the chart shows: both overall ratings, high or low.
  const table = section.getByRole("table", { name: "Overall ratings and the quadrant they place you in" });
  await expect(table.getByRole("row")).toHaveCount(3);
  const levels = await table.locator("tbody tr td:nth-child(3)").allTextContents();
  const [aishaLevel, benLevel] = levels;
  const expected =
    aishaLevel === "High" ? (benLevel === "High" ? "Balanced high" : "Manager rates higher") : benLevel === "High" ? "Report rates higher" : "Balanced low";
  expect(quadrant).toBe(expected);

  const mine = (await section.locator('[data-reading="mine"]').textContent()) ?? "";
  const theirs = (await section.locator('[data-reading="theirs"]').textContent()) ?? "";
  const aishaRead = /^You read Ben within half a point on (\d) of (\d) dimensions; your predictions missed by ([\d.]+) on average\.$/.exec(mine);
  const benRead = /^Ben read you within half a point on (\d) of (\d) dimensions, missing by ([\d.]+) on average\.$/.exec(theirs);
  expect(aishaRead, mine).not.toBeNull();
  expect(benRead, theirs).not.toBeNull();
  await expectNoAxeViolations(page, "pair dashboard with balance");
  await section.screenshot({ path: "test-results/screenshots/balance-1280.png" });

  // By keyboard: the note on how it is computed opens from its summary.
  const note = section.getByText("How this is computed");
  await note.focus();
  await page.keyboard.press("Enter");
  await expect(section.getByText(/Cogliser, Schriesheim, Scandura/)).toBeVisible();

  // Ben, on a phone: the same quadrant, and the two readings the other way round.
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const phone = await context.newPage();
  const { signInAs: signIn } = await import("./support/auth");
  await signIn(phone, "ben.carter@brightwater.example");
  await phone.goto("/");
  await phone.getByRole("link", { name: "Dashboard with Aisha Bello" }).click();
  const his = phone.getByRole("region", { name: "Balance and reading each other" });
  await expect(his.locator("[data-quadrant]").first()).toHaveText(quadrant!);
  await expect(his.locator('[data-reading="mine"]')).toHaveText(
    `You read Aisha within half a point on ${benRead![1]} of ${benRead![2]} dimensions; your predictions missed by ${benRead![3]} on average.`,
  );
  await expect(his.locator('[data-reading="theirs"]')).toHaveText(
    `Aisha read you within half a point on ${aishaRead![1]} of ${aishaRead![2]} dimensions, missing by ${aishaRead![3]} on average.`,
  );
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(phone, "pair dashboard with balance at 360 px");
  await his.screenshot({ path: "test-results/screenshots/balance-360.png" });
  await context.close();
});

test("HR sees absolute agreement, quadrant shares, readings and what matters most, each explained; a small team shows none of them", async ({
  page,
  signInAs,
  browser,
}) => {
  await signInAs("hannah.schmidt@brightwater.example");
  await page.goto("/admin/trends");
  await page.getByRole("link", { name: "Q3 2026 relationship check" }).click();
  await expect(page.getByRole("link", { name: "Q3 2026 relationship check" })).toHaveAttribute("aria-current", "page");
  const section = page.getByRole("region", { name: /^Agreement, balance and what matters: Brightwater Analytics/ });
  await expect(section).toBeVisible();

  const agreement = section.getByRole("table", { name: /^Same order, or the same scores\?/ });
  await expect(
    agreement
      .getByRole("row", { name: /^Trust/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText(/^-?\d\.\d\d \(-?\d\.\d\d to -?\d\.\d\d\)$/);

  const shares = section.getByRole("table", { name: "Share of pairs per balance quadrant" });
  const percents = (await shares.locator("tbody td").allTextContents()).map((t) => Number(t.replace("%", "")));
  expect(percents).toHaveLength(4);
  // Rounded shares of one whole.
  expect(Math.abs(percents.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(2);

  const reading = section.getByRole("table", { name: /Prediction accuracy and assumed similarity per side/ });
  await expect(
    reading
      .getByRole("row", { name: /^Reports reading managers/ })
      .getByRole("cell")
      .first(),
  ).toHaveText(/^\d\.\d\d$/);

  for (const side of ["reports", "managers"]) {
    const card = section
      .locator("div")
      .filter({ has: page.getByRole("heading", { name: `What matters most for ${side} here` }) })
      .last();
    await expect(card.getByRole("listitem")).toHaveCount(3);
    await expect(card.getByRole("listitem").first()).toHaveText(/: ρ = -?\d\.\d\d \(-?\d\.\d\d to -?\d\.\d\d\)$/);
    await expect(card.getByText("An association across pairs, not a cause")).toBeVisible();
  }
  await section.getByText("How these are computed").click();
  await expect(section.getByText(/Bonett & Wright/)).toBeVisible();
  await expectNoAxeViolations(page, "trends with issue 20's figures");
  await section.screenshot({ path: "test-results/screenshots/research-1280.png" });

  // Aisha Bello's team has one manager: no figure that reports the managers' side, nor any pair figure.
  const teams = page.getByRole("region", { name: "Teams" });
  await teams.getByLabel("Team", { exact: true }).selectOption({ label: "Team of Aisha Bello" });
  await teams.getByRole("button", { name: "Show team" }).click();
  const team = page.getByRole("region", { name: /^Agreement, balance and what matters: Team of Aisha Bello/ });
  await expect(
    team
      .getByRole("table", { name: /Same order/ })
      .getByRole("row", { name: /^Trust/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("fewer than 5 people");
  await expect(team.getByText("fewer than 5 people").first()).toBeVisible();
  await expect(team.getByText(/^Not shown: fewer than 5 people, or fewer than 32 pairs/)).toHaveCount(2);

  const phone = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();
  const { signInAs: signIn } = await import("./support/auth");
  await signIn(phone, "hannah.schmidt@brightwater.example");
  await phone.goto(page.url().replace(/group=[^&]+/, ""));
  const small = phone.getByRole("region", { name: /^Agreement, balance and what matters/ });
  await expect(small).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await small.screenshot({ path: "test-results/screenshots/research-360.png" });
  await phone.context().close();
});
