import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/server/security/csp";

// Runs before every page and Auth.js route: gives each response its own script nonce and the
// Content-Security-Policy that requires it. Static headers live in next.config.ts.
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Not for build assets (they carry no markup), nor prefetches (they reuse the page's policy),
  // nor the API routes but Auth.js's (JSON and calendar files; a static policy forbidding
  // everything is in next.config.ts): running this costs about 0.45 ms of CPU a request, the
  // better part of a health check, on every autosave and tRPC call.
  // Nor requests announcing a body of a million bytes or more, or none at all (chunked): when
  // the proxy runs, Next first reads the whole body to hand the proxy a copy, however large, so
  // a 150 MB post would be taken in before anything could refuse it (issue 17). Those go
  // straight to their handler, which refuses them after reading at most its limit (server
  // actions: serverActions.bodySizeLimit; Auth.js: its route). Every request with a body is
  // checked where it is handled, not here (server/security/origin.ts).
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|api/(?!auth/)).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
        { type: "header", key: "content-length", value: "\\d{7,}" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
