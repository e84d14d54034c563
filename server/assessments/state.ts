import { and, isNull, ne, or, type SQL } from "drizzle-orm";
import { assessments, cycles } from "@/db/schema";

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

/** assessmentState(…) === "open" as a condition of a query that joins the assessment's cycle (left join: a pair check-in has none). */
export function assessmentIsOpen(): SQL {
  return and(isNull(assessments.revealedAt), isNull(assessments.closedAt), or(isNull(cycles.status), ne(cycles.status, "closed")))!;
}
