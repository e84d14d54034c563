"use server";

import { callProcedure } from "@/server/trpc/action";

export async function exportTrendsCsvAction(cycleId: string) {
  return callProcedure("trends.exportCsv", (caller) => caller.trends.exportCsv({ cycleId }));
}
