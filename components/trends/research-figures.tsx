import { hiddenText, type Cell } from "@/server/analysis/anonymity";
import { QUADRANT_HIGH, QUADRANTS, type Quadrant } from "@/server/analysis/relationship";
import type { GroupFigures } from "@/server/trends/compute";
import { Card } from "@/components/ui/card";
import { DataTable, RowHeader } from "@/components/ui/table";
import { CellValue } from "./cell";
import { percent as pct, twoDecimals as two } from "./format";
import { Drivers } from "./research-drivers";
import { ResearchMethod } from "./research-method";

// Issue 20's figures for one group of a published cycle: absolute agreement beside Pearson's r,
// the balance of its pairs, how each side reads the other, and what goes with "would you choose
// them again?". Every value arrives as a cell the server already suppressed; this only renders.

const interval = (lower: number | null, upper: number | null) => (lower === null || upper === null ? "interval undefined" : `${two(lower)} to ${two(upper)}`);

const QUADRANT_LABEL: Record<Quadrant, string> = {
  balanced_high: "Balanced high: both rate it high",
  balanced_low: "Balanced low: both rate it low",
  report_higher: "Report rates it higher",
  manager_higher: "Manager rates it higher",
};

/** `k` is the cycle's minimum group size as the server resolved it (minGroupSizeOf). */
export function ResearchFigures({ group, k }: { group: GroupFigures; k: number }) {
  const hidden = hiddenText(k);
  return (
    <section aria-labelledby="research" className="space-y-4">
      <h2 id="research" className="text-lg font-semibold">
        Agreement, balance and what matters: {group.name}
      </h2>

      <p className="text-sm text-slate-700">
        <span className="font-semibold text-slate-900">Same order, or the same scores? </span>r says whether reports and managers rank pairs alike; absolute
        agreement (ICC) says whether they give the same scores, and drops when one side rates everything higher. 1 is perfect for both.
      </p>
      <AgreementTable group={group} k={k} />

      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="space-y-3 p-4">
          <h3 className="font-semibold">Balance of pairs</h3>
          <p className="text-sm text-slate-700">
            Where each pair sits when both sides&apos; overall ratings are split at {QUADRANT_HIGH}. Balanced high pairs go with the best outcomes in research;
            the other three are where a conversation helps most.
          </p>
          <QuadrantShares cell={group.balance} hidden={hidden} />
        </Card>
        <ReadingCard group={group} hidden={hidden} />
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        {(["employee", "manager"] as const).map((side) => (
          <Drivers key={side} side={side} cell={group.chooseAgainDrivers[side]} names={new Map(group.dimensions.map((d) => [d.key, d.name]))} hidden={hidden} />
        ))}
      </div>

      <ResearchMethod k={k} />
    </section>
  );
}

/** Pearson's r beside absolute agreement, per dimension. */
function AgreementTable({ group, k }: { group: GroupFigures; k: number }) {
  return (
    <Card className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Agreement per dimension for ${group.name} (scrolls sideways)`}>
      <DataTable
        className="w-full min-w-[36rem] text-left text-sm"
        shaded
        caption={<>Same order, or the same scores? Agreement r and absolute agreement ICC(A,1) per dimension for {group.name}</>}
        columns={["Dimension", "Agreement r (95% CI)", "Absolute agreement ICC(A,1) (95% CI)"]}
      >
        {group.dimensions.map((dimension) => (
          <tr key={dimension.key}>
            <RowHeader>{dimension.name}</RowHeader>
            <td className="p-2">
              <CellValue k={k} cell={dimension.agreement} format={(a) => `${two(a.r)} (${two(a.lower)} to ${two(a.upper)})`} />
            </td>
            <td className="p-2">
              <CellValue k={k} cell={dimension.absoluteAgreement} format={(a) => `${two(a.icc)} (${interval(a.lower, a.upper)})`} />
            </td>
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}

/** How well each side predicted the other's view, and how far from their own view the predictions were. */
function ReadingCard({ group, hidden }: { group: GroupFigures; hidden: string }) {
  return (
    <Card className="space-y-3 p-4">
      <h3 className="font-semibold">How well each side reads the other</h3>
      <p className="text-sm text-slate-700">
        From each person&apos;s predictions of the other&apos;s view, averaged over pairs. A smaller miss is a closer read.
      </p>
      <DataTable
        className="w-full text-left text-sm"
        caption={<>Prediction accuracy and assumed similarity per side for {group.name}</>}
        columns={["Predicting side", "Mean miss", "Within half a point", "Distance to own view"]}
      >
        {(["employee", "manager"] as const).map((side) => {
          const reading = group.reading[side];
          return (
            <tr key={side}>
              <RowHeader>{side === "employee" ? "Reports reading managers" : "Managers reading reports"}</RowHeader>
              {reading.hidden ? (
                <td colSpan={3} className="p-2 text-xs text-slate-600">
                  {hidden}
                </td>
              ) : (
                <>
                  <td className="p-2">{two(reading.value.meanAbsError)}</td>
                  <td className="p-2">{pct(reading.value.withinShare)}</td>
                  <td className="p-2">{two(reading.value.assumedSimilarity)}</td>
                </>
              )}
            </tr>
          );
        })}
      </DataTable>
      <p className="text-xs text-slate-600">
        Distance to own view: how far predictions were from the predictor&apos;s own answers. Near 0, people expected the other to see it just as they do.
      </p>
    </Card>
  );
}

/** The quadrant shares as bars, with the same numbers in the table they sit in. */
function QuadrantShares({ cell, hidden }: { cell: Cell<Record<Quadrant, number>>; hidden: string }) {
  if (cell.hidden) return <p className="text-sm text-slate-600">{hidden}</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Share of pairs per balance quadrant</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Quadrant</th>
          <th scope="col">Share of pairs</th>
        </tr>
      </thead>
      <tbody>
        {QUADRANTS.map((quadrant) => (
          <tr key={quadrant} data-quadrant={quadrant}>
            <th scope="row" className="w-1/2 py-1 pr-2 font-normal">
              {QUADRANT_LABEL[quadrant]}
            </th>
            <td className="py-1">
              <span className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="block h-3 rounded bg-brand-700"
                  style={{ width: `${Math.max(2, Math.round(cell.value[quadrant] * 100))}%`, maxWidth: "70%" }}
                />
                <span>{pct(cell.value[quadrant])}</span>
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
