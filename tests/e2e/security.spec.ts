import { expect, test } from "./support/fixtures";

// Web security headers, and proof that the app works under its own Content-Security-Policy.

test("every page is served with a nonce-based CSP and the protective headers", async ({ request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const policy = first.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain("unsafe-eval");
  const nonce = (h: string | undefined) => /'nonce-([^']+)'/.exec(h ?? "")?.[1];
  expect(nonce(policy)).not.toBe(nonce(second.headers()["content-security-policy"]));
  expect(first.headers()).toMatchObject({
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
  });
  expect(first.headers()["x-powered-by"]).toBeUndefined();
});

test("API answers carry a policy that lets nothing load or run; Auth.js's routes keep the nonce policy", async ({ request }) => {
  for (const path of ["/api/health", "/api/trpc/me.shell"]) {
    const res = await request.get(path);
    expect(res.headers()["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
  }
  const auth = await request.get("/api/auth/csrf");
  expect(auth.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
});

test("the app runs without a single CSP violation, and the session cookie is HttpOnly and SameSite", async ({ page, context }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Refused to execute: CSP ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in as Aisha Bello" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Aisha");
  await page.getByRole("link", { name: "People" }).click();
  await page.getByLabel("Search by name, title, department or email").fill("ben");
  await expect(page.getByText("Ben Carter")).toBeVisible();
  await page.getByRole("link", { name: "Home", exact: true }).click();
  await page.getByRole("link", { name: "Dashboard with Ben Carter" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You and Ben Carter");
  expect(violations).toEqual([]);

  const session = (await context.cookies()).find((c) => c.name.endsWith("tandem.session"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});
