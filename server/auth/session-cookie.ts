import { getToken } from "next-auth/jwt";

// Reading the session cookie Auth.js set at sign-in, without Auth.js's request machinery
// (server/auth/index.ts, currentPersonId).

/**
 * Whether Auth.js names its cookies `__Secure-…` for a request: the decision its `auth()` makes,
 * from the protocol of AUTH_URL if configured, else of the proxy's x-forwarded-proto, else https.
 */
export function usesSecureCookies(authUrl: string | undefined, headers: Headers): boolean {
  if (authUrl) return new URL(authUrl).protocol === "https:";
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || "https";
  return proto.replace(/:$/, "") === "https";
}

/**
 * The person id in a request's session cookie, or null when there is none, or it is expired,
 * tampered with, encrypted with another secret, or set under the other cookie name. The same
 * decryption, salt and expiry check (15 s of clock tolerance) as Auth.js's own session read.
 */
export async function sessionPersonId(cookieHeader: string | null, secret: string, secureCookie: boolean): Promise<string | null> {
  if (!cookieHeader) return null;
  // Only the cookie: Auth.js's `auth()` never takes a session from an Authorization header.
  const token = await getToken({ req: { headers: { cookie: cookieHeader } }, secret, secureCookie, logger: { error: () => {}, warn: () => {}, debug: () => {} } });
  return typeof token?.personId === "string" ? token.personId : null;
}
