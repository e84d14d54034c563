import { z } from "zod";
import { cancelCheckIn } from "@/server/assessments/cancel-check-in";
import { getAssessment } from "@/server/assessments/get-assessment";
import { getResults } from "@/server/assessments/get-results";
import { listMyAssessments } from "@/server/assessments/list-my-assessments";
import { saveDraft } from "@/server/assessments/save-draft";
import { startCheckIn } from "@/server/assessments/start-check-in";
import { submitResponse } from "@/server/assessments/submit-response";
import { protectedProcedure, router } from "../init";
import { id, text } from "../validation";
import { assessmentResultsOutput } from "./outputs/assessments";

const byId = z.object({ assessmentId: id() });

// Keys and values are checked against the pinned item bank by the service; here only shape
// and size, so a hostile payload is refused before any work.
const changes = z
  .record(z.string().min(1).max(64), z.union([z.number(), text({ max: 5000, label: "An answer" }), z.null()]))
  .refine((c) => Object.keys(c).length > 0, "Send at least one change.")
  .refine((c) => Object.keys(c).length <= 100, "Send at most 100 changes at once.");

export const assessmentsRouter = router({
  /** Every assessment of the actor's pairs; `current`: only the open ones and recent results, what home shows. */
  listMine: protectedProcedure
    .input(z.object({ current: z.boolean().optional() }).optional())
    .query(({ ctx, input }) => listMyAssessments(ctx.db, ctx.actor, { current: input?.current })),
  get: protectedProcedure.input(byId).query(({ ctx, input }) => getAssessment(ctx.db, ctx.actor, input.assessmentId)),
  saveDraft: protectedProcedure.input(z.object({ assessmentId: id(), changes })).mutation(({ ctx, input }) => saveDraft(ctx.db, ctx.actor, input)),
  submit: protectedProcedure
    .input(z.object({ assessmentId: id(), shareChooseAgain: z.boolean() }))
    .mutation(({ ctx, input }) => submitResponse(ctx.db, ctx.actor, input)),
  results: protectedProcedure
    .input(byId)
    .output(assessmentResultsOutput)
    .query(({ ctx, input }) => getResults(ctx.db, ctx.actor, input.assessmentId)),
  startCheckIn: protectedProcedure.input(z.object({ pairId: id() })).mutation(({ ctx, input }) => startCheckIn(ctx.db, ctx.actor, input)),
  cancelCheckIn: protectedProcedure.input(byId).mutation(({ ctx, input }) => cancelCheckIn(ctx.db, ctx.actor, input)),
});
