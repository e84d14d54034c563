import type { inferRouterOutputs } from "@trpc/server";
import type { Side } from "@/server/assessments/item-bank";
import type { AppRouter } from "@/server/trpc/root";

export type PairDashboard = inferRouterOutputs<AppRouter>["pairs"]["dashboard"];
export type RevealedAssessment = NonNullable<PairDashboard["current"]>;
export type DimensionResult = RevealedAssessment["analysis"]["dimensions"][number];

type BySide = { employee: number | null; manager: number | null };

/** The dashboard from the reader's side: "you" and the other person, whichever side each is on. */
export interface Perspective {
  me: Side;
  them: Side;
  /** What the other person is called (server/people/call-name.ts). */
  otherFirst: string;
  mine: (values: BySide) => number | null;
  theirs: (values: BySide) => number | null;
  /** The signed gap is employee − manager; for the reader, "you minus them". */
  myGap: (gap: number | null) => number | null;
}

export function perspectiveOf(me: Side, otherFirst: string): Perspective {
  const them: Side = me === "manager" ? "employee" : "manager";
  return {
    me,
    them,
    otherFirst,
    mine: (values) => values[me],
    theirs: (values) => values[them],
    myGap: (gap) => (gap === null ? null : me === "employee" ? gap : -gap),
  };
}

/** A dimension's two means, by side. */
export const meansOf = (dimension: DimensionResult): BySide => ({ employee: dimension.employee.mean, manager: dimension.manager.mean });
