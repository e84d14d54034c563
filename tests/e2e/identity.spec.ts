import crypto from "node:crypto";
import net from "node:net";
import postgres from "postgres";
import type { Page } from "@playwright/test";
import { sessionOf } from "./support/auth";
import { expect, expectNoAxeViolations, test } from "./support/fixtures";
import { startIdentityProvider } from "./support/identity-provider";
import { exitWithin, startNext, waitForStatus, type Started } from "./support/processes";
import { tabTo } from "./support/keyboard";
import { ADMIN_URL } from "./support/postgres";
import { NO_EXTERNAL } from "./support/servers";
import { smtpSink } from "./support/smtp-sink";

// Issue 16, "Accounts nobody else can take", in a browser against a real server: not demo mode,
// on Postgres, with real organizations, an SMTP server that receives the sign-in links and a
// real OpenID Connect provider (tests/e2e/support/identity-provider.ts). Each attack of the
// issue is reproduced and must not get in. Every port is a free one picked at the start (the
// fixed 3100–3107 belong to other specs), so no other server can answer in this one's place.

let PORT = 0;
let BASE = "";
let IDP_PORT = 0;
let SMTP_PORT = 0;

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
const DB_NAME = `tandem_e2e_identity_${crypto.randomBytes(4).toString("hex")}`;
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DB_NAME}`;
const AUTH_SECRET = crypto.randomBytes(33).toString("base64");
const noExternal = { ...NO_EXTERNAL, TANDEM_TRUSTED_PROXIES: "" };

const addresses = {
  victim: "vera.victim@north.example",
  scanned: "sid.scanned@north.example",
  flooded: "flo.flooded@north.example",
  linkFirst: "lee.linkfirst@north.example",
  ssoFirst: "fern.first@north.example",
  unverified: "uma.unverified@north.example",
  twoOrgs: "pat.both@shared.example",
  nobody: "nobody@north.example",
};

// `test.describe.configure({ mode: "serial" })`: one server; the last test spends this client's
// per-IP allowance.
test.describe.configure({ mode: "serial" });

let server: Started | undefined;
const smtp = smtpSink();
let idp: Awaited<ReturnType<typeof startIdentityProvider>> | undefined;
let sql: postgres.Sql | undefined;
const { received } = smtp;
const orgs: Record<"north" | "south", string> = { north: "", south: "" };

test.beforeAll(async () => {
  test.setTimeout(150_000);
  [PORT, IDP_PORT, SMTP_PORT] = [await freePort(), await freePort(), await freePort()];
  BASE = `http://localhost:${PORT}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${DB_NAME}`);
  await admin.end({ timeout: 5 });

  await smtp.listen(SMTP_PORT);

  idp = await startIdentityProvider({
    port: IDP_PORT,
    clientId: "tandem",
    clientSecret: "tandem-e2e-secret",
    redirectUri: `${BASE}/api/auth/callback/sso`,
    accounts: {
      fern: { email: addresses.ssoFirst, emailVerified: true, name: "Fern First" },
      // As some providers return it: capitals where Tandem stores none.
      lee: { email: "Lee.Linkfirst@North.example", emailVerified: true, name: "Lee Linkfirst" },
      uma: { email: addresses.unverified, emailVerified: false, name: "Uma Unverified" },
      pat: { email: addresses.twoOrgs, emailVerified: true, name: "Pat Both" },
      nobody: { email: addresses.nobody, emailVerified: true, name: "No Body" },
    },
  });

  server = startNext(PORT, {
    ...noExternal,
    DATABASE_URL,
    AUTH_SECRET,
    TANDEM_DEMO: "0",
    AUTH_URL: BASE,
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: "tandem",
    OIDC_CLIENT_SECRET: "tandem-e2e-secret",
    OIDC_NAME: "Northwind SSO",
  });
  await waitForStatus(server, `${BASE}/api/health`, 200, 90_000);

  // Two real organizations (migrated by the server): the address pat.both is a person in each.
  sql = postgres(DATABASE_URL, { max: 2, onnotice: () => {} });
  const [north] = await sql<{ id: string }[]>`insert into organizations (name, slug) values ('Northwind', 'northwind') returning id`;
  const [south] = await sql<{ id: string }[]>`insert into organizations (name, slug) values ('Southpole', 'southpole') returning id`;
  orgs.north = north!.id;
  orgs.south = south!.id;
  // With a given name, as an import or HR's edit stores it: greetings use it.
  const person = (org: string, email: string, name: string) =>
    sql!`insert into people (org_id, email, name, given_name) values (${org}, ${email}, ${name}, ${name.split(" ")[0]!})`;
  await person(orgs.north, addresses.victim, "Vera Victim");
  await person(orgs.north, addresses.scanned, "Sid Scanned");
  await person(orgs.north, addresses.flooded, "Flo Flooded");
  await person(orgs.north, addresses.linkFirst, "Lee Linkfirst");
  await person(orgs.north, addresses.ssoFirst, "Fern First");
  await person(orgs.north, addresses.unverified, "Uma Unverified");
  await person(orgs.north, addresses.twoOrgs, "Pat North");
  await person(orgs.south, addresses.twoOrgs, "Pat South");
});

