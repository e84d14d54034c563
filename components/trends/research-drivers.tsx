import { MIN_DRIVER_PAIRS } from "@/server/analysis/agreement";
import type { Cell } from "@/server/analysis/anonymity";
import type { Side } from "@/server/assessments/item-bank";
import type { DriverFigure, RankFigure } from "@/server/trends/compute";
import { Card } from "@/components/ui/card";
import { DataTable, RowHeader } from "@/components/ui/table";
import { twoDecimals as two } from "./format";

// What goes with "would you choose them again?" for one side of a group (research-figures.tsx).

const rank = (f: RankFigure | null) => (f ? `${two(f.rho)} (${two(f.lower)} to ${two(f.upper)})` : "–");
const SIDE_NOUN: Record<Side, string> = { employee: "reports", manager: "managers" };

export function Drivers({ side, cell, names, hidden }: { side: Side; cell: Cell<DriverFigure[]>; names: ReadonlyMap<string, string>; hidden: string }) {
  const noun = SIDE_NOUN[side];
  const heading = `What matters most for ${noun} here`;
  if (cell.hidden) {
    return (
      <Card className="space-y-2 p-4">
        <h3 className="font-semibold">{heading}</h3>
        <p className="text-sm text-slate-600">
          Not shown: {hidden}, or fewer than {MIN_DRIVER_PAIRS} pairs where both submitted.
        </p>
      </Card>
    );
  }
  const top = cell.value
    .filter((d): d is DriverFigure & { score: RankFigure } => d.score !== null)
    .sort((a, b) => b.score.rho - a.score.rho)
    .slice(0, 3);
  return (
    <Card className="space-y-3 p-4">
      <h3 className="font-semibold">{heading}</h3>
      <p className="text-sm text-slate-700">The dimensions whose scores go most with {noun} saying they would choose the other again.</p>
      <ol className="list-decimal space-y-1 pl-5 text-sm">
        {top.map((dimension) => (
          <li key={dimension.key}>
            {names.get(dimension.key) ?? dimension.key}: ρ = {two(dimension.score.rho)} ({two(dimension.score.lower)} to {two(dimension.score.upper)})
          </li>
        ))}
      </ol>
      <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-950">
        An association across pairs, not a cause: it does not show that raising one dimension would change anyone&apos;s answer.
      </p>
      <details>
        <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-800">Every dimension</summary>
        <div className="overflow-x-auto">
          <DriversTable noun={noun} figures={cell.value} names={names} />
        </div>
      </details>
    </Card>
  );
}

/** Every dimension's rank correlation with one side's "choose again", by score and by the pair's gap. */
function DriversTable({ noun, figures, names }: { noun: string; figures: DriverFigure[]; names: ReadonlyMap<string, string> }) {
  return (
    <DataTable
      className="w-full text-left text-sm"
      caption={<>Rank correlation of each dimension with {noun}&apos; answer to &ldquo;would you choose them again?&rdquo;</>}
      columns={["Dimension", `ρ with ${noun}' score (95% CI)`, "ρ with the pair's gap (95% CI)"]}
    >
      {figures.map((dimension) => (
        <tr key={dimension.key}>
          <RowHeader>{names.get(dimension.key) ?? dimension.key}</RowHeader>
          <td className="p-2">{rank(dimension.score)}</td>
          <td className="p-2">{rank(dimension.gap)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
