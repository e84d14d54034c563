import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";
import { startNext, waitForStatus, type Started } from "./support/processes";
import { NO_EXTERNAL, PROJECT_ROOT } from "./support/servers";
import { smtpSink } from "./support/smtp-sink";

// Sign-in links over real SMTP: a local SMTP server receives what Tandem sends when SMTP_URL
// is set, and the link in that email signs the person in. (The demo organization gives us a
// person to sign in as; with SMTP configured the outbox is gone.)

const PORT = 3107;
const SMTP_PORT = 2526;
const BASE = `http://localhost:${PORT}`;
const DATA_DIR = ".data/e2e-smtp";

let server: Started | undefined;
const smtp = smtpSink();
const { received } = smtp;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await smtp.listen(SMTP_PORT);
  rmSync(path.join(PROJECT_ROOT, DATA_DIR), { recursive: true, force: true });
  server = startNext(PORT, {
    ...NO_EXTERNAL,
    TANDEM_DEMO: "1",
    TANDEM_DATA_DIR: DATA_DIR,
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    EMAIL_FROM: "Tandem <tandem@brightwater.example>",
  });
  await waitForStatus(server, `${BASE}/api/health`, 200, 90_000);
});

test.afterAll(async () => {
  await server?.stop();
  await smtp.close();
});

test("a sign-in link sent over SMTP signs the person in; no outbox exists", async ({ page }) => {
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel("Work email").fill("kenji.watanabe@brightwater.example");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Open the outbox" })).toHaveCount(0);
  expect((await page.request.get(`${BASE}/dev/outbox`)).status()).toBe(404);

  await expect.poll(() => received.filter((m) => m.to === "kenji.watanabe@brightwater.example").length, { timeout: 20_000 }).toBe(1);
  const mail = received.find((m) => m.to === "kenji.watanabe@brightwater.example")!;
  expect(mail.raw).toMatch(/^From: Tandem <tandem@brightwater\.example>/m);
  expect(mail.raw).toMatch(/^Subject: Your Tandem sign-in link/m);
  // Quoted-printable soft line breaks ("=\r\n") and "=3D" for "=" in the plain-text part.
  const text = mail.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const link = /http:\/\/localhost:3107\/sign-in\/link\?[^\s"<>]+/.exec(text)?.[0];
  expect(link, "the email holds a sign-in link").toBeTruthy();
  await page.goto(link!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Kenji");
});
