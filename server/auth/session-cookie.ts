import { getToken } from "next-auth/jwt";
import type { SignInMethod } from "@/db/schema";

// Cookies of signing in: Tandem's session cookie (a random token, looked up in app_sessions),
// and Auth.js's short-lived hand-off cookie (server/auth/index.ts).

export const SESSION_COOKIE_NAMES = { plain: "tandem.session", secure: "__Host-tandem.session" } as const;

/** Attributes of Tandem's session cookie; the server-side row decides how long it is valid. */
export function sessionCookieOptions(secure: boolean) {
  // The cookie outlives the longest a session can stay valid by being used (the row's expiry
  // slides, the cookie is not re-sent): a browser that keeps it only sends a token that the
  // server checks. 400 days is the longest browsers keep a cookie.
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: 400 * 24 * 60 * 60 };
}

/**
 * Whether Auth.js names its cookies `__Secure-…` for a request: the decision it makes, from the
 * protocol of AUTH_URL if configured, else of the proxy's x-forwarded-proto, else https.
 */
export function usesSecureCookies(authUrl: string | undefined, headers: Headers): boolean {
  if (authUrl) return new URL(authUrl).protocol === "https:";
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || "https";
  return proto.replace(/:$/, "") === "https";
}

export function handoffCookieName(secure: boolean): string {
  return secure ? "__Secure-authjs.session-token" : "authjs.session-token";
}

export interface Handoff {
  userId: string;
  method: SignInMethod;
  demoPersonId?: string;
}

/**
 * The identity Auth.js just signed in (its JWT cookie, decrypted with the same salt and expiry
 * check as Auth.js's own session read), or null when there is none, or it is expired, tampered
 * with or encrypted with another secret.
 */
export async function readHandoff(cookieHeader: string | null, secret: string, secureCookie: boolean): Promise<Handoff | null> {
  if (!cookieHeader) return null;
  const token = await getToken({
    req: { headers: { cookie: cookieHeader } },
    secret,
    secureCookie,
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
  });
  if (typeof token?.sub !== "string" || (token.method !== "email" && token.method !== "sso" && token.method !== "demo")) return null;
  return { userId: token.sub, method: token.method, demoPersonId: typeof token.demoPersonId === "string" ? token.demoPersonId : undefined };
}
