import { getDb } from "@/db/client";
import { publicOrigin } from "@/server/security/origin";
import { calendarFeedFor } from "@/server/meetings/calendar";

// A person's private calendar feed. Calendar apps fetch it without a session: the token in the
// URL is the credential (only its hash is stored), so a wrong, replaced or revoked token gets
// the same plain 404 and nothing tells them apart.

export const dynamic = "force-dynamic";

/** 32 random bytes in base64url, as preferences.ts issues them. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function notFound() {
  // Never cached: a token issued a moment later must work at once.
  return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token: segment } = await params;
  // Some calendar apps only subscribe to URLs ending in .ics; accept the token with or without.
  const token = segment.endsWith(".ics") ? segment.slice(0, -".ics".length) : segment;
  // Malformed tokens can't match any hash: answer without a database round trip.
  if (!TOKEN.test(token)) return notFound();
  // Links inside point where the calendar app found the feed (AUTH_URL's when it is set).
  const body = await calendarFeedFor(await getDb(), token, new Date(), publicOrigin(request.headers, request.url));
  if (body === null) return notFound();
  return new Response(body, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      // Private: the body is one person's calendar, and shared caches must not keep it.
      "cache-control": "private, max-age=300",
      "content-disposition": 'inline; filename="tandem.ics"',
    },
  });
}
