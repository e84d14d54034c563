import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

interface Session {
  user?: { name?: string; email?: string };
  personId?: string;
  orgId?: string;
  method?: string;
}

/** Page and context share one cookie jar through `request`. */
function requestOf(target: Page | BrowserContext): APIRequestContext {
  return target.request;
}

/** The current session of a page's or context's cookies, or null when signed out. */
export async function sessionOf(target: Page | BrowserContext, baseURL?: string): Promise<Session | null> {
  const res = await requestOf(target).get(`${baseURL ?? ""}/api/auth/session`);
  expect(res.status(), "GET /api/auth/session").toBe(200);
  return (await res.json()) as Session | null;
}

/** The id of the demo person with `email`, as the sign-in page's "Sign in as" form carries it. */
export async function demoPersonId(request: APIRequestContext, email: string, base = ""): Promise<string> {
  const html = await (await request.get(`${base}/sign-in`)).text();
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const id = new RegExp(`data-email="${escaped}"[^>]*>[\\s\\S]*?name="personId" value="([0-9a-f-]{36})"`).exec(html)?.[1];
  expect(id, `a "Sign in as" button for ${email} on ${base}/sign-in`).toBeTruthy();
  return id!;
}

/**
 * Signs the context in as a demo person without the UI: the demo credentials endpoint, as the
 * "Sign in as" buttons use it, then /sign-in/continue, which starts the server-side session.
 * The session cookie lands in the context, so every page of it is signed in. Fails loudly if
 * no session with that person results.
 */
export async function signInAs(target: Page | BrowserContext, email: string, baseURL?: string): Promise<Session> {
  const request = requestOf(target);
  const base = baseURL ?? "";
  const personId = await demoPersonId(request, email, base);
  const csrf = await request.get(`${base}/api/auth/csrf`);
  expect(csrf.status(), "GET /api/auth/csrf").toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post(`${base}/api/auth/callback/demo`, {
    form: { csrfToken, personId, callbackUrl: "/sign-in/continue?next=%2F" },
    maxRedirects: 0,
  });
  expect(res.status(), `demo sign-in as ${email} should redirect`).toBe(302);
  const next = await request.get(`${base}/sign-in/continue?next=%2F`, { maxRedirects: 0 });
  expect(next.status(), "/sign-in/continue starts the session").toBe(303);
  expect(next.headers()["location"]).toBe("/");
  const session = await sessionOf(target, baseURL);
  expect(session?.personId, `session after signing in as ${email}: ${JSON.stringify(session)}`).toBeTruthy();
  expect(session?.user?.email).toBe(email);
  return session!;
}
