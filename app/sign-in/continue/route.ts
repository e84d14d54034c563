import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { currentSession, sessionCookieName } from "@/server/auth";
import { resolveAuthSecret } from "@/server/auth/secret";
import { handoffCookieName, readHandoff, sessionCookieOptions, usesSecureCookies } from "@/server/auth/session-cookie";
import { continueSignIn, safeNext } from "@/server/auth/sign-in-flow";
import { endSession } from "@/server/auth/sessions";
import { env } from "@/server/env";

// Where every sign-in lands (server/auth/index.ts): the identity Auth.js just proved becomes a
// session for its person, or goes on to choose an organization when it holds several.

function see(location: string) {
  // A relative Location: the browser stays on the host it used.
  return new NextResponse(null, { status: 303, headers: { Location: location } });
}

export async function GET(request: NextRequest) {
  const config = env();
  const secure = usesSecureCookies(config.AUTH_URL, request.headers);
  const next = safeNext(request.nextUrl.searchParams.get("next"));
  const handoff = await readHandoff(request.headers.get("cookie"), resolveAuthSecret(config), secure);
  // Without a hand-off, an already signed-in browser goes on (a server action's redirect can
  // reach this route twice: once as the router's fetch, then as a page load).
  if (!handoff) return see((await currentSession()) ? next : "/sign-in");

  const db = await getDb();
  const result = await continueSignIn(db, handoff);
  if (result.kind === "choose") return see(`/sign-in/choose?next=${encodeURIComponent(next)}`);

  const response = see(result.kind === "session" ? next : "/sign-in?error=NoAccount");
  response.cookies.delete(handoffCookieName(secure));
  if (result.kind === "session") {
    // Signing in again replaces the session this browser had.
    const previous = request.cookies.get(sessionCookieName())?.value;
    if (previous) await endSession(db, previous);
    response.cookies.set(sessionCookieName(), result.token, sessionCookieOptions(sessionCookieName().startsWith("__Host-")));
  }
  return response;
}
