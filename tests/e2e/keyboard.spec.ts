import { expect, test } from "./support/fixtures";
import { focusedName, tabTo } from "./support/keyboard";
import { people } from "./support/servers";

// Everything reachable and usable with the keyboard alone.

test("sign in as Maya Chen with Tab and Enter only", async ({ page }) => {
  await page.goto("/sign-in");
  const maya = page.getByRole("button", { name: /^Sign in as Maya Chen/ });
  // Email field, its button, then the first demo person.
  const presses = await tabTo(page, maya, 6);
  expect(presses).toBe(3);
  await expect(maya).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1, name: "Hello, Maya" })).toBeVisible();
});

test("home: skip link comes first, then the header controls", async ({ page, signInAs }) => {
  await signInAs(people.aisha);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Hello, Aisha" })).toBeVisible();

  const order: string[] = [];
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press("Tab");
    order.push(await focusedName(page));
  }
  expect(order).toEqual(["Skip to content", "Tandem home", "Home", "1:1s", "People", "Your account: Aisha Bello, Brightwater Analytics", "Sign out"]);
});

test("home: the skip link becomes visible on focus and skips the header", async ({ page, signInAs }) => {
  await signInAs(people.aisha);
  await page.goto("/");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await page.keyboard.press("Tab");
  await expect(skip).toBeFocused();
  // sr-only until focused: a 1px box would mean sighted keyboard users cannot see it.
  const box = await skip.boundingBox();
  expect(box?.width).toBeGreaterThan(40);
  expect(box?.height).toBeGreaterThan(20);

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await expect(page.locator("main#main")).toBeInViewport();
  // Focus no longer sits on the skip link or in the header.
  await expect(skip).not.toBeFocused();
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("header")))).toBe(false);
});

test("people: after the skip link, the next Tab lands in the search box", async ({ page, signInAs }) => {
  await signInAs(people.aisha);
  await page.goto("/people");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  const search = page.getByLabel("Search by name, title, department or email");
  await expect(search).toBeFocused();
  await page.keyboard.type("sofia");
  await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(1);
});

test("the header's Sign out works from the keyboard", async ({ page, signInAs }) => {
  await signInAs(people.aisha);
  await page.goto("/");
  const signOut = page.getByRole("button", { name: "Sign out" });
  await tabTo(page, signOut, 7);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await expect(page.getByRole("status").filter({ hasText: "You are signed out." })).toBeVisible();
});
