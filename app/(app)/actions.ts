"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { sessionCookieName } from "@/server/auth";
import { callProcedure } from "@/server/trpc/action";

// Arguments of a server action come from the browser like any request body: the procedures
// validate them (zod) and check access, as they do over HTTP.

export async function startCheckInAction(pairId: string) {
  return callProcedure("assessments.startCheckIn", (caller) => caller.assessments.startCheckIn({ pairId }));
}

export async function planPreviewAction(input: { pairId: string; assessmentId?: string }) {
  return callProcedure("meetings.planPreview", (caller) => caller.meetings.planPreview(input));
}

export async function planNextMeetingAction(input: { pairId: string; assessmentId?: string; keys?: string[] }) {
  return callProcedure("meetings.planFromAssessment", (caller) => caller.meetings.planFromAssessment(input));
}

/** The header's and the account page's "Switch to …": this session now names the identity's person there. */
export async function switchOrganizationAction(form: FormData) {
  const result = await callProcedure("session.switchOrganization", (caller) =>
    caller.session.switchOrganization({ personId: String(form.get("personId") ?? "") }),
  );
  // Everything on screen, the header included (a layout the router would otherwise keep), is
  // now of another person.
  revalidatePath("/", "layout");
  redirect(result.error ? "/account?error=switch" : "/");
}

/** "Sign out everywhere": every session of this identity ends, this browser's too. */
export async function signOutEverywhereAction() {
  await callProcedure("session.signOutEverywhere", (caller) => caller.session.signOutEverywhere());
  (await cookies()).delete(sessionCookieName());
  redirect("/sign-in?signedOut=everywhere");
}
