import { z } from "zod";
import type { Db } from "@/db/client";
import { hitRateLimit, SIGN_IN_PER_CLIENT, SIGN_IN_PER_EMAIL_AND_CLIENT } from "@/server/auth/rate-limit";
import { hasSignInPerson } from "./find-sign-in-person";

export interface EmailSignInState {
  error?: string;
  email?: string;
}

const emailSchema = z.email({ error: "Enter a valid email address, like name@company.com." }).max(320);

export type SignInLinkDecision =
  { kind: "invalid"; state: EmailSignInState } | { kind: "tooMany"; state: EmailSignInState } | { kind: "silent" } | { kind: "send"; email: string };

/**
 * Whether a request for a sign-in link may be sent, before anything is stored for it:
 * - per client address (20 per 15 minutes, whatever the address): refused with a message,
 *   which says nothing about the address;
 * - an address that belongs to nobody: the same answer as a sent link, and nothing stored;
 * - per address *and* client (5 per 15 minutes): someone asking for another person's links
 *   uses up only their own allowance, never that person's; past it nothing is sent, with the
 *   same answer as a sent link (a message would tell a known address from an unknown one).
 * Links already sent stay valid whatever happens here.
 */
export async function requestSignInLinkAllowed(db: Db, input: { email: string; clientAddress: string }): Promise<SignInLinkDecision> {
  const raw = input.email.trim();
  const parsed = emailSchema.safeParse(raw.toLowerCase());
  if (!parsed.success) return { kind: "invalid", state: { email: raw, error: parsed.error.issues[0]?.message ?? "Enter a valid email address." } };
  const email = parsed.data;

  const perClient = await hitRateLimit(db, `sign-in:client:${input.clientAddress}`, SIGN_IN_PER_CLIENT);
  if (!perClient.allowed) {
    const minutes = Math.max(1, Math.ceil(perClient.retryAfterSeconds / 60));
    return {
      kind: "tooMany",
      state: { email: raw, error: `Too many sign-in links were requested. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` },
    };
  }
  if (!(await hasSignInPerson(db, email))) return { kind: "silent" };
  const perAddress = await hitRateLimit(db, `sign-in:email:${email}:client:${input.clientAddress}`, SIGN_IN_PER_EMAIL_AND_CLIENT);
  if (!perAddress.allowed) return { kind: "silent" };
  return { kind: "send", email };
}
