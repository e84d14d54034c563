import type { ReactNode } from "react";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { DataTable } from "@/components/ui/table";
import { TrendChart, type TrendSeries } from "./trend-chart";

/**
 * A section of per-dimension line charts over time, with the same numbers as a table behind
 * "Show as a table": the pair's trend and an HR group's. The rows are the children, one per
 * dimension, each led by a RowHeader under the first column, "Dimension".
 */
export function OverTime({
  id,
  heading,
  series,
  labels,
  tableLabel,
  caption,
  columns,
  children,
}: {
  id: string;
  heading: ReactNode;
  series: TrendSeries[];
  labels: { mine: string; theirs: string };
  /** Names the table's scrolling region. */
  tableLabel: string;
  caption: ReactNode;
  /** One heading per point in time, after "Dimension". */
  columns: readonly string[];
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {heading}
      </h2>
      <TrendChart series={series} describedBy="trend-table" labels={labels} />
      <details>
        <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-800">Show as a table</summary>
        <ScrollRegion label={tableLabel}>
          <DataTable id="trend-table" className="w-full text-left text-sm" caption={caption} columns={["Dimension", ...columns]}>
            {children}
          </DataTable>
        </ScrollRegion>
      </details>
    </section>
  );
}
