import { sessionOf } from "./support/auth";
import { expect, expectNoAxeViolations, test } from "./support/fixtures";
import { tabTo } from "./support/keyboard";
import { AISHA_REPORTS, people } from "./support/servers";

// Sign-in journeys through the real UI on the demo server (3100). Several tests request links,
// so each one picks the outbox entry for its own recipient.

test("magic link: request, open from the outbox, land home, sign out, link is single-use", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to Tandem" })).toBeVisible();
  await page.getByLabel("Work email").fill(people.lena);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();

  await expect(page).toHaveURL(/\/sign-in\/check-email$/);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.getByRole("link", { name: "Open the outbox" }).click();

  await expect(page).toHaveURL(/\/dev\/outbox$/);
  const email = page
    .getByRole("article")
    .filter({ hasText: `To ${people.lena}` })
    .first();
  await expect(email.getByRole("heading", { name: "Your Tandem sign-in link" })).toBeVisible();
  const link = email.getByRole("link", { name: "Sign-in link" });
  const href = await link.getAttribute("href");
  // The link opens a page; only its button spends the token (mail scanners only GET).
  expect(href).toMatch(/^http:\/\/localhost:3100\/sign-in\/link\?/);
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Tandem" })).toBeVisible();
  await expectNoAxeViolations(page, "the sign-in link page");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1, name: "Hello, Lena" })).toBeVisible();
  const manager = page.getByRole("region", { name: "My manager" });
  await expect(manager).toContainText("Sam Rivera");
  await expect(page.getByRole("banner")).toContainText("Lena Fischer");
  expect((await sessionOf(page))?.user?.email).toBe(people.lena);

  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await expect(page.getByRole("status").filter({ hasText: "You are signed out." })).toBeVisible();
  expect(await sessionOf(page)).toBeNull();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);

  // The same link a second time: it worked once, so now it is refused with a clear message.
  await page.goto(href!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=Verification$/);
  await expect(page.getByRole("alert").filter({ hasText: "That sign-in link has expired or was already used" })).toHaveText(
    "That sign-in link has expired or was already used. Ask for a new one below.",
  );
  expect(await sessionOf(page)).toBeNull();
});

test("unknown address gets the same answer and no email", async ({ page }) => {
  const unknown = "nobody@brightwater.example";
  await page.goto("/sign-in");
  await page.getByLabel("Work email").fill(unknown);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page).toHaveURL(/\/sign-in\/check-email$/);
  await expect(page.getByText("If that address belongs to a Tandem account, a sign-in link is on its way.")).toBeVisible();

  await page.getByRole("link", { name: "Open the outbox" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  await expect(page.getByRole("article").filter({ hasText: unknown })).toHaveCount(0);
  expect(await sessionOf(page)).toBeNull();
});

test("an invalid address shows an inline error and keeps what was typed", async ({ page }) => {
  await page.goto("/sign-in");
  const input = page.getByLabel("Work email");
  await input.fill("not-an-email");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();

  const error = page.getByRole("alert").filter({ hasText: "Enter a valid email address" });
  await expect(error).toHaveText("Enter a valid email address, like name@company.com.");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(input).toHaveValue("not-an-email");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveAccessibleDescription("Enter a valid email address, like name@company.com.");
});

test("a bogus sign-in link lands on sign-in with an explanation", async ({ page }) => {
  await page.goto(`/api/auth/callback/email?token=bogus&email=${encodeURIComponent(people.lena)}`);
  // A GET of Auth.js's callback spends nothing: it shows the page with the button.
  await expect(page).toHaveURL(/\/sign-in\/link\?token=bogus/);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=Verification$/);
  await expect(page.getByRole("alert").filter({ hasText: "That sign-in link has expired or was already used" })).toHaveText(
    "That sign-in link has expired or was already used. Ask for a new one below.",
  );
  // The form to ask for a new one is right there.
  await expect(page.getByLabel("Work email")).toBeVisible();
  expect(await sessionOf(page)).toBeNull();
});

test("demo: sign in as Aisha Bello from the sign-in page", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Try the demo" })).toBeVisible();
  await page.getByRole("button", { name: /^Sign in as Aisha Bello/ }).click();

  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1, name: "Hello, Aisha" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Aisha Bello");
  await expect(page.getByRole("region", { name: "My manager" })).toContainText("Daniel Okafor");
  const reports = page.getByRole("region", { name: /^My reports/ });
  await expect(reports.getByRole("heading", { name: /^My reports\s*\(6\)$/ })).toBeVisible();
  await expect(reports.getByRole("listitem")).toHaveCount(6);
  for (const name of AISHA_REPORTS) await expect(reports.getByRole("listitem").filter({ hasText: name })).toHaveCount(1);
});

test("demo: 'Everyone else' opens by keyboard and lists the other 34 people", async ({ page }) => {
  await page.goto("/sign-in");
  const summary = page.getByText("Everyone else (34 people)");
  const hidden = page.getByRole("button", { name: /^Sign in as Zoe Adams/ });
  await expect(hidden).toBeHidden();
  await expect(page.getByRole("button", { name: /^Sign in as / })).toHaveCount(4);

  // Email field, its button, the 4 featured people, then the summary.
  expect(await tabTo(page, summary, 10)).toBe(7);
  await page.keyboard.press("Enter");
  await expect(page.locator("details")).toHaveAttribute("open", "");
  await expect(hidden).toBeVisible();
  // 4 featured people plus 34 others.
  await expect(page.getByRole("button", { name: /^Sign in as / })).toHaveCount(38);

  await page.keyboard.press("Space");
  await expect(page.locator("details")).not.toHaveAttribute("open", "");
  await expect(hidden).toBeHidden();
});
