import { z } from "zod";
import { getPairDashboard } from "@/server/services/pairs/get-pair-dashboard";
import { protectedProcedure, router } from "../init";

export const pairsRouter = router({
  dashboard: protectedProcedure
    .input(z.object({ pairId: z.uuid(), assessmentId: z.uuid().optional() }))
    .query(({ ctx, input }) => getPairDashboard(ctx.db, ctx.actor, input)),
});
