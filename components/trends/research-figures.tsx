import { MIN_DRIVER_PAIRS } from "@/server/analysis/agreement";
import { hiddenText, MIN_GROUP_SIZE_DEFAULT, type Cell } from "@/server/analysis/anonymity";
import { QUADRANT_HIGH, QUADRANTS, type Quadrant } from "@/server/analysis/relationship";
import type { DriverFigure, GroupFigures, RankFigure } from "@/server/trends/compute";
import type { Side } from "@/server/assessments/item-bank";
import { Card } from "@/components/ui/card";
import { CellValue } from "./cell";
import { percent as pct, twoDecimals as two } from "./format";

// Issue 20's figures for one group of a published cycle: absolute agreement beside Pearson's r,
// the balance of its pairs, how each side reads the other, and what goes with "would you choose
// them again?". Every value arrives as a cell the server already suppressed; this only renders.

const interval = (lower: number | null, upper: number | null) => (lower === null || upper === null ? "interval undefined" : `${two(lower)} to ${two(upper)}`);
const rank = (f: RankFigure | null) => (f ? `${two(f.rho)} (${two(f.lower)} to ${two(f.upper)})` : "–");

const QUADRANT_LABEL: Record<Quadrant, string> = {
  balanced_high: "Balanced high: both rate it high",
  balanced_low: "Balanced low: both rate it low",
  report_higher: "Report rates it higher",
  manager_higher: "Manager rates it higher",
};
const SIDE_NOUN: Record<Side, string> = { employee: "reports", manager: "managers" };

