import { z } from "zod";
import { exportCycleTrendsCsv, getCycleTrends, getTrendSeries } from "@/server/trends/org-trends";
import { orgAdminProcedure, router } from "../init";
import { id } from "../validation";
import { csvFileOutput, cycleTrendsOutput, trendSeriesOutput } from "./outputs/trends";

// A department's id, the org ("org:<id>") or a manager's team ("team:<manager's id>").
const groupId = z.union([
  id(),
  z
    .string()
    .regex(/^(org|team):[0-9a-fA-F-]{36}$/)
    .transform((s) => s.toLowerCase()),
]);

export const trendsRouter = router({
  cycle: orgAdminProcedure
    // `team`: a part of a team's name, to find it among thousands.
    .input(z.object({ cycleId: id().optional(), groupId: groupId.optional(), team: z.string().trim().max(100).optional() }))
    .output(cycleTrendsOutput)
    .query(({ ctx, input }) => getCycleTrends(ctx.db, ctx.actor, input)),
  series: orgAdminProcedure
    .input(z.object({ groupId: groupId.optional() }))
    .output(trendSeriesOutput)
    .query(({ ctx, input }) => getTrendSeries(ctx.db, ctx.actor, input)),
  exportCsv: orgAdminProcedure
    .input(z.object({ cycleId: id() }))
    .output(csvFileOutput)
    .mutation(({ ctx, input }) => exportCycleTrendsCsv(ctx.db, ctx.actor, input)),
});
