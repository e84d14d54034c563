import { expect, expectNoAxeViolations, test } from "./support/fixtures";

test("the owner sets the minimum group size and sees it in the audit log; others get 404", async ({ page, signInAs, browser }) => {
  await signInAs("maya.chen@brightwater.example");
  await page.goto("/");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
  await expectNoAxeViolations(page, "settings");

  const k = page.getByLabel("Minimum group size (people)");
  // Out of range: the field says so and nothing is saved (the server refuses it too: see
  // tests/integration/org-settings.test.ts).
  await k.fill("11");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  expect(await k.evaluate((el: HTMLInputElement) => el.validity.rangeOverflow)).toBe(true);
  await expect(page.getByText(/^Saved\./)).toHaveCount(0);
  await k.fill("6");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved. New cycles use a minimum group size of 6.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Maya Chen changed a setting: minimum group size 5 → 6" })).toBeVisible();
  // Put it back for the other specs.
  await k.fill("5");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved. New cycles use a minimum group size of 5.")).toBeVisible();

  const context = await browser.newContext();
  const hr = await context.newPage();
  const { signInAs: signIn } = await import("./support/auth");
  await signIn(hr, "hannah.schmidt@brightwater.example");
  expect((await hr.goto("/admin/settings"))?.status()).toBe(404);
  await expect(hr.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await context.close();
});
