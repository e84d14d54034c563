import { expect, expectNoAxeViolations, test } from "./support/fixtures";
import { EMPTY_URL, NODEMO_URL, people } from "./support/servers";

// axe on every page in the states people see them. A failure lists rule ids and elements.

test.describe("signed out", () => {
  test("sign-in", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Try the demo" })).toBeVisible();
    await expectNoAxeViolations(page, "/sign-in");
    // With the full demo list open too.
    await page.getByText("Everyone else (34 people)").click();
    await expect(page.getByRole("button", { name: /^Sign in as Zoe Adams/ })).toBeVisible();
    await expectNoAxeViolations(page, "/sign-in with everyone listed");
  });

  test("sign-in with an expired-link error", async ({ page }) => {
    await page.goto("/sign-in?error=Verification");
    await expect(page.getByRole("alert").filter({ hasText: "expired or was already used" })).toBeVisible();
    await expectNoAxeViolations(page, "/sign-in?error=Verification");
  });

  test("sign-in with an invalid address", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Work email").fill("not-an-email");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Enter a valid email address" })).toBeVisible();
    await expectNoAxeViolations(page, "/sign-in with an inline error");
  });

  test("sign-in outside demo mode", async ({ page }) => {
    await page.goto(`${NODEMO_URL}/sign-in`);
    await expect(page.getByLabel("Work email")).toBeVisible();
    await expectNoAxeViolations(page, "/sign-in (not demo)");
  });

  test("check-email", async ({ page }) => {
    await page.goto("/sign-in/check-email");
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expectNoAxeViolations(page, "/sign-in/check-email");
  });

  test("outbox, empty", async ({ page }) => {
    // Server 3105 is never asked for a link, so its outbox is empty whatever runs in parallel.
    await page.goto(`${EMPTY_URL}/dev/outbox`);
    await expect(page.getByText("No emails yet. Ask for a sign-in link and it will appear here.")).toBeVisible();
    await expectNoAxeViolations(page, "/dev/outbox (empty)");
  });

  test("outbox, with mail", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Work email").fill(people.kenji);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page).toHaveURL(/\/sign-in\/check-email$/);
    await page.goto("/dev/outbox");
    await expect(
      page
        .getByRole("article")
        .filter({ hasText: `To ${people.kenji}` })
        .first(),
    ).toBeVisible();
    await expectNoAxeViolations(page, "/dev/outbox (with mail)");
  });

  test("not found", async ({ page }) => {
    // Its scripts carry this request's nonce: nothing is refused by the Content-Security-Policy.
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    const res = await page.goto("/nonexistent");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    // The page's own 404 status is logged as a failed load; nothing else may be (CSP refusals were).
    expect(errors.filter((e) => !e.startsWith("Failed to load resource: the server responded with a status of 404"))).toEqual([]);
    await expectNoAxeViolations(page, "404 page");
    // The icon every browser asks for on a first visit.
    const icon = await page.request.get("/favicon.ico");
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/");
  });
});

test.describe("signed in", () => {
  test("home as a manager who has a manager (Aisha Bello)", async ({ page, signInAs }) => {
    await signInAs(people.aisha);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Hello, Aisha" })).toBeVisible();
    await expectNoAxeViolations(page, "home (Aisha Bello)");
  });

  test("home without a manager (Maya Chen)", async ({ page, signInAs }) => {
    await signInAs(people.maya);
    await page.goto("/");
    await expect(page.getByText("You have no manager in Tandem.")).toBeVisible();
    await expectNoAxeViolations(page, "home (Maya Chen)");
  });

  test("people, listed and with no match", async ({ page, signInAs }) => {
    await signInAs(people.hannah);
    await page.goto("/people");
    await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(38);
    await expectNoAxeViolations(page, "/people");
    await page.getByLabel("Search by name, title, department or email").fill("zzqq");
    await expect(page.getByText("Nobody matches")).toBeVisible();
    await expectNoAxeViolations(page, "/people with no match");
  });

  test("assessment cycles, as HR admin (read only)", async ({ page, signInAs }) => {
    await signInAs(people.hannah);
    await page.goto("/admin/cycles");
    await expect(page.getByRole("heading", { level: 1, name: "Assessment cycles" })).toBeVisible();
    await expectNoAxeViolations(page, "/admin/cycles");
  });

  test("not found while signed in", async ({ page, signInAs }) => {
    await signInAs(people.lena);
    await page.goto("/nonexistent");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expectNoAxeViolations(page, "404 page (signed in)");
  });

  test("not found inside the app: an HR admin opening an owner's page", async ({ page, signInAs }) => {
    await signInAs(people.hannah);
    const res = await page.goto("/admin/settings");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    // One main landmark (the layout's), one logo (the header's), and a way back.
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("banner")).toHaveCount(1);
    await expect(page.locator("svg.size-7")).toHaveCount(1);
    await expect(page.getByRole("main").getByRole("link", { name: "Go home" })).toHaveAttribute("href", "/");
    await expect(page.getByRole("navigation").getByRole("link", { name: "Cycles" }).first()).toBeAttached();
    await expectNoAxeViolations(page, "in-app 404 page");
    await page.screenshot({ path: "test-results/screenshots/not-found-in-app-1280.png", fullPage: true });
    await page.setViewportSize({ width: 360, height: 780 });
    await page.screenshot({ path: "test-results/screenshots/not-found-in-app-360.png", fullPage: true });
  });

  test("agenda templates, with the editor open (HR admin)", async ({ page, signInAs }) => {
    await signInAs(people.hannah);
    await page.goto("/one-on-ones/templates");
    await expect(page.getByRole("heading", { level: 1, name: "Agenda templates" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit Quarterly priorities review" })).toBeVisible();
    await page.getByText("Trust reset", { exact: true }).click();
    await expectNoAxeViolations(page, "/one-on-ones/templates");
    await page.getByRole("button", { name: "New organization template" }).click();
    await expect(page.getByLabel("Section title")).toBeVisible();
    await expectNoAxeViolations(page, "/one-on-ones/templates with the editor");
  });

  test("1:1s overview (Lena Fischer)", async ({ page, signInAs }) => {
    await signInAs(people.lena);
    await page.goto("/one-on-ones");
    await expect(page.getByRole("heading", { level: 1, name: "1:1s" })).toBeVisible();
    await expectNoAxeViolations(page, "/one-on-ones");
  });
});
