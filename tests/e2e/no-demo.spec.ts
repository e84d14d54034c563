import { sessionOf } from "./support/auth";
import { expect, test } from "./support/fixtures";
import { NODEMO_URL, people } from "./support/servers";

// Server B (3101): TANDEM_DEMO=0 on the embedded database with SMTP configured. No demo
// organization, no outbox, no "sign in as". Nothing here asks for a sign-in link, so no SMTP
// server needs to listen.

test.use({ baseURL: NODEMO_URL });

test("health check is ok", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", database: "pglite" });
});

test("the outbox does not exist", async ({ page }) => {
  const res = await page.goto("/dev/outbox");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Outbox" })).toHaveCount(0);
});

test("sign-in offers the email form but no demo", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to Tandem" })).toBeVisible();
  await expect(page.getByLabel("Work email")).toBeVisible();
  await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Try the demo" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Sign in as / })).toHaveCount(0);
  await expect(page.getByText(/demo mode/i)).toHaveCount(0);
});

test("the demo credentials endpoint signs nobody in", async ({ page }) => {
  const csrf = await page.request.get("/api/auth/csrf");
  expect(csrf.status()).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await page.request.post("/api/auth/callback/demo", {
    form: { csrfToken, email: people.maya, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(res.status(), "no 5xx from an unknown provider").toBeLessThan(500);
  expect(await sessionOf(page)).toBeNull();
  const cookies = await page.context().cookies(NODEMO_URL);
  expect(cookies.map((c) => c.name)).not.toContain("authjs.session-token");
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("signed out, / redirects to sign-in and the API answers 401", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  const res = await page.request.get("/api/trpc/me.get");
  expect(res.status()).toBe(401);
});
