import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

interface Session {
  user?: { name?: string; email?: string };
  personId?: string;
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

/**
 * Signs the context in as a demo person without the UI: the demo credentials endpoint, as the
 * "Sign in as" buttons use it. The session cookie lands in the context, so every page of it is
 * signed in. Fails loudly if no session with a person results.
 */
export async function signInAs(target: Page | BrowserContext, email: string, baseURL?: string): Promise<Session> {
  const request = requestOf(target);
  const base = baseURL ?? "";
  const csrf = await request.get(`${base}/api/auth/csrf`);
  expect(csrf.status(), "GET /api/auth/csrf").toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post(`${base}/api/auth/callback/demo`, {
    form: { csrfToken, email, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(res.status(), `demo sign-in as ${email} should redirect`).toBe(302);
  const session = await sessionOf(target, baseURL);
  expect(session?.personId, `session after signing in as ${email}: ${JSON.stringify(session)}`).toBeTruthy();
  expect(session?.user?.email).toBe(email);
  return session!;
}
