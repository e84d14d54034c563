"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { continueUrl, sessionCookieName, signIn } from "@/server/auth";
import { resolveAuthSecret } from "@/server/auth/secret";
import { handoffCookieName, readHandoff, sessionCookieOptions, usesSecureCookies } from "@/server/auth/session-cookie";
import { continueSignIn, safeNext } from "@/server/auth/sign-in-flow";
import { requestSignInLinkAllowed, type EmailSignInState } from "@/server/auth/request-sign-in-link";
import { env } from "@/server/env";
import { clientAddressOf } from "@/server/auth/client-address-of";
import { endSession } from "@/server/auth/sessions";
import { actionFromTandem } from "@/server/security/action-origin";
import { CROSS_SITE_MESSAGE } from "@/server/security/origin";

export type { EmailSignInState };

export async function requestSignInLink(_prev: EmailSignInState, form: FormData): Promise<EmailSignInState> {
  if (!(await actionFromTandem())) return { email: String(form.get("email") ?? "").trim(), error: CROSS_SITE_MESSAGE };
  const db = await getDb();
  const outcome = await requestSignInLinkAllowed(db, { email: String(form.get("email") ?? ""), clientAddress: clientAddressOf(await headers()) });
  if (outcome.kind === "invalid" || outcome.kind === "tooMany") return outcome.state;
  if (outcome.kind === "send") {
    const next = await signIn("email", { email: outcome.email, redirectTo: continueUrl(safeNext(form.get("callbackUrl"))), redirect: false });
    if (new URL(next, "http://localhost").searchParams.has("error")) {
      return { email: outcome.email, error: "We could not send a sign-in link just now. Please try again." };
    }
  }
  // Sent, or not sent (unknown address, or this client asked for this address too often): the
  // same answer, so the form cannot tell who has an account.
  redirect("/sign-in/check-email");
}

// Signing a browser in from another site (login CSRF) would make its owner work as someone else.
export async function signInAsDemoPerson(form: FormData) {
  if (!(await actionFromTandem())) return;
  const next = safeNext(form.get("callbackUrl"));
  const result = await signIn("demo", { personId: String(form.get("personId") ?? ""), redirectTo: continueUrl(next), redirect: false });
  if (new URL(result, "http://localhost").searchParams.has("error")) redirect("/sign-in?error=CredentialsSignin");
  // Not a redirect to /sign-in/continue: Next renders an action's redirect target on the
  // server, and a route handler's cookies would not reach the browser that way.
  await finishSignIn(next);
}

/** /sign-in/continue's work inside a server action, from the hand-off cookie Auth.js just set. */
async function finishSignIn(next: string, chosenPersonId?: string): Promise<never> {
  const config = env();
  const jar = await cookies();
  const secure = usesSecureCookies(config.AUTH_URL, await headers());
  const value = jar.get(handoffCookieName(secure))?.value;
  const handoff = value ? await readHandoff(`${handoffCookieName(secure)}=${value}`, resolveAuthSecret(config), secure) : null;
  if (!handoff) redirect("/sign-in");
  const result = await continueSignIn(await getDb(), handoff, chosenPersonId);
  if (result.kind === "choose") redirect(`/sign-in/choose?next=${encodeURIComponent(next)}`);
  jar.delete(handoffCookieName(secure));
  if (result.kind === "noAccount") redirect("/sign-in?error=NoAccount");
  const previous = jar.get(sessionCookieName())?.value;
  if (previous) await endSession(await getDb(), previous);
  jar.set(sessionCookieName(), result.token, sessionCookieOptions(sessionCookieName().startsWith("__Host-")));
  redirect(next);
}

export async function signInWithSso(form: FormData) {
  if (!(await actionFromTandem())) return;
  await signIn("sso", { redirectTo: continueUrl(safeNext(form.get("callbackUrl"))) });
}

/** The organization picker (app/sign-in/choose): a session for the chosen person of the identity. */
export async function choosePerson(form: FormData) {
  if (!(await actionFromTandem())) return;
  await finishSignIn(safeNext(form.get("next")), String(form.get("personId") ?? ""));
}
