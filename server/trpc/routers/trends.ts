import { z } from "zod";
import { exportCycleTrendsCsv, getCycleTrends, getTrendSeries } from "@/server/services/trends/org-trends";
import { orgAdminProcedure, router } from "../init";

const groupId = z.union([z.uuid(), z.string().regex(/^org:[0-9a-f-]{36}$/)]);

export const trendsRouter = router({
  cycle: orgAdminProcedure.input(z.object({ cycleId: z.uuid().optional() })).query(({ ctx, input }) => getCycleTrends(ctx.db, ctx.actor, input)),
  series: orgAdminProcedure.input(z.object({ groupId: groupId.optional() })).query(({ ctx, input }) => getTrendSeries(ctx.db, ctx.actor, input)),
  exportCsv: orgAdminProcedure.input(z.object({ cycleId: z.uuid() })).mutation(({ ctx, input }) => exportCycleTrendsCsv(ctx.db, ctx.actor, input)),
});
