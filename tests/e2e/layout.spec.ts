import type { Page } from "@playwright/test";
import { shoot } from "./support/screenshots";
import { expect, test } from "./support/fixtures";
import { people } from "./support/servers";

// Phone width layout, plus full-page screenshots kept as artifacts (not compared).

const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 800 };

async function horizontalOverflow(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
}

test.describe("at 360 px wide", () => {
  test.use({ viewport: PHONE });

  test("sign-in has no horizontal scroll", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Try the demo" })).toBeVisible();
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await page.getByText("Everyone else (34 people)").click();
    await expect(page.getByRole("button", { name: /^Sign in as Zoe Adams/ })).toBeVisible();
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
  });

  test("home and people have no horizontal scroll", async ({ page, signInAs }) => {
    await signInAs(people.aisha);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Hello, Aisha" })).toBeVisible();
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    // The header still offers navigation and sign out on a phone.
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    await page.goto("/people");
    await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(38);
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
  });
});

for (const [label, viewport] of [
  ["1280", DESKTOP],
  ["360", PHONE],
] as const) {
  test(`screenshots at ${label} px`, async ({ page, signInAs }) => {
    await page.setViewportSize(viewport);
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in to Tandem" })).toBeVisible();
    await shoot(page, `sign-in-${label}`);

    await page.goto("/dev/outbox");
    await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
    await shoot(page, `outbox-${label}`);

    await signInAs(people.aisha);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Hello, Aisha" })).toBeVisible();
    await shoot(page, `home-${label}`);

    await page.goto("/people");
    await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(38);
    await shoot(page, `people-${label}`);
  });
}
