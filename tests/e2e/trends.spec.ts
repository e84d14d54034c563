import { expect, expectNoAxeViolations, test } from "./support/fixtures";

test("HR sees anonymized trends: small groups say only 'fewer than k responses'; export matches", async ({ page, signInAs }) => {
  await signInAs("hannah.schmidt@brightwater.example");
  await page.goto("/");
  await page.getByRole("link", { name: "Trends" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trends");
  // Other specs may open newer, smaller cycles; the seeded quarter is the one with data.
  await page.getByRole("link", { name: "Q3 2026 relationship check" }).click();
  await expect(page.getByRole("link", { name: "Q3 2026 relationship check" })).toHaveAttribute("aria-current", "page");
  const heatmap = page.getByRole("table", { name: /Reports' view per group and dimension/ });
  await expect(heatmap.getByRole("row", { name: /^Finance/ }).getByRole("cell").first()).toHaveText("fewer than k responses");
  await expect(heatmap.getByRole("row", { name: /^Brightwater Analytics/ }).getByRole("cell").first()).toHaveText(/^\d\.\d\d$/);
  await expectNoAxeViolations(page, "trends");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export this view (CSV)" }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(csv.split("\n")[0]).toBe("group,dimension,employee mean,manager mean,mean absolute gap,agreement r,r 95% CI low,r 95% CI high,alpha employee,alpha manager");
  expect(csv).toContain("Finance,Trust,fewer than k responses,fewer than k responses");

  await page.getByRole("link", { name: "Managers' view" }).click();
  await expect(page.getByRole("table", { name: /Managers' view/ })).toBeVisible();
});

test("trends fit a phone and a member gets 404", async ({ browser }) => {
  const { signInAs } = await import("./support/auth");
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();
  await signInAs(phone, "hannah.schmidt@brightwater.example");
  await phone.goto("/admin/trends");
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(phone, "trends at 360 px");
  const member = await (await browser.newContext()).newPage();
  await signInAs(member, "lena.fischer@brightwater.example");
  expect((await member.goto("/admin/trends"))?.status()).toBe(404);
});
