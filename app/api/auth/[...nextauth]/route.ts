import { NextRequest, NextResponse } from "next/server";
import { handlers } from "@/server/auth";
import { sessionJson, signOutResponse } from "@/server/auth/route-guards";
import { appUrl, env } from "@/server/env";
import { AUTH_BODY_LIMIT_BYTES, readBodyWithin, tooLargeMessage } from "@/server/http/limits";

// Auth.js's endpoints, with what Tandem does differently:
// - GET session answers Tandem's server-side session (server/auth/index.ts), not Auth.js's hand-off;
// - POST signout ends the server-side session;
// - a GET of the email callback never spends a sign-in link: it shows the page with the button
//   (app/sign-in/link), whose POST does, and only from Tandem's own pages (Origin);
// - links are asked for only through the sign-in page's action (its rate limits come first).

function action(request: NextRequest): string {
  return request.nextUrl.pathname.replace(/^\/api\/auth\/?/, "").replace(/\/$/, "");
}

/** A POST from Tandem's own page: its Origin is AUTH_URL's (in demo mode without AUTH_URL, the host's own). */
function fromOwnPage(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin === new URL(appUrl()).origin) return true;
  const host = request.headers.get("host");
  return !env().AUTH_URL && host !== null && (origin === `http://${host}` || origin === `https://${host}`);
}

export async function GET(request: NextRequest) {
  const what = action(request);
  if (what === "session") return sessionJson();
  if (what === "callback/email") return new NextResponse(null, { status: 303, headers: { Location: `/sign-in/link${request.nextUrl.search}` } });
  return handlers.GET(request);
}

/** Auth.js reads its form whole: capped first (an email address and a token are a few hundred bytes). */
export async function POST(original: NextRequest) {
  const body = await readBodyWithin(original, AUTH_BODY_LIMIT_BYTES);
  if (body === "too-large") return Response.json({ error: tooLargeMessage(AUTH_BODY_LIMIT_BYTES) }, { status: 413 });
  const request = new NextRequest(original.url, { method: "POST", headers: original.headers, body, signal: original.signal });
  const what = action(request);
  if (what === "signout") return signOutResponse(request);
  if (what === "signin/email") return new NextResponse("Not found", { status: 404 });
  if (what === "callback/email" && !fromOwnPage(request)) {
    return new NextResponse(null, { status: 303, headers: { Location: "/sign-in?error=Verification" } });
  }
  return handlers.POST(request);
}
