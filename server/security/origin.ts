import { appUrl, env } from "@/server/env";

// Cross-site request forgery (issue 17): the session cookie is SameSite=Lax, which keeps it off
// cross-site POSTs but not off same-site ones — a page on a sibling origin (another subdomain or
// port of the same site) can post a form to Tandem with the victim's cookie. So every request
// that may change something (tRPC mutations, server actions) must carry the app's own Origin.
// Browsers send Origin on every POST, so a missing one is refused too.

/** The address the request was sent to, as Next sees it: the forwarded host, else Host. */
function requestHost(headers: Headers): string | null {
  return headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
}

/**
 * The origin Tandem's own pages are served from: AUTH_URL's when it is set, else the one the
 * request was addressed to (only its host and port are known for sure then: TLS may end at a
 * proxy). The one place that decides it: a required AUTH_URL later changes only this function.
 */
export function expectedOrigin(headers: Headers): { origin: string } | { host: string } | null {
  const configured = env().AUTH_URL;
  if (configured) return { origin: new URL(configured).origin };
  const host = requestHost(headers);
  return host ? { host } : null;
}

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The origin for links that a browser or calendar app opens from what this request returns (the
 * calendar feed's address, the links inside .ics files): AUTH_URL's when it is set; without it
 * (demo mode) the one the request was sent to, so a colleague who opened Tandem at the
 * machine's network address gets links that work for them rather than "localhost". Links in
 * emails never come from here: they are always AUTH_URL's (server/env.ts appUrl).
 */
export function publicOrigin(headers: Headers, requestUrl?: string): string {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = requestHost(headers);
  if (!host || !HOST.test(host)) return appUrl();
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const fromUrl = requestUrl ? new URL(requestUrl).protocol.replace(":", "") : undefined;
  const scheme = forwarded === "https" || forwarded === "http" ? forwarded : fromUrl === "https" ? "https" : "http";
  return `${scheme}://${host.toLowerCase()}`;
}

/** Whether a request that may change something comes from Tandem's own pages. */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  const expected = expectedOrigin(headers);
  if (!origin || origin === "null" || !expected) return false;
  if ("origin" in expected) return origin === expected.origin;
  try {
    return new URL(origin).host === expected.host.toLowerCase();
  } catch {
    return false;
  }
}

export const CROSS_SITE_MESSAGE = "This request came from another site, so Tandem refused it. Open Tandem itself and try again.";
