import http from "node:http";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DEMO_URL } from "./support/servers";

// Requests that can't be abused (issue 17), over real HTTP against the production build:
// cross-site request forgery from a sibling origin, bodies and batches without limits. Each
// test is the attack as it was found, and the answer it must now get.

// A sibling origin: another port of localhost is the same *site* (SameSite=Lax cookies go along
// with its form posts), not the same origin. The page is made up by Playwright, not served.
const SIBLING = "http://localhost:3199";
const grace = "grace.liu@brightwater.example";

/** A tRPC mutation as the app's own pages send it (JSON, its own Origin). */
async function mutate(request: APIRequestContext, path: string, input: unknown = null) {
  return request.post(`${DEMO_URL}/api/trpc/${path}`, {
    headers: { origin: DEMO_URL, "content-type": "application/json" },
    data: JSON.stringify({ json: input }),
  });
}

test("a form on a sibling origin can't revoke a victim's calendar feed (CSRF)", async ({ page, signInAs }) => {
  await signInAs(grace);
  const turnedOn = await mutate(page.request, "meetings.regenerateCalendarToken");
  expect(turnedOn.status(), await turnedOn.text()).toBe(200);
  const { result } = (await turnedOn.json()) as { result: { data: { json: { token: string } } } };
  const feed = `${DEMO_URL}/api/calendar/${result.data.json.token}`;
  expect((await page.request.get(feed)).status()).toBe(200);

  // The attacker's page: a multipart form (a "simple" request: no preflight) that posts itself.
  await page.route(`${SIBLING}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><form method="post" enctype="multipart/form-data" action="${DEMO_URL}/api/trpc/meetings.revokeCalendarToken"><input name="x" value="1"></form><script>document.forms[0].submit()</script>`,
    }),
  );
  const answered = page.waitForResponse((r) => r.url().startsWith(`${DEMO_URL}/api/trpc/meetings.revokeCalendarToken`));
  await page.goto(`${SIBLING}/prize`);
  const res = await answered;
  expect(res.status()).toBe(403);
  expect((await page.request.get(feed)).status(), "the feed still works").toBe(200);
});

test("tRPC refuses a mutation from another origin, without an Origin, or not in JSON", async ({ page, signInAs }) => {
  await signInAs(grace);
  const url = `${DEMO_URL}/api/trpc/meetings.revokeCalendarToken`;
  const json = JSON.stringify({ json: null });
  const foreign = await page.request.post(url, { headers: { origin: SIBLING, "content-type": "application/json" }, data: json });
  expect(foreign.status()).toBe(403);
  expect(await foreign.text()).toContain("came from another site");
  const missing = await page.request.post(url, { headers: { "content-type": "application/json" }, data: json });
  expect(missing.status()).toBe(403);
  for (const type of ["multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/plain", "application/octet-stream"]) {
    const res = await page.request.post(url, { headers: { origin: DEMO_URL, "content-type": type }, data: "x=1" });
    expect(res.status(), type).toBe(415);
  }
  // The app's own JSON mutation still works.
  expect((await mutate(page.request, "me.shell")).status(), "a query is not a mutation").toBe(405);
});

/**
 * Sends a POST whose headers announce `announced` bytes (or chunked, when null), writing the body
 * in 64 KiB pieces until the server answers or `maxBytes` are written. Resolves with the answer
 * and how much of the body was written by then.
 */
type StreamPostOptions = { announced: number | null; maxBytes: number; headers?: Record<string, string> };

/**
 * A server that answers before reading the whole body closes the connection after its answer.
 * A write still in flight then fails (EPIPE, ECONNRESET), and Node may drop the answer that
 * arrived just before: that is the client's race, not the server's reply, so it is tried again.
 */
async function streamPost(path: string, options: StreamPostOptions) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await streamPostOnce(path, options);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt >= 3 || (code !== "EPIPE" && code !== "ECONNRESET")) throw err;
    }
  }
}

