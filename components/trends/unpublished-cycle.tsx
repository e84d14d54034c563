import { participationRows } from "@/components/cycles/participation-labels";
import { CellValue } from "@/components/trends/cell";
import { RefreshWhilePreparing } from "@/components/trends/refresh-while-preparing";
import { Card } from "@/components/ui/card";
import { formatDay } from "@/components/ui/format";
import type { Cell } from "@/server/analysis/anonymity";

interface Props {
  name: string;
  closesOn: string;
  state: "open" | "preparing";
  k: number;
  participation: { invited: Cell<number>; employeeSubmitted: Cell<number>; managerSubmitted: Cell<number>; complete: Cell<number> } | null;
}

/** What HR sees of a cycle with no published figures: when they will appear and, while it is open, participation as a whole. */
export function UnpublishedCycle({ name, closesOn, state, k, participation }: Props) {
  if (state === "preparing") {
    return (
      <Card className="space-y-2 p-4 text-slate-700" role="status">
        <p className="font-medium text-slate-900">{name} has closed. Its figures are being prepared.</p>
        <p className="text-sm">They are computed once, in the background, and appear here within a minute. This page refreshes by itself.</p>
        <RefreshWhilePreparing />
      </Card>
    );
  }
  return (
    <Card className="space-y-4 p-4 text-slate-700">
      <div className="space-y-1">
        <p className="font-medium text-slate-900">
          {name} is open. Its figures appear once it closes (on {formatDay(closesOn)}, or earlier if you close it).
        </p>
        <p className="text-sm">
          They are published once, from at least {k} people on each side of every figure, with everyone counted in the groups as they stood when the cycle
          opened. Until then nothing computed from answers is shown: a figure that changed with each submission would tell what that person answered.
        </p>
      </div>
      {participation ? (
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" aria-label="Participation so far, for the whole cycle">
          {participationRows(participation).map(([label, cell]) => (
            <div key={label} className="rounded-lg bg-slate-50 p-3">
              <dt className="text-slate-600">{label}</dt>
              <dd className="text-lg font-semibold text-slate-900">
                <CellValue cell={cell} format={String} k={k} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </Card>
  );
}
