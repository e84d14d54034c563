import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

// What the trends page reads (trends.cycle and trends.series) and what its links keep.

export type CycleTrends = inferRouterOutputs<AppRouter>["trends"]["cycle"];
/** A group's figures, as the page shows its detail. */
export type TrendGroup = NonNullable<CycleTrends["group"]>;
/** A heatmap row: what the heatmap shows of a group. */
export type TrendRow = CycleTrends["rows"][number];
export type GroupSeries = inferRouterOutputs<AppRouter>["trends"]["series"];

export const METRICS = {
  employee: { label: "Reports' view", kind: "mean" as const },
  manager: { label: "Managers' view", kind: "mean" as const },
  gap: { label: "Mean gap", kind: "gap" as const },
};
export type Metric = keyof typeof METRICS;

export const metricOf = (param: string | undefined): Metric => (param === "manager" || param === "gap" ? param : "employee");

/** The trends page with this cycle, group and metric. */
export function trendsHref({ cycle, group, metric }: { cycle: string; group?: string; metric: Metric }) {
  return `/admin/trends?${new URLSearchParams(group === undefined ? { cycle, metric } : { cycle, group, metric })}`;
}
