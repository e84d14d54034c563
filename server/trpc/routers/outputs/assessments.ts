import { z } from "zod";
import { sideEnum } from "./cells";

// What assessment results may return to the pair's two people: both sides' answers as
// server/access/assessments.ts lets this side read them, and nothing about anyone else.

const revealedSide = z.object({
  name: z.string(),
  givenName: z.string().nullable(),
  answers: z.record(z.string(), z.union([z.number(), z.string()])),
  chooseAgainShared: z.boolean(),
  submittedAt: z.date(),
});

export const assessmentResultsOutput = z.object({
  id: z.string(),
  pairId: z.string(),
  kind: z.enum(["cycle", "check_in"]),
  bankVersion: z.number().int(),
  cycle: z.object({ name: z.string() }).nullable(),
  revealedAt: z.date(),
  mySide: sideEnum,
  sides: z.object({ employee: revealedSide, manager: revealedSide }),
});