export function ResearchFigures({ group, k }: { group: GroupFigures; k: number | null }) {
  const hidden = hiddenText(k ?? MIN_GROUP_SIZE_DEFAULT);
  return (
    <section aria-labelledby="research" className="space-y-4">
      <h2 id="research" className="text-lg font-semibold">
        Agreement, balance and what matters: {group.name}
      </h2>

      <p className="text-sm text-slate-700">
        <span className="font-semibold text-slate-900">Same order, or the same scores? </span>r says whether reports and managers rank pairs alike; absolute
        agreement (ICC) says whether they give the same scores, and drops when one side rates everything higher. 1 is perfect for both.
      </p>
      <Card className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Agreement per dimension for ${group.name} (scrolls sideways)`}>
        <table className="w-full min-w-[36rem] text-left text-sm">
          <caption className="sr-only">Same order, or the same scores? Agreement r and absolute agreement ICC(A,1) per dimension for {group.name}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="p-2 font-medium">
                Dimension
              </th>
              <th scope="col" className="p-2 font-medium">
                Agreement r (95% CI)
              </th>
              <th scope="col" className="p-2 font-medium">
                Absolute agreement ICC(A,1) (95% CI)
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {group.dimensions.map((dimension) => (
              <tr key={dimension.key}>
                <th scope="row" className="p-2 font-normal">
                  {dimension.name}
                </th>
                <td className="p-2">
                  <CellValue k={k} cell={dimension.agreement} format={(a) => `${two(a.r)} (${two(a.lower)} to ${two(a.upper)})`} />
                </td>
                <td className="p-2">
                  <CellValue k={k} cell={dimension.absoluteAgreement} format={(a) => `${two(a.icc)} (${interval(a.lower, a.upper)})`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="space-y-3 p-4">
          <h3 className="font-semibold">Balance of pairs</h3>
          <p className="text-sm text-slate-700">
            Where each pair sits when both sides&apos; overall ratings are split at {QUADRANT_HIGH}. Balanced high pairs go with the best outcomes in research;
            the other three are where a conversation helps most.
          </p>
          <QuadrantShares cell={group.balance} hidden={hidden} />
        </Card>
        <Card className="space-y-3 p-4">
          <h3 className="font-semibold">How well each side reads the other</h3>
          <p className="text-sm text-slate-700">
            From each person&apos;s predictions of the other&apos;s view, averaged over pairs. A smaller miss is a closer read.
          </p>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Prediction accuracy and assumed similarity per side for {group.name}</caption>
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                <th scope="col" className="p-2 font-medium">
                  Predicting side
                </th>
                <th scope="col" className="p-2 font-medium">
                  Mean miss
                </th>
                <th scope="col" className="p-2 font-medium">
                  Within half a point
                </th>
                <th scope="col" className="p-2 font-medium">
                  Distance to own view
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {(["employee", "manager"] as const).map((side) => {
                const reading = group.reading[side];
                return (
                  <tr key={side}>
                    <th scope="row" className="p-2 font-normal">
                      {side === "employee" ? "Reports reading managers" : "Managers reading reports"}
                    </th>
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
            </tbody>
          </table>
          <p className="text-xs text-slate-600">
            Distance to own view: how far predictions were from the predictor&apos;s own answers. Near 0, people expected the other to see it just as they do.
          </p>
        </Card>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        {(["employee", "manager"] as const).map((side) => (
          <Drivers key={side} side={side} cell={group.chooseAgainDrivers[side]} names={new Map(group.dimensions.map((d) => [d.key, d.name]))} hidden={hidden} />
        ))}
      </div>

      <details className="text-sm text-slate-700">
        <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-800">How these are computed</summary>
        <div className="space-y-2">
          <p>
            Absolute agreement is the two-way intraclass correlation for the agreement of single ratings, ICC(A,1) (McGraw &amp; Wong 1996, Psychological
            Methods 1(1), 30–46; Shrout &amp; Fleiss 1979&apos;s ICC(2,1)), over the group&apos;s pairs with the report and the manager as the two raters of
            each dimension, with McGraw &amp; Wong&apos;s F-based 95% interval. Pairs where either side answered a dimension only &ldquo;can&apos;t say&rdquo;
            are left out of it.
          </p>
          <p>
            Balance: each side&apos;s overall rating is the mean of its dimension means, high from {QUADRANT_HIGH} (midway between &ldquo;Neither&rdquo; and
            &ldquo;Agree&rdquo;); crossing both gives the four combinations of Cogliser, Schriesheim, Scandura &amp; Gardner (2009), Leadership Quarterly 20(3),
            452–465. A fixed cut-off keeps each pair&apos;s own quadrant independent of other pairs.
          </p>
          <p>
            Reading: per person, the mean absolute difference between their predictions and the other&apos;s dimension means, and the share of dimensions within
            half a point; distance to own view is the same against their own means (accuracy and assumed similarity, Kenny &amp; Acitelli 2001, Journal of
            Personality and Social Psychology 80(3), 439–448). The group figure is the mean over its pairs.
          </p>
          <p>
            What goes with &ldquo;choose again&rdquo;: Spearman&apos;s rank correlation, across the group&apos;s pairs, between one side&apos;s answer to
            &ldquo;would you choose them again?&rdquo; and that side&apos;s score in each dimension, or the pair&apos;s gap in it. The 95% interval uses
            Fisher&apos;s z with Bonett &amp; Wright&apos;s standard error (2000, Psychometrika 65(1), 23–28). It is shown from {MIN_DRIVER_PAIRS} pairs where
            both submitted: below that, even a correlation of 0 has an interval wider than ±0.35, and the order of the dimensions would mostly be chance. Every
            answer counts here, whether or not its author let the other side see it; no one&apos;s answer can be read from it.
          </p>
          <p>
            Every figure on this page passes the same anonymity rules as the means: at least {k ?? MIN_GROUP_SIZE_DEFAULT} people on each side it reports, and
            no difference with another group or cycle isolating fewer.
          </p>
        </div>
      </details>
    </section>
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

function Drivers({ side, cell, names, hidden }: { side: Side; cell: Cell<DriverFigure[]>; names: ReadonlyMap<string, string>; hidden: string }) {
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
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Rank correlation of each dimension with {noun}&apos; answer to &ldquo;would you choose them again?&rdquo;</caption>
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                <th scope="col" className="p-2 font-medium">
                  Dimension
                </th>
                <th scope="col" className="p-2 font-medium">
                  ρ with {noun}&apos; score (95% CI)
                </th>
                <th scope="col" className="p-2 font-medium">
                  ρ with the pair&apos;s gap (95% CI)
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {cell.value.map((dimension) => (
                <tr key={dimension.key}>
                  <th scope="row" className="p-2 font-normal">
                    {names.get(dimension.key) ?? dimension.key}
                  </th>
                  <td className="p-2">{rank(dimension.score)}</td>
                  <td className="p-2">{rank(dimension.gap)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Card>
  );
}