test.afterAll(async () => {
  await server?.stop();
  await sql?.end({ timeout: 5 });
  await idp?.close();
  await smtp.close();
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await admin.end({ timeout: 5 });
});

/** The sign-in links mailed to `to` so far, oldest first. */
function linksTo(to: string): string[] {
  return received
    .filter((m) => m.to === to)
    .map((m) => {
      // Quoted-printable soft line breaks ("=\r\n") and "=3D" for "=" in the plain-text part.
      const text = m.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      return /https?:\/\/[^\s"<>]+\/sign-in\/link\?[^\s"<>]+/.exec(text)?.[0] ?? `no link in: ${text.slice(0, 300)}`;
    });
}

async function requestLink(page: Page, email: string) {
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
}

async function signInWithIdp(page: Page, login: string) {
  await page.goto(`${BASE}/sign-in`);
  await page.getByRole("button", { name: "Continue with Northwind SSO" }).click();
  await page.waitForURL((url) => url.port === String(IDP_PORT));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
}

test("finding 2: a link requested with Host and X-Forwarded-Host of an attacker still points at AUTH_URL", async ({ request, page }) => {
  // The attack, as it was done against a running server: the sign-in form posted (without
  // script: the form's own fields) with a forged Host, and X-Forwarded-Host for good measure.
  const html = await (await request.get(`${BASE}/sign-in`)).text();
  const form = /<form[^>]*>((?:(?!<\/form>)[\s\S])*name="email"[\s\S]*?)<\/form>/.exec(html)?.[1] ?? "";
  const fields: Record<string, string> = {};
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g))
    fields[name!] = (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
  expect(
    Object.keys(fields).some((k) => k.startsWith("$ACTION")),
    "the email form's action fields",
  ).toBe(true);
  const before = received.length;
  const res = await request.post(`${BASE}/sign-in`, {
    // No Origin, as curl sends it: Next checks a browser's Origin against the Host.
    headers: { host: "attacker.example", "x-forwarded-host": "attacker.example", "x-forwarded-proto": "https" },
    multipart: { ...fields, email: addresses.victim, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(res.status(), await res.text().catch(() => "")).toBeLessThan(500);
  // Without Tandem's own Origin the action refuses before anything is sent (issue 17's check);
  // were it sent, the link would still be on AUTH_URL. Never on the attacker's host.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(received.length).toBe(before);
  // The same person asking from Tandem's own page gets a link on AUTH_URL.
  await requestLink(page, addresses.victim);
  await expect.poll(() => linksTo(addresses.victim).length, { timeout: 20_000 }).toBeGreaterThan(0);
  for (const link of linksTo(addresses.victim)) {
    expect(link).toMatch(new RegExp(`^${BASE}/sign-in/link\\?`));
    expect(link).not.toContain("attacker.example");
    expect(new URL(link).searchParams.get("callbackUrl")).toBe("/sign-in/continue?next=%2F");
  }
});

test("finding 7: a mail scanner opening the link spends nothing; the person's click signs them in, once", async ({ page, browser }) => {
  await requestLink(page, addresses.scanned);
  await expect.poll(() => linksTo(addresses.scanned).length, { timeout: 20_000 }).toBe(1);
  const [link] = linksTo(addresses.scanned);

  // The scanner: no cookies, follows every link with GET, the page and Auth.js's callback too.
  const scanner = await browser.newContext();
  const opened = await scanner.request.get(link!);
  expect(opened.status()).toBe(200);
  const callback = link!.replace("/sign-in/link?", "/api/auth/callback/email?");
  const direct = await scanner.request.get(callback, { maxRedirects: 0 });
  expect(direct.status()).toBe(303);
  expect(direct.headers()["location"]).toContain("/sign-in/link?");
  // A cross-site POST (a page elsewhere submitting the form) spends nothing either.
  const forged = await scanner.request.post(callback, { headers: { origin: "http://attacker.example" }, maxRedirects: 0 });
  expect(forged.headers()["location"]).toBe("/sign-in?error=Verification");
  await scanner.close();

  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Tandem" })).toBeVisible();
  await expect(page.getByText(`Signing in as ${addresses.scanned}.`)).toBeVisible();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Sid");

  await page.context().clearCookies();
  await page.goto(link!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=Verification$/);
});

test("finding 4: signing out ends the session on the server: the copied cookie no longer works", async ({ page, browser }) => {
  await requestLink(page, addresses.victim);
  await expect.poll(() => linksTo(addresses.victim).length, { timeout: 20_000 }).toBeGreaterThan(1);
  await page.goto(linksTo(addresses.victim).at(-1)!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Vera");
  const cookie = (await page.context().cookies()).find((c) => c.name === "tandem.session");
  expect(cookie?.httpOnly).toBe(true);

  // Someone copied the cookie before she signed out.
  const thief = await browser.newContext();
  await thief.addCookies([cookie!]);
  expect((await sessionOf(thief, BASE))?.user?.email).toBe(addresses.victim);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  expect(await sessionOf(thief, BASE)).toBeNull();
  const res = await thief.request.get(`${BASE}/api/trpc/me.shell`);
  expect(res.status()).toBe(401);
  await thief.close();
});

test("finding 6 and SSO: first sign-in through the identity provider", async ({ page }) => {
  await signInWithIdp(page, "fern");
  await expect(page).toHaveURL(`${BASE}/`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Fern");
  expect(await sessionOf(page, BASE)).toMatchObject({ method: "sso", user: { email: addresses.ssoFirst } });
});

test("SSO: a person who signed in by link before keeps the same identity", async ({ page }) => {
  await requestLink(page, addresses.linkFirst);
  await expect.poll(() => linksTo(addresses.linkFirst).length, { timeout: 20_000 }).toBe(1);
  await page.goto(linksTo(addresses.linkFirst)[0]!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Lee");
  const byLink = await sessionOf(page, BASE);
  await page.getByRole("button", { name: "Sign out" }).click();

  await signInWithIdp(page, "lee");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Lee");
  const bySso = await sessionOf(page, BASE);
  expect(bySso).toMatchObject({ method: "sso", personId: byLink?.personId });
  const identities =
    await sql!`select u.id, a.provider from users u left join accounts a on a.user_id = u.id where u.email = ${addresses.linkFirst} order by a.provider`;
  expect(identities.map((r) => r.provider)).toEqual(["sso"]);
  expect(new Set(identities.map((r) => r.id)).size).toBe(1);
});

test("finding 6: an address the identity provider has not verified is refused, and links nothing", async ({ page }) => {
  await signInWithIdp(page, "uma");
  await expect(page).toHaveURL(/\/sign-in\?error=EmailNotVerified$/);
  await expect(page.getByRole("alert").filter({ hasText: "has not verified that email address" })).toBeVisible();
  expect(await sessionOf(page, BASE)).toBeNull();
  expect(await sql!`select 1 from users where email = ${addresses.unverified}`).toHaveLength(0);
});

test("SSO: an address that belongs to no person is refused", async ({ page }) => {
  await signInWithIdp(page, "nobody");
  await expect(page).toHaveURL(/\/sign-in\?error=NoAccount$/);
  await expect(page.getByRole("alert").filter({ hasText: "There is no Tandem account for that address" })).toBeVisible();
  expect(await sessionOf(page, BASE)).toBeNull();
});

test("findings 1 and 3: an identity in two organizations picks one, switches from the header, each org's person separate", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signInWithIdp(page, "pat");
  await expect(page).toHaveURL(/\/sign-in\/choose\?next=%2F$/);
  await expect(page.getByRole("heading", { level: 1, name: "Choose an organization" })).toBeVisible();
  await expectNoAxeViolations(page, "choose an organization");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // By keyboard: Tab to Southpole and press Enter.
  const south = page.getByRole("button", { name: /^Continue to Southpole/ });
  await tabTo(page, south, 5);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Pat");
  expect(await sessionOf(page, BASE)).toMatchObject({ orgId: orgs.south });
  await expectNoAxeViolations(page, "home with the organization switcher");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The header's switcher, by keyboard.
  const switcher = page.getByRole("banner").getByText("Switch organization");
  await tabTo(page, switcher, 12);
  await page.keyboard.press("Enter");
  const toNorth = page.getByRole("button", { name: "Switch to Northwind" });
  await expect(toNorth).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(toNorth).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: /^Your account: Pat North, Northwind/ })).toBeVisible();
  expect(await sessionOf(page, BASE)).toMatchObject({ orgId: orgs.north, user: { name: "Pat North" } });

  // Another organization's person that is not this identity's: refused as not found.
  const [stranger] = await sql!<{ id: string }[]>`select id from people where email = ${addresses.victim}`;
  const res = await page.request.post(`${BASE}/api/trpc/session.switchOrganization`, {
    headers: { origin: new URL(BASE).origin },
    data: { json: { personId: stranger!.id } },
  });
  expect(res.status()).toBe(404);
  expect(await sessionOf(page, BASE)).toMatchObject({ orgId: orgs.north });
});

test("sign out everywhere: from the account page, every device of the identity is signed out", async ({ page, browser }) => {
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  for (const p of [page, otherPage]) {
    await signInWithIdp(p, "pat");
    await p.getByRole("button", { name: /^Continue to Northwind/ }).click();
    await expect(p.getByRole("heading", { level: 1 })).toHaveText("Hello, Pat");
  }
  await page.setViewportSize({ width: 360, height: 800 });
  await page.getByRole("link", { name: /^Your account/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expectNoAxeViolations(page, "your account");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expect(page.getByRole("button", { name: "Switch to Southpole" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=everywhere$/);
  await expect(page.getByRole("status").filter({ hasText: "You are signed out on every device." })).toBeVisible();
  await otherPage.goto(`${BASE}/`);
  await expect(otherPage).toHaveURL(/\/sign-in$/);
  await other.close();
});

test("finding 5: a flood of link requests keeps the person's link working; a forged X-Forwarded-For does not dodge the per-IP limit", async ({ page }) => {
  await requestLink(page, addresses.nobody);
  await requestLink(page, addresses.flooded);
  await expect.poll(() => linksTo(addresses.flooded).length, { timeout: 20_000 }).toBe(1);
  const [first] = linksTo(addresses.flooded);

  // The flood, each request claiming another client address: the limit still counts one client.
  test.setTimeout(120_000);
  const tooMany = page.getByRole("alert").filter({ hasText: "Too many sign-in links were requested" });
  let refusedAfter = 0;
  for (let i = 1; i <= 30 && refusedAfter === 0; i++) {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}` });
    await page.goto(`${BASE}/sign-in`);
    await page.getByLabel("Work email").fill(addresses.flooded);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" }).or(tooMany)).toBeVisible();
    if (await tooMany.isVisible()) refusedAfter = i;
  }
  expect(refusedAfter, "the per-IP limit (20 per 15 minutes) refused the flood").toBeGreaterThan(0);
  expect(refusedAfter).toBeLessThanOrEqual(20);
  // This client got at most its 5 links for the address; the first one still works.
  await page.waitForTimeout(1_000);
  expect(linksTo(addresses.flooded).length).toBeLessThanOrEqual(5);
  await page.setExtraHTTPHeaders({});
  await page.goto(first!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Flo");
  // Nothing was stored for an unknown address.
  expect(await sql!`select 1 from verification_tokens where identifier = ${addresses.nobody}`).toHaveLength(0);
  expect(await sql!`select 1 from rate_limits where key like ${"%" + addresses.nobody + "%"}`).toHaveLength(0);
  expect(linksTo(addresses.nobody)).toEqual([]);
});

test("finding 1: a demo server refuses a database that holds a real organization; finding 2: outside demo mode, AUTH_URL is required", async () => {
  test.setTimeout(90_000);
  const demo = startNext(await freePort(), { ...noExternal, DATABASE_URL, AUTH_SECRET, TANDEM_DEMO: "1" });
  const noUrl = startNext(await freePort(), { ...noExternal, DATABASE_URL, AUTH_SECRET, TANDEM_DEMO: "0", SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}` });
  try {
    expect(await exitWithin(demo, 60_000), demo.output()).not.toBe(0);
    expect(demo.output()).toContain('TANDEM_DEMO=1 on a database that holds a real organization ("Northwind")');
    expect(await exitWithin(noUrl, 60_000), noUrl.output()).not.toBe(0);
    expect(noUrl.output()).toContain("AUTH_URL is required outside demo mode");
  } finally {
    await demo.stop();
    await noUrl.stop();
  }
  // Nothing was seeded into the real database.
  expect(await sql!`select 1 from organizations where is_demo`).toHaveLength(0);
});
