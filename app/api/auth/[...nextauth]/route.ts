import { NextRequest } from "next/server";
import { handlers } from "@/server/auth";
import { AUTH_BODY_LIMIT_BYTES, readBodyWithin, tooLargeMessage } from "@/server/http/limits";

export const { GET } = handlers;

/** Auth.js reads its form whole: cap it first (an email address and a token are a few hundred bytes). */
export async function POST(request: NextRequest) {
  const body = await readBodyWithin(request, AUTH_BODY_LIMIT_BYTES);
  if (body === "too-large") return Response.json({ error: tooLargeMessage(AUTH_BODY_LIMIT_BYTES) }, { status: 413 });
  return handlers.POST(new NextRequest(request.url, { method: "POST", headers: request.headers, body, signal: request.signal }));
}
