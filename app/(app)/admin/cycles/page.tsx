import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { CreateCycleForm } from "@/components/cycles/create-cycle-form";
import { CycleCard } from "@/components/cycles/cycle-card";
import { Card } from "@/components/ui/card";
import { getCaller, orNotFound } from "@/server/trpc/server";
import { TRPCReactProvider } from "@/components/trpc/client";
import { Section } from "@/components/ui/section";

export const metadata: Metadata = { title: "Cycles" };

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
                <CycleCard cycle={listed} now={now} />
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