function streamPostOnce(path: string, options: StreamPostOptions) {
  return new Promise<{ status: number; body: string; written: number }>((resolve, reject) => {
    const target = new URL(path, DEMO_URL);
    let written = 0;
    let answered = false;
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: "POST",
        headers: {
          origin: DEMO_URL,
          "content-type": "application/json",
          ...(options.announced === null ? { "transfer-encoding": "chunked" } : { "content-length": String(options.announced) }),
          ...options.headers,
        },
      },
      (res) => {
        answered = true;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, written });
        });
      },
    );
    req.on("error", (err) => (answered ? undefined : reject(err)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && written < options.maxBytes) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
    };
    pump();
  });
}

test("a body over 1 MB is refused with 413 before it is read: announced, or streamed without a length", async () => {
  const path = "/api/trpc/meetings.savePrivateNote";
  // 150 MB announced, a little sent: the answer comes at once, from the Content-Length alone.
  const announced = await streamPost(path, { announced: 150 * 1024 * 1024, maxBytes: 150 * 1024 * 1024 });
  expect(announced.status).toBe(413);
  expect(announced.body).toContain("larger than 1 MB");
  expect(announced.written, "answered long before the 150 MB were sent").toBeLessThan(32 * 1024 * 1024);
  // Chunked, no length: the server counts as it reads and stops soon after 1 MB.
  const streamed = await streamPost(path, { announced: null, maxBytes: 150 * 1024 * 1024 });
  expect(streamed.status).toBe(413);
  expect(streamed.written).toBeLessThan(32 * 1024 * 1024);
});

test("a batch of more than 20 calls is refused with 413 before any runs", async ({ page, signInAs }) => {
  await signInAs(grace);
  const paths = (n: number) => Array.from({ length: n }, () => "me.shell").join(",");
  const inputs = (n: number) => encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: null }]))));
  const ok = await page.request.get(`${DEMO_URL}/api/trpc/${paths(20)}?batch=1&input=${inputs(20)}`);
  expect(ok.status()).toBe(200);
  const started = Date.now();
  const big = await page.request.get(`${DEMO_URL}/api/trpc/${paths(21)}?batch=1&input=${inputs(21)}`);
  expect(big.status()).toBe(413);
  expect(await big.text()).toContain("at most 20");
  // The batch of the finding: 2,000 calls in one POST (about as long a URL as Node accepts).
  const huge = await page.request.post(`${DEMO_URL}/api/trpc/${Array.from({ length: 2000 }, () => "me.get").join(",")}?batch=1`, {
    headers: { origin: DEMO_URL, "content-type": "application/json" },
    data: "{}",
  });
  expect(huge.status()).toBe(413);
  expect(Date.now() - started).toBeLessThan(5_000);
});

test("server actions refuse another origin, a missing Origin and a body over 1 MB", async ({ page, signInAs }) => {
  await signInAs(grace);
  const signedIn = async () => ((await (await page.request.get(`${DEMO_URL}/api/auth/session`)).json()) as { personId?: string } | null)?.personId;
  expect(await signedIn()).toBeTruthy();
  // The header's "Sign out" is a server action; its id is in the form, for use without JavaScript.
  const html = await (await page.request.get(`${DEMO_URL}/`)).text();
  const id = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(html)?.[1];
  expect(id, "the sign-out form names its action").toBeTruthy();

  // A sibling origin's page posts the same form (no JavaScript needed, cookies go along).
  await page.route(`${SIBLING}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><form method="post" enctype="multipart/form-data" action="${DEMO_URL}/"><input type="hidden" name="$ACTION_ID_${id}" value=""></form><script>document.forms[0].submit()</script>`,
    }),
  );
  const answered = page.waitForResponse((r) => r.url() === `${DEMO_URL}/` && r.request().method() === "POST");
  await page.goto(`${SIBLING}/prize`);
  expect((await answered).status()).toBeGreaterThanOrEqual(400);
  expect(await signedIn(), "still signed in after the sibling's form").toBeTruthy();

  // Without an Origin (Next lets that through): the action itself refuses.
  const action = { "next-action": id!, "content-type": "text/plain;charset=UTF-8" };
  await page.request.post(`${DEMO_URL}/`, { headers: action, data: "[]", maxRedirects: 0 });
  expect(await signedIn(), "still signed in after a post without Origin").toBeTruthy();

  // serverActions.bodySizeLimit stops reading at 1 MB. Next answered 500 there ("Body exceeded
  // 1mb limit"); Tandem's patch to it (scripts/patches/next-action-413.mjs) answers 413 with a
  // sentence. The same for a form posted without JavaScript (multipart). No action of Tandem's
  // takes free text, so no page can send that much: these are requests made by hand.
  const multipart = { "content-type": "multipart/form-data; boundary=tandem", origin: DEMO_URL };
  for (const [announced, headers] of [
    [150 * 1024 * 1024, action],
    [null, action],
    [null, multipart],
  ] as const) {
    const big = await streamPost("/", { announced, maxBytes: 150 * 1024 * 1024, headers });
    expect(big.written, `answered long before 150 MB were sent (${announced ?? "chunked"})`).toBeLessThan(32 * 1024 * 1024);
    expect(big.status).toBe(413);
    expect(big.body).toContain("larger than 1 MB, the most Tandem accepts");
  }
  expect(await signedIn()).toBeTruthy();
});

