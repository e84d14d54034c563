import type { inferRouterOutputs } from "@trpc/server";
import { Badge, Card } from "@/components/ui/card";
import { formatDay } from "@/components/ui/format";
import { CellValue } from "@/components/trends/cell";
import type { AppRouter } from "@/server/trpc/root";
import { CycleActions } from "./cycle-actions";
import { CycleScheduleNote } from "./cycle-schedule-note";
import { PARTICIPATION_NOTE, participationRows } from "./participation-labels";
import { RemindButton } from "./remind-button";

type ListedCycle = inferRouterOutputs<AppRouter>["cycles"]["list"][number];

const statusLabel = { draft: "Draft", open: "Open", closed: "Closed" } as const;

/** One cycle on the cycles page: its dates and scope, what happens next, HR's buttons, and its participation counts. */
export function CycleCard({ cycle, now }: { cycle: ListedCycle; now: Date }) {
  return (
    <Card className="space-y-4 p-4 sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 className="font-semibold">{cycle.name}</h3>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <Badge tone={cycle.status === "open" ? "brand" : "slate"}>{statusLabel[cycle.status]}</Badge>
            <span>
              {formatDay(cycle.opensOn)} to {formatDay(cycle.closesOn)}
            </span>
            <span>· {cycle.allDepartments ? "all pairs" : cycle.departments.join(", ")}</span>
            {cycle.minGroupSize ? <span>· groups of at least {cycle.minGroupSize}</span> : null}
          </p>
          <div className="mt-2">
            <CycleScheduleNote cycle={cycle} now={now} />
          </div>
        </div>
        <div className="flex flex-col gap-2 sm:items-end">
          {cycle.status === "open" ? <RemindButton cycleId={cycle.id} /> : null}
          <CycleActions cycleId={cycle.id} status={cycle.status} name={cycle.name} />
        </div>
      </div>
      {cycle.status !== "draft" ? <CycleParticipation cycle={cycle} /> : null}
      {cycle.status === "open" ? (
        <p className="text-sm text-slate-600">
          {PARTICIPATION_NOTE} For the whole cycle. Trends show no figures of this cycle until it closes: then they are published once, from the groups as they
          stood when it opened.
        </p>
      ) : null}
    </Card>
  );
}

/** How many have answered (counts below the cycle's k hidden), or that a closed cycle's figures are on their way. */
function CycleParticipation({ cycle }: { cycle: ListedCycle }) {
  if (!cycle.participation) return <p className="text-sm text-slate-700">Closed. Its figures are being prepared and appear on Trends within a minute.</p>;
  return (
    <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
      {participationRows(cycle.participation).map(([label, cell]) => (
        <div key={label} className="rounded-lg bg-slate-50 p-3">
          <dt className="text-slate-600">{label}</dt>
          <dd className="text-xl font-semibold text-slate-900">
            <CellValue cell={cell} format={String} k={cycle.minGroupSize} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
