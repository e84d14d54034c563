import { and, eq } from "drizzle-orm";
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { people } from "@/db/schema";
import { env } from "@/server/env";
import { endSession } from "@/server/auth/sessions";
import { currentSession, sessionCookieName } from "./index";
import { handoffCookieName, usesSecureCookies } from "./session-cookie";

/** GET /api/auth/session: who this browser is signed in as (null when signed out), from the session table. */
export async function sessionJson(): Promise<NextResponse> {
  const session = await currentSession();
  if (!session) return NextResponse.json(null);
  const db = await getDb();
  const [person] = await db
    .select({ name: people.name, email: people.email })
    .from(people)
    .where(and(eq(people.orgId, session.actor.orgId), eq(people.id, session.actor.personId)));
  return NextResponse.json({ user: person ?? null, personId: session.actor.personId, orgId: session.actor.orgId, method: session.method });
}

/** POST /api/auth/signout: ends this browser's session and clears its cookies. */
export async function signOutResponse(request: NextRequest): Promise<NextResponse> {
  const token = request.cookies.get(sessionCookieName())?.value;
  if (token) await endSession(await getDb(), token);
  const response = new NextResponse(null, { status: 303, headers: { Location: "/sign-in?signedOut=1" } });
  response.cookies.delete(sessionCookieName());
  response.cookies.delete(handoffCookieName(usesSecureCookies(env().AUTH_URL, request.headers)));
  return response;
}
