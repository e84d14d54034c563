import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { CreateCycleForm } from "@/components/cycles/create-cycle-form";
import { CycleActions } from "@/components/cycles/cycle-actions";
import { CycleScheduleNote } from "@/components/cycles/cycle-schedule-note";
import { RemindButton } from "@/components/cycles/remind-button";
import { Badge, Card } from "@/components/ui/card";
import { formatDay } from "@/components/ui/format";
import { PARTICIPATION_NOTE, participationRows } from "@/components/cycles/participation-labels";
import { CellValue } from "@/components/trends/cell";
import { getCaller, orNotFound } from "@/server/trpc/server";
import { TRPCReactProvider } from "@/components/trpc/client";
import { Section } from "@/components/ui/section";

export const metadata: Metadata = { title: "Cycles" };

const statusLabel = { draft: "Draft", open: "Open", closed: "Closed" } as const;

export default async function CyclesPage() {
  const caller = await getCaller();
  // Members get the same "not found" as for any page that isn't theirs.
  const [cycles, departments, calendar] = await Promise.all([
    orNotFound(caller.cycles.list()),
    orNotFound(caller.cycles.departments()),
    orNotFound(caller.cycles.calendar()),
  ]);
  const now = new Date();

  return (
    <TRPCReactProvider>
      <div className="space-y-8">
        <PageHeader title="Assessment cycles">
          Run a round of relationship assessments. While a cycle is open you see how many people have answered, never who, and no figures; when it closes its
          figures are published on Trends. A count from fewer people than the cycle&apos;s minimum group size is not shown: it says &ldquo;fewer than 5
          people&rdquo; (with that minimum) instead.
        </PageHeader>

        <Section id="cycle-list" title="Cycles">
          {cycles.length === 0 ? <Card className="p-4 text-sm text-slate-700">No cycles yet. Create the first one below.</Card> : null}
          <ul className="space-y-3">
            {cycles.map((listed) => (
              <li key={listed.id}>
                <Card className="space-y-4 p-4 sm:p-5">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div>
                      <h3 className="font-semibold">{listed.name}</h3>
                      <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                        <Badge tone={listed.status === "open" ? "brand" : "slate"}>{statusLabel[listed.status]}</Badge>
                        <span>
                          {formatDay(listed.opensOn)} to {formatDay(listed.closesOn)}
                        </span>
                        <span>· {listed.allDepartments ? "all pairs" : listed.departments.join(", ")}</span>
                        {listed.minGroupSize ? <span>· groups of at least {listed.minGroupSize}</span> : null}
                      </p>
                      <div className="mt-2">
                        <CycleScheduleNote cycle={listed} now={now} />
                      </div>
                    </div>
                    <div className="flex flex-col gap-2 sm:items-end">
                      {listed.status === "open" ? <RemindButton cycleId={listed.id} /> : null}
                      <CycleActions cycleId={listed.id} status={listed.status} name={listed.name} />
                    </div>
                  </div>
                  {listed.status !== "draft" ? (
                    listed.participation ? (
                      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
                        {participationRows(listed.participation).map(([label, cell]) => (
                          <div key={label} className="rounded-lg bg-slate-50 p-3">
                            <dt className="text-slate-600">{label}</dt>
                            <dd className="text-xl font-semibold text-slate-900">
                              <CellValue cell={cell} format={String} k={listed.minGroupSize} />
                            </dd>
                          </div>
                        ))}
                      </dl>
                    ) : (
                      <p className="text-sm text-slate-700">Closed. Its figures are being prepared and appear on Trends within a minute.</p>
                    )
                  ) : null}
                  {listed.status === "open" ? (
                    <p className="text-sm text-slate-600">
                      {PARTICIPATION_NOTE} For the whole cycle. Trends show no figures of this cycle until it closes: then they are published once, from the
                      groups as they stood when it opened.
                    </p>
                  ) : null}
                </Card>
              </li>
            ))}
          </ul>
        </Section>

        <Section id="new-cycle" title="New cycle">
          <Card className="p-4 sm:p-5">
            <CreateCycleForm departments={departments} today={calendar.today} timeZone={calendar.timeZone} />
          </Card>
        </Section>
      </div>
    </TRPCReactProvider>
  );
}
