"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { sessionCookieName } from "@/server/auth";
import { handoffCookieName, usesSecureCookies } from "@/server/auth/session-cookie";
import { endSession } from "@/server/services/auth/sessions";
import { env } from "@/server/env";

/** Signs this browser out: its session row is deleted, so the cookie is worthless even if copied. */
export async function signOutAction() {
  const jar = await cookies();
  const token = jar.get(sessionCookieName())?.value;
  if (token) await endSession(await getDb(), token);
  jar.delete(sessionCookieName());
  jar.delete(handoffCookieName(usesSecureCookies(env().AUTH_URL, await headers())));
  redirect("/sign-in?signedOut=1");
}
