"use client";

import { RowHeader } from "@/components/ui/table";
import type { Side } from "@/server/assessments/item-bank";
import { formatScore, formatSigned } from "./format";
import { perspectiveOf, type PairDashboard } from "./perspective";
import { OverTime } from "./over-time";
import type { TrendSeries } from "./trend-chart";

/**
 * Each dimension across the pair's revealed assessments, from the reader's side; null before a
 * second one. A client component, rendered on the server too (the table reads without
 * JavaScript): the page sends the points once, as data, rather than nine charts and their table
 * twice (as HTML and again in the RSC payload).
 */
export function PairTrend({
  trend: byDimension,
  assessments,
  dimensions,
  me,
  otherFirst,
}: {
  trend: PairDashboard["trend"];
  assessments: { id: string; title: string }[];
  dimensions: { key: string; name: string }[];
  me: Side;
  otherFirst: string;
}) {
  const { mine, theirs, myGap } = perspectiveOf(me, otherFirst);
  if (!byDimension) return <p className="text-sm text-slate-700">This is your first assessment together. Trends appear after the next one.</p>;
  const trend: TrendSeries[] = dimensions.map((dimension) => ({
    key: dimension.key,
    name: dimension.name,
    points: (byDimension[dimension.key as keyof typeof byDimension] ?? []).map((point) => ({
      label: assessments.find((x) => x.id === point.assessmentId)?.title ?? "",
      mine: mine(point),
      theirs: theirs(point),
      gap: myGap(point.gap),
    })),
  }));
  return (
    <OverTime
      id="trend"
      heading="Over time"
      series={trend}
      labels={{ mine: "You", theirs: otherFirst }}
      tableLabel="Ratings over time"
      caption={<>Your ratings and {otherFirst}&apos;s per dimension, per assessment</>}
      columns={assessments.map((assessment) => `${assessment.title}: you / ${otherFirst} (gap)`)}
    >
      {trend.map((series) => (
        <tr key={series.key}>
          <RowHeader>{series.name}</RowHeader>
          {series.points.map((point, i) => (
            <td key={i} className="p-2">
              {formatScore(point.mine)} / {formatScore(point.theirs)} ({formatSigned(point.gap)})
            </td>
          ))}
        </tr>
      ))}
    </OverTime>
  );
}
