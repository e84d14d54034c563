"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { sessionCookieName } from "@/server/auth";
import { handoffCookieName, usesSecureCookies } from "@/server/auth/session-cookie";
import { endSession } from "@/server/auth/sessions";
import { env } from "@/server/env";
import { actionFromTandem } from "@/server/security/action-origin";

/** Signs this browser out: its session row is deleted, so the cookie is worthless even if copied. */
export async function signOutAction() {
  // Signing someone out from another site is a nuisance, not a breach, but still not allowed.
  if (!(await actionFromTandem())) return;
  const jar = await cookies();
  const token = jar.get(sessionCookieName())?.value;
  if (token) await endSession(await getDb(), token);
  jar.delete(sessionCookieName());
  jar.delete(handoffCookieName(usesSecureCookies(env().AUTH_URL, await headers())));
  redirect("/sign-in?signedOut=1");
}
