import { OverTime } from "@/components/pairs/over-time";
import type { TrendSeries } from "@/components/pairs/trend-chart";
import { CellValue } from "@/components/trends/cell";
import { RowHeader } from "@/components/ui/table";
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
    <OverTime
      id="over-time"
      heading={<>{groupName} over time</>}
      series={trend}
      labels={{ mine: "Reports", theirs: "Managers" }}
      tableLabel={`Means over time for ${groupName}`}
      caption={<>Reports&apos; and managers&apos; means per dimension and cycle for {groupName}</>}
      columns={series.map(({ cycle }) => `${cycle.name}: reports / managers`)}
    >
      {bank.dimensions.map((dimension) => (
        <tr key={dimension.key}>
          <RowHeader>{dimension.name}</RowHeader>
          {series.map(({ cycle, dimensions }) => {
            const figures = dimensions.find((x) => x.key === dimension.key)!;
            return (
              <td key={cycle.id} className="p-2">
                <CellValue cell={figures.mean.employee} format={twoDecimals} k={k} /> / <CellValue cell={figures.mean.manager} format={twoDecimals} k={k} />
              </td>
            );
          })}
        </tr>
      ))}
    </OverTime>
  );
}
