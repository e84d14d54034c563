import { TrendChart, type TrendSeries } from "@/components/pairs/trend-chart";
import { CellValue } from "@/components/trends/cell";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { ItemBank } from "@/server/assessments/item-bank";
import { twoDecimals } from "./format";
import type { GroupSeries } from "./trends-view";

/** A group's means per dimension across every published cycle it was in, as a chart and a table. */
export function GroupOverTime({ groupName, series, k, bank }: { groupName: string; series: GroupSeries; k: number; bank: ItemBank }) {
  const trend: TrendSeries[] = bank.dimensions.map((dimension) => ({
    key: dimension.key,
    name: dimension.name,
    points: series.map(({ cycle, dimensions }) => {
      const figures = dimensions.find((x) => x.key === dimension.key);
      return {
        label: cycle.name,
        mine: figures && !figures.mean.employee.hidden ? figures.mean.employee.value : null,
        theirs: figures && !figures.mean.manager.hidden ? figures.mean.manager.value : null,
      };
    }),
  }));
  return (
    <section aria-labelledby="over-time" className="space-y-3">
      <h2 id="over-time" className="text-lg font-semibold">
        {groupName} over time
      </h2>
      <TrendChart series={trend} describedBy="trend-table" labels={{ mine: "Reports", theirs: "Managers" }} />
      <details>
        <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-800">Show as a table</summary>
        <ScrollRegion label={`Means over time for ${groupName}`}>
          <table id="trend-table" className="w-full text-left text-sm">
            <caption className="sr-only">Reports&apos; and managers&apos; means per dimension and cycle for {groupName}</caption>
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                <th scope="col" className="p-2 font-medium">
                  Dimension
                </th>
                {series.map(({ cycle }) => (
                  <th key={cycle.id} scope="col" className="p-2 font-medium">
                    {cycle.name}: reports / managers
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {bank.dimensions.map((dimension) => (
                <tr key={dimension.key}>
                  <th scope="row" className="p-2 font-normal">
                    {dimension.name}
                  </th>
                  {series.map(({ cycle, dimensions }) => {
                    const figures = dimensions.find((x) => x.key === dimension.key)!;
                    return (
                      <td key={cycle.id} className="p-2">
                        <CellValue cell={figures.mean.employee} format={twoDecimals} k={k} /> /{" "}
                        <CellValue cell={figures.mean.manager} format={twoDecimals} k={k} />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </section>
  );
}
