// What an assessment is called and where it stands, the same on every page and in every email.

/** An assessment's name: its cycle's, or "Pair check-in" for one a pair started themselves. */
export function assessmentTitle(cycleName: string | null | undefined): string {
  return cycleName ?? "Pair check-in";
}

export type AssessmentState = "open" | "revealed" | "closed";

/** Revealed once both sides submitted; closed when it, or its cycle, closed first; else open. */
export function assessmentState(assessment: { revealedAt: Date | null; closedAt: Date | null; cycleStatus: string | null | undefined }): AssessmentState {
  if (assessment.revealedAt) return "revealed";
  return assessment.closedAt || assessment.cycleStatus === "closed" ? "closed" : "open";
}
