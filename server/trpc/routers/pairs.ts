import { z } from "zod";
import { getPairDashboard } from "@/server/pairs/get-pair-dashboard";
import { protectedProcedure, router } from "../init";
import { id } from "../validation";

export const pairsRouter = router({
  dashboard: protectedProcedure
    .input(z.object({ pairId: id(), assessmentId: id().optional() }))
    .query(({ ctx, input }) => getPairDashboard(ctx.db, ctx.actor, input)),
});
