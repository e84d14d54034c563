"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { signIn } from "@/server/auth";
import { actionFromTandem } from "@/server/security/action-origin";
import { CROSS_SITE_MESSAGE } from "@/server/security/origin";
import { clientIp, peekRateLimit, SIGN_IN_PER_EMAIL, SIGN_IN_PER_IP } from "@/server/auth/rate-limit";

export interface EmailSignInState {
  error?: string;
  email?: string;
}

/** Only same-site paths, so a crafted link cannot send people elsewhere after sign-in. */
function safeRedirect(value: FormDataEntryValue | null): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}

const emailSchema = z.email({ error: "Enter a valid email address, like name@company.com." }).max(320);

export async function requestSignInLink(_prev: EmailSignInState, form: FormData): Promise<EmailSignInState> {
  const raw = String(form.get("email") ?? "").trim();
  if (!(await actionFromTandem())) return { email: raw, error: CROSS_SITE_MESSAGE };
  const parsed = emailSchema.safeParse(raw.toLowerCase());
  if (!parsed.success) return { email: raw, error: parsed.error.issues[0]?.message ?? "Enter a valid email address." };
  const email = parsed.data;

  const db = await getDb();
  const ip = clientIp(await headers());
  const [perEmail, perIp] = await Promise.all([
    peekRateLimit(db, `sign-in:email:${email}`, SIGN_IN_PER_EMAIL),
    peekRateLimit(db, `sign-in:ip:${ip}`, SIGN_IN_PER_IP),
  ]);
  if (!perEmail.allowed || !perIp.allowed) {
    const minutes = Math.max(1, Math.ceil(Math.max(perEmail.retryAfterSeconds, perIp.retryAfterSeconds) / 60));
    return { email: raw, error: `Too many sign-in links were requested. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }
  const next = await signIn("email", { email, redirectTo: safeRedirect(form.get("callbackUrl")), redirect: false });
  if (new URL(next, "http://localhost").searchParams.has("error")) {
    return { email: raw, error: "We could not send a sign-in link just now. Please try again." };
  }
  redirect("/sign-in/check-email");
}

// Signing a browser in from another site (login CSRF) would make its owner work as someone else.
export async function signInAsDemoPerson(form: FormData) {
  if (!(await actionFromTandem())) return;
  await signIn("demo", { email: String(form.get("email") ?? ""), redirectTo: safeRedirect(form.get("callbackUrl")) });
}

export async function signInWithSso(form: FormData) {
  if (!(await actionFromTandem())) return;
  await signIn("sso", { redirectTo: safeRedirect(form.get("callbackUrl")) });
}
