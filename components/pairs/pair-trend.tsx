"use client";

import { ScrollRegion } from "@/components/ui/scroll-region";
import type { Side } from "@/server/assessments/item-bank";
import { formatScore, formatSigned } from "./format";
import { perspectiveOf, type PairDashboard } from "./perspective";
import { TrendChart, type TrendSeries } from "./trend-chart";

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
    <section aria-labelledby="trend" className="space-y-3">
      <h2 id="trend" className="text-lg font-semibold">
        Over time
      </h2>
      <TrendChart series={trend} describedBy="trend-table" labels={{ mine: "You", theirs: otherFirst }} />
      <details>
        <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-800">Show as a table</summary>
        <ScrollRegion label="Ratings over time">
          <table id="trend-table" className="w-full text-left text-sm">
            <caption className="sr-only">Your ratings and {otherFirst}&apos;s per dimension, per assessment</caption>
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                <th scope="col" className="p-2 font-medium">
                  Dimension
                </th>
                {assessments.map((assessment) => (
                  <th key={assessment.id} scope="col" className="p-2 font-medium">
                    {assessment.title}: you / {otherFirst} (gap)
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {trend.map((series) => (
                <tr key={series.key}>
                  <th scope="row" className="p-2 font-normal">
                    {series.name}
                  </th>
                  {series.points.map((point, i) => (
                    <td key={i} className="p-2">
                      {formatScore(point.mine)} / {formatScore(point.theirs)} ({formatSigned(point.gap)})
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </section>
  );
}
