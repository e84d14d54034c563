import Link from "next/link";
import { Suspense } from "react";
import { HeatLegend } from "@/components/trends/cell";
import { ExportTrendsButton } from "@/components/trends/export-button";
import { Heatmap } from "@/components/trends/heatmap";
import { Card } from "@/components/ui/card";
import { hiddenText } from "@/server/analysis/anonymity";
import { METRICS, trendsHref, type Metric, type TrendRow } from "./trends-view";

/**
 * One metric for every group shown and every dimension, with the metric's switch and the export.
 * `rows` are the groups the server chose as rows (`heatmapRows`), of the cycle's `teamCount` teams.
 */
export function GroupHeatmap({
  rows: shown,
  teamCount,
  k,
  cycle,
  group,
  metric,
  dimensionNames,
}: {
  rows: TrendRow[];
  teamCount: number;
  k: number;
  cycle: { id: string; name: string };
  group: { id: string };
  metric: Metric;
  dimensionNames: string[];
}) {
  const teamsLeftOut = teamCount - shown.filter((g) => g.kind === "team").length;
  return (
    <section aria-labelledby="heatmap" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="heatmap" className="text-lg font-semibold">
          By group and dimension
        </h2>
        <ExportTrendsButton cycleId={cycle.id} />
      </div>
      <nav aria-label="Figure shown" className="flex flex-wrap gap-2 text-sm">
        {(Object.keys(METRICS) as Metric[]).map((option) => (
          <Link
            key={option}
            href={trendsHref({ cycle: cycle.id, group: group.id, metric: option })}
            aria-current={option === metric ? "true" : undefined}
            className={`inline-flex min-h-11 items-center rounded-lg px-3 ${option === metric ? "bg-brand-50 font-semibold text-brand-900" : "text-brand-800 underline"}`}
          >
            {METRICS[option].label}
          </Link>
        ))}
      </nav>
      <HeatLegend kind={METRICS[metric].kind} />
      <p aria-hidden="true" className="text-xs text-slate-600 sm:hidden">
        Scroll sideways for every column →
      </p>
      <Card className="overflow-x-auto" tabIndex={0} role="region" aria-label="Heatmap by group and dimension (scrolls sideways)">
        {/* A boundary of its own: React hydrates it in short slices after the rest of the page. */}
        <Suspense>
          <Heatmap
            caption={`${METRICS[metric].label} per group and dimension, ${cycle.name}`}
            columns={dimensionNames}
            rows={shown.map((row) => {
              // Two decimals are shown; rounding here keeps the payload short.
              const cells = (metric === "gap" ? row.meanAbsGap : row.mean[metric]).map((value) => (value === null ? null : Math.round(value * 100) / 100));
              return { id: row.id, name: row.name, kind: row.kind, depth: row.depth, cells: cells.every((cell) => cell === null) ? null : cells };
            })}
            selectedId={group.id}
            kind={METRICS[metric].kind}
            hrefOf={trendsHref({ cycle: cycle.id, metric })}
            hiddenText={hiddenText(k)}
          />
        </Suspense>
      </Card>
      <p className="text-sm text-slate-600">
        Means on the 1–5 scale; the gap is the mean absolute difference between a report and their manager. A team is a manager and everyone below them,
        directly or not, as reporting lines stood when the cycle opened. Select a group for its detail.
        {teamsLeftOut > 0
          ? ` With ${teamCount.toLocaleString("en")} teams, the heatmap shows the two top levels and, once you select a team, the teams above it and those directly in it (${teamsLeftOut.toLocaleString("en")} not shown now; find any team below).`
          : null}
      </p>
    </section>
  );
}
