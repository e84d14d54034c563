import { env } from "@/server/env";

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
