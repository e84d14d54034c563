"use server";

import { callProcedure } from "@/server/trpc/action";

// Arguments of a server action come from the browser like any request body: the procedures
// validate them (zod) and check access, as they do over HTTP.

export async function startCheckInAction(pairId: string) {
  return callProcedure("assessments.startCheckIn", (caller) => caller.assessments.startCheckIn({ pairId }));
}

export async function planNextMeetingAction(input: { pairId: string; assessmentId?: string }) {
  return callProcedure("meetings.planFromAssessment", (caller) => caller.meetings.planFromAssessment(input));
}
