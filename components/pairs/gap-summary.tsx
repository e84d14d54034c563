"use client";

import type { Side } from "@/server/assessments/item-bank";
import { formatScore, formatSigned } from "./format";
import { GAP_WORDS, gapLevel } from "./gap-badge";
import { GapChart, type GapRow } from "./gap-chart";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Card } from "@/components/ui/card";
import { DataTable, RowHeader } from "@/components/ui/table";
import { meansOf, perspectiveOf, type DimensionResult } from "./perspective";

/**
 * "Where you see things differently": how many dimensions differ, the gap chart and its table.
 * A client component so that the page sends the dimensions once, as data, rather than the chart
 * and its collapsed table twice (as HTML and again in the RSC payload); it is still rendered on
 * the server, so the page reads the same without JavaScript.
 */
export function GapSummary({
  dimensions,
  blindSpots,
  strengths,
  me,
  otherFirst,
}: {
  dimensions: DimensionResult[];
  blindSpots: number;
  strengths: number;
  me: Side;
  otherFirst: string;
}) {
  const { mine, theirs, myGap } = perspectiveOf(me, otherFirst);
  const rows: GapRow[] = dimensions.map((dimension) => ({
    key: dimension.key,
    name: dimension.name,
    mine: mine(meansOf(dimension)),
    theirs: theirs(meansOf(dimension)),
    notable: dimension.notable,
    large: dimension.large,
  }));
  const notable = dimensions.filter((dimension) => dimension.notable);
  return (
    <section aria-labelledby="summary" className="space-y-4">
      <h2 id="summary" className="text-lg font-semibold">
        Where you see things differently
      </h2>
      <p className="text-slate-700">
        {notable.length === 0
          ? `You and ${otherFirst} see every dimension within a point of each other.`
          : `${notable.length} of ${dimensions.length} dimensions differ by a point or more.`}{" "}
        {blindSpots > 0 ? `${blindSpots} blind ${blindSpots === 1 ? "spot" : "spots"}. ` : ""}
        {strengths > 0 ? `${strengths} shared ${strengths === 1 ? "strength" : "strengths"}.` : ""}
      </p>
      <Card className="p-4 sm:p-5">
        <GapChart rows={rows} otherName={otherFirst} describedBy="gap-table" />
        <details className="mt-4">
          <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-800">Show as a table</summary>
          <ScrollRegion label="Gaps per dimension">
            <DataTable
              id="gap-table"
              className="w-full text-left text-sm"
              caption={<>Each dimension as you and {otherFirst} rate it, and the gap</>}
              columns={["Dimension", "You", otherFirst, `Gap (you − ${otherFirst})`]}
            >
              {dimensions.map((dimension) => {
                const level = gapLevel(dimension);
                return (
                  <tr key={dimension.key} data-dimension={dimension.key}>
                    <RowHeader>{dimension.name}</RowHeader>
                    <td className="p-2">{formatScore(mine(meansOf(dimension)))}</td>
                    <td className="p-2">{formatScore(theirs(meansOf(dimension)))}</td>
                    <td className="p-2">
                      {formatSigned(myGap(dimension.gap))}
                      {level ? ` (${GAP_WORDS[level].toLowerCase()})` : ""}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          </ScrollRegion>
        </details>
      </Card>
    </section>
  );
}