test("Auth.js's endpoints refuse a body over 64 KB", async () => {
  const big = await streamPost("/api/auth/signin/email", {
    announced: 150 * 1024 * 1024,
    maxBytes: 150 * 1024 * 1024,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(big.status).toBe(413);
  const streamed = await streamPost("/api/auth/signin/email", {
    announced: null,
    maxBytes: 150 * 1024 * 1024,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(streamed.status).toBe(413);
  expect(streamed.written).toBeLessThan(32 * 1024 * 1024);
});

test("a note too long to save says so, and keeps the text in the field and on this device", async ({ page, signInAs }) => {
  test.setTimeout(60_000);
  const session = await (async () => {
    await signInAs(grace);
    return (await (await page.request.get(`${DEMO_URL}/api/auth/session`)).json()) as { personId: string };
  })();
  await page.goto("/");
  await page
    .getByRole("link", { name: /^Set one up with / })
    .first()
    .click();
  await page.getByRole("button", { name: "Set up our 1:1" }).click();
  await page.getByRole("region", { name: "Coming up" }).getByRole("listitem").first().getByRole("link").click();
  const note = page.getByLabel(/^Private notes/);
  await expect(note).toBeVisible();
  const meetingId = new URL(page.url()).pathname.split("/").at(-1)!;
  const key = `tandem:private-note:${meetingId}:${session.personId}`;
  const status = page.locator("[data-save-status]").last();

  // Over 1 MB (only a restored draft can be: the field takes 50,000 characters): the server
  // refuses the request with 413, and the page says why instead of retrying for ever.
  const huge = `${"x".repeat(1_100_000)}END`;
  await page.evaluate(([k, v]) => window.localStorage.setItem(k!, v!), [key, huge]);
  await page.reload();
  await expect(status).toHaveText(
    "Not saved: these notes are too long for Tandem to accept. Shorten them: your text stays here and on this device until it is saved.",
  );
  await expect(status).toHaveAttribute("data-save-status", "refused");
  expect(await note.inputValue()).toBe(huge);
  expect(await page.evaluate((k) => window.localStorage.getItem(k), key)).toBe(huge);

  // Over the 50,000 characters a note may hold, under 1 MB: the server's own words.
  const long = "y".repeat(60_000);
  await page.evaluate(([k, v]) => window.localStorage.setItem(k!, v!), [key, long]);
  await page.reload();
  await expect(status).toHaveText("Not saved: Your private note can be at most 50000 characters.");
  expect(await note.inputValue()).toBe(long);
  expect(await page.evaluate((k) => window.localStorage.getItem(k), key)).toBe(long);

  // Shortened, it saves, and the device's copy is dropped.
  await note.fill("short enough");
  await expect(status).toHaveText(/^Saved at /);
  expect(await page.evaluate((k) => window.localStorage.getItem(k), key)).toBeNull();
});
