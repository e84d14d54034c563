import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { z } from "zod";
import { CycleNav } from "@/components/trends/cycle-nav";
import { GroupDetail } from "@/components/trends/group-detail";
import { GroupHeatmap } from "@/components/trends/group-heatmap";
import { GroupOverTime } from "@/components/trends/group-over-time";
import { ResearchFigures } from "@/components/trends/research-figures";
import { TeamPicker } from "@/components/trends/team-picker";
import { metricOf } from "@/components/trends/trends-view";
import { UnpublishedCycle } from "@/components/trends/unpublished-cycle";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getItemBank } from "@/server/assessments/item-bank";
import { getCaller, orNotFound } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Trends" };

export default async function TrendsPage({ searchParams }: { searchParams: Promise<{ cycle?: string; group?: string; metric?: string; team?: string }> }) {
  const params = await searchParams;
  const cycleId = params.cycle && z.uuid().safeParse(params.cycle).success ? params.cycle : undefined;
  const metric = metricOf(params.metric);
  const team = (params.team ?? "").trim().slice(0, 100);
  const caller = await getCaller();
  // Only the selected group's figures and what shows at once are fetched. A group this cycle
  // does not have (a link from another cycle, an edited address) shows the organization.
  const view = await orNotFound(
    caller.trends.cycle({ cycleId, groupId: params.group, team }).catch((err: unknown) => {
      if (params.group !== undefined && err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST"))
        return caller.trends.cycle({ cycleId, team });
      throw err;
    }),
  );

  if (!view.cycle) {
    return (
      <div className="space-y-6">
        <PageHeader title="Trends">Anonymized figures appear here once a cycle has closed.</PageHeader>
        <Card className="p-4 text-slate-700">
          No cycle has opened yet.{" "}
          <Link href="/admin/cycles" className="font-medium text-brand-800 underline">
            Open one
          </Link>
          .
        </Card>
      </div>
    );
  }

  const { cycle, k } = view;
  const cycleNav = <CycleNav cycles={view.cycles} currentId={cycle.id} metric={metric} />;
  const { group } = view;
  if (cycle.figures !== "published" || !group) {
    return (
      <div className="space-y-8">
        <PageHeader title="Trends">
          Anonymized figures of closed cycles: every figure comes from at least {k} people on each side it reports. No answers of anyone, ever.
        </PageHeader>
        {cycleNav}
        <UnpublishedCycle
          name={cycle.name}
          closesOn={cycle.closesOn}
          state={cycle.figures === "open" ? "open" : "preparing"}
          k={k}
          participation={view.participation}
        />
      </div>
    );
  }

  const series = await orNotFound(caller.trends.series({ groupId: group.id }));
  // The questions this cycle was opened with: its dimensions and answer labels.
  const bank = getItemBank(cycle.bankVersion);

  return (
    <div className="space-y-8">
      <PageHeader title="Trends">
        Anonymized: every figure comes from at least {k} people on each side it reports, and no combination of figures, in this cycle or with earlier ones,
        narrows below that. Published once, when the cycle closed, for the groups as they stood when it opened. No answers of anyone, ever.
      </PageHeader>
      {cycleNav}
      <GroupHeatmap
        rows={view.rows}
        teamCount={view.teams.count}
        k={k}
        cycle={cycle}
        group={group}
        metric={metric}
        dimensionNames={bank.dimensions.map((dimension) => dimension.name)}
      />
      {view.teams.count > 0 ? <TeamPicker rows={view.rows} teams={view.teams} k={k} cycleId={cycle.id} group={group} metric={metric} query={team} /> : null}
      <GroupDetail group={group} cycleName={cycle.name} k={k} benchmark={view.benchmark} bank={bank} />
      <ResearchFigures group={group} k={k} />
      {series.length > 1 ? <GroupOverTime groupName={group.name} series={series} k={k} bank={bank} /> : null}
    </div>
  );
}
