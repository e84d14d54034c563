import { PARTICIPATION_NOTE, participationRows } from "@/components/cycles/participation-labels";
import { CellValue } from "@/components/trends/cell";
import { Card } from "@/components/ui/card";
import { DataTable, RowHeader } from "@/components/ui/table";
import { hiddenText } from "@/server/analysis/anonymity";
import type { ItemBank } from "@/server/assessments/item-bank";
import { percent, twoDecimals } from "./format";
import type { CycleTrends, TrendGroup } from "./trends-view";

const STANCE_WORDS: Record<string, string> = { for: "For", with: "With", against: "Against" };

/** One group's figures in one cycle: participation, each dimension, choosing again and stance. */
export function GroupDetail({
  group,
  cycleName,
  k,
  benchmark,
  bank,
}: {
  group: TrendGroup;
  cycleName: string;
  k: number;
  benchmark: CycleTrends["benchmark"];
  bank: ItemBank;
}) {
  const chooseLabels = Object.fromEntries(bank.chooseAgain.options.map((option) => [option.value, option.label.employee]));
  return (
    <section aria-labelledby="detail" className="space-y-3">
      <h2 id="detail" className="text-lg font-semibold">
        {group.name}: {cycleName}
      </h2>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
        {participationRows(group.participation).map(([label, cell]) => (
          <div key={label} className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
            <dt className="text-slate-600">{label}</dt>
            <dd className="text-lg font-semibold">
              <CellValue cell={cell} format={String} k={k} />
            </dd>
          </div>
        ))}
        <div className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
          <dt className="text-slate-600">Pairs with a large trust or goals gap</dt>
          <dd className="text-lg font-semibold">
            <CellValue cell={group.largeTrustOrGoalsGapShare} format={percent} k={k} />
          </dd>
        </div>
      </dl>
      <p className="text-sm text-slate-600">{PARTICIPATION_NOTE}</p>
      <p aria-hidden="true" className="text-xs text-slate-600 sm:hidden">
        Scroll sideways for every column →
      </p>
      <Card className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Figures per dimension for ${group.name} (scrolls sideways)`}>
        <DataTable
          className="w-full min-w-[44rem] text-left text-sm"
          shaded
          caption={<>Figures per dimension for {group.name}</>}
          columns={["Dimension", "Reports", "Managers", "Mean gap", "Agreement r (95% CI)", "α reports", "α managers"]}
        >
          {group.dimensions.map((dimension) => (
            <tr key={dimension.key}>
              <RowHeader>{dimension.name}</RowHeader>
              <td className="p-2">
                <CellValue cell={dimension.mean.employee} format={twoDecimals} k={k} />
              </td>
              <td className="p-2">
                <CellValue cell={dimension.mean.manager} format={twoDecimals} k={k} />
              </td>
              <td className="p-2">
                <CellValue cell={dimension.meanAbsGap} format={twoDecimals} k={k} />
              </td>
              <td className="p-2">
                <CellValue cell={dimension.agreement} format={(a) => `${twoDecimals(a.r)} (${twoDecimals(a.lower)} to ${twoDecimals(a.upper)})`} />
              </td>
              <td className="p-2">
                <CellValue cell={dimension.alpha.employee} format={twoDecimals} k={k} />
              </td>
              <td className="p-2">
                <CellValue cell={dimension.alpha.manager} format={twoDecimals} k={k} />
              </td>
            </tr>
          ))}
        </DataTable>
      </Card>
      <p className="text-sm text-slate-600">
        Agreement is the correlation between reports&apos; and managers&apos; views across pairs. Research on leader–member relationships finds a typical
        agreement of ρ = {benchmark.rho.toFixed(2)} ({benchmark.source.split(":")[0]}). α is each scale&apos;s internal consistency (Cronbach).
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {(["employee", "manager"] as const).map((side) => (
          <Card key={side} className="p-4">
            <h3 className="mb-2 text-sm font-semibold text-slate-700">
              {side === "employee" ? "Reports" : "Managers"}: would choose again / for, with, against
            </h3>
            {group.chooseAgain[side].hidden || group.stance[side].hidden ? (
              <p className="text-sm text-slate-600">{hiddenText(k)}</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {Object.entries(group.chooseAgain[side].value).map(([answer, share]) => (
                  <li key={answer} className="flex justify-between gap-3">
                    <span>{chooseLabels[answer] ?? answer}</span>
                    <span>{percent(share)}</span>
                  </li>
                ))}
                <li className="border-t border-slate-100 pt-1" />
                {Object.entries(group.stance[side].value).map(([answer, share]) => (
                  <li key={answer} className="flex justify-between gap-3">
                    <span>{STANCE_WORDS[answer] ?? answer}</span>
                    <span>{percent(share)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ))}
      </div>
    </section>
  );
}
