import { sessionOf } from "./support/auth";
import { expect, test } from "./support/fixtures";
import { people } from "./support/servers";

// What a signed-out visitor can and cannot reach on the demo server, and the health check.

for (const path of ["/", "/people"]) {
  test(`signed out, ${path} redirects to sign-in`, async ({ page }) => {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { name: "Sign in to Tandem" })).toBeVisible();
  });
}

test("signed out, the tRPC API answers 401", async ({ request }) => {
  const res = await request.get("/api/trpc/me.get");
  expect(res.status()).toBe(401);
  const body = await res.json();
  expect(body.error.json.data.code).toBe("UNAUTHORIZED");
  expect(JSON.stringify(body)).not.toContain(people.maya);
});

test("signed in, the tRPC API answers with the person", async ({ page, signInAs }) => {
  await signInAs(people.hannah);
  const res = await page.request.get("/api/trpc/me.get");
  expect(res.status()).toBe(200);
  expect(JSON.stringify(await res.json())).toContain("Hannah Schmidt");
});

test("health check reports the embedded database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", database: "pglite" });
  expect(res.headers()["cache-control"]).toContain("no-store");
});

test("a signed-in person visiting /sign-in is sent home", async ({ page, signInAs }) => {
  await signInAs(people.maya);
  await page.goto("/sign-in");
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1, name: "Hello, Maya" })).toBeVisible();
});

test("the demo endpoint refuses someone outside the demo organization", async ({ page }) => {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  await page.request.post("/api/auth/callback/demo", { form: { csrfToken, email: "intruder@example.com", callbackUrl: "/" } });
  expect(await sessionOf(page)).toBeNull();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("unknown pages show the not-found page", async ({ page }) => {
  const res = await page.goto("/nonexistent");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go home" })).toHaveAttribute("href", "/");
});
