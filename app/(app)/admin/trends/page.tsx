import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { z } from "zod";
import { TrendChart, type TrendSeries } from "@/components/pairs/trend-chart";
import { PARTICIPATION_NOTE, participationRows } from "@/components/cycles/participation-labels";
import { CellValue, HeatLegend } from "@/components/trends/cell";
import { Heatmap } from "@/components/trends/heatmap";
import { ResearchFigures } from "@/components/trends/research-figures";
import { ExportTrendsButton } from "@/components/trends/export-button";
import { UnpublishedCycle } from "@/components/trends/unpublished-cycle";
import { ALL_TEAMS_UP_TO, findTeams, heatmapRows, TEAMS_FOUND_SHOWN } from "@/components/trends/heatmap-rows";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { getItemBank } from "@/server/assessment/item-bank";
import { hiddenText } from "@/server/analysis/anonymity";
import { getCaller, orNotFound } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Trends" };

const METRICS = {
  employee: { label: "Reports' view", kind: "mean" as const },
  manager: { label: "Managers' view", kind: "mean" as const },
  gap: { label: "Mean gap", kind: "gap" as const },
};
type Metric = keyof typeof METRICS;
const two = (v: number) => v.toFixed(2);
const pct = (v: number) => `${Math.round(v * 100)}%`;

export default async function TrendsPage({ searchParams }: { searchParams: Promise<{ cycle?: string; group?: string; metric?: string; team?: string }> }) {
  const params = await searchParams;
  const cycleId = params.cycle && z.uuid().safeParse(params.cycle).success ? params.cycle : undefined;
  const metric: Metric = params.metric === "manager" || params.metric === "gap" ? params.metric : "employee";
  const caller = await getCaller();
  const view = await orNotFound(caller.trends.cycle({ cycleId }));

  if (!view.cycle) {
    return (
      <div className="space-y-6">
        <PageHeader title="Trends">Anonymized figures appear here once a cycle has closed.</PageHeader>
        <Card className="p-4 text-slate-700">
          No cycle has opened yet. <Link href="/admin/cycles" className="font-medium text-brand-800 underline">Open one</Link>.
        </Card>
      </div>
    );
  }

  const cycleNav = (
    <nav aria-label="Cycles" className="flex flex-wrap gap-2">
      {view.cycles.map((c) => (
        <Link key={c.id} href={`/admin/trends?${new URLSearchParams({ cycle: c.id, metric })}`} aria-current={c.id === view.cycle!.id ? "page" : undefined} className={`inline-flex min-h-11 items-center rounded-lg border px-3 text-sm ${c.id === view.cycle!.id ? "border-brand-700 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100"}`}>
          {c.name}
          {c.figures === "published" ? null : <span className="ml-1 text-slate-600">({c.figures === "open" ? "open" : "being prepared"})</span>}
        </Link>
      ))}
    </nav>
  );
  const group = view.groups.find((g) => g.id === params.group) ?? view.groups[0];
  if (view.cycle.figures !== "published" || !group) {
    return (
      <div className="space-y-8">
        <PageHeader title="Trends">Anonymized figures of closed cycles: every figure comes from at least {view.k} people on each side it reports. No answers of anyone, ever.</PageHeader>
        {cycleNav}
        <UnpublishedCycle name={view.cycle.name} closesOn={view.cycle.closesOn} state={view.cycle.figures === "open" ? "open" : "preparing"} k={view.k} participation={view.participation} />
      </div>
    );
  }

  const series = await orNotFound(caller.trends.series({ groupId: group.id }));
  const bank = getItemBank(1);
  const href = (p: { cycle?: string; group?: string; metric?: string }) => {
    const q = new URLSearchParams({ cycle: p.cycle ?? view.cycle!.id, group: p.group ?? group.id, metric: p.metric ?? metric });
    return `/admin/trends?${q}`;
  };
  const trend: TrendSeries[] = bank.dimensions.map((d) => ({
    key: d.key,
    name: d.name,
    points: series.map((s) => {
      const dim = s.dimensions.find((x) => x.key === d.key);
      return {
        label: s.cycle.name.replace(/ relationship check$/, ""),
        mine: dim && !dim.mean.employee.hidden ? dim.mean.employee.value : null,
        theirs: dim && !dim.mean.manager.hidden ? dim.mean.manager.value : null,
      };
    }),
  }));
  const chooseLabels = Object.fromEntries(bank.chooseAgain.options.map((o) => [o.value, o.label.employee]));
  const teams = view.groups.filter((g) => g.kind === "team");
  const heatmapGroups = heatmapRows(view.groups, group);
  const teamsLeftOut = teams.length - heatmapGroups.filter((g) => g.kind === "team").length;
  const teamQuery = (params.team ?? "").trim().slice(0, 100);
  const found = findTeams(teams, teamQuery);

  return (
    <div className="space-y-8">
      <PageHeader title="Trends">
        Anonymized: every figure comes from at least {view.k} people on each side it reports, and no combination of figures, in this cycle or with earlier ones, narrows below that. Published once, when the cycle closed, for the groups as they stood when it opened. No answers of anyone, ever.
      </PageHeader>

      {cycleNav}

      <section aria-labelledby="heatmap" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="heatmap" className="text-lg font-semibold">By group and dimension</h2>
          <ExportTrendsButton cycleId={view.cycle.id} />
        </div>
        <nav aria-label="Figure shown" className="flex flex-wrap gap-2 text-sm">
          {(Object.keys(METRICS) as Metric[]).map((m) => (
            <Link key={m} href={href({ metric: m })} aria-current={m === metric ? "true" : undefined} className={`inline-flex min-h-11 items-center rounded-lg px-3 ${m === metric ? "bg-brand-50 font-semibold text-brand-900" : "text-brand-800 underline"}`}>
              {METRICS[m].label}
            </Link>
          ))}
        </nav>
        <HeatLegend kind={METRICS[metric].kind} />
        <p aria-hidden="true" className="text-xs text-slate-600 sm:hidden">Scroll sideways for every column →</p>
        <Card className="overflow-x-auto" tabIndex={0} role="region" aria-label="Heatmap by group and dimension (scrolls sideways)">
          {/* A boundary of its own: React hydrates it in short slices after the rest of the page. */}
          <Suspense>
            <Heatmap
              caption={`${METRICS[metric].label} per group and dimension, ${view.cycle.name}`}
              columns={bank.dimensions.map((d) => d.name)}
              rows={heatmapGroups.map((g) => {
                const cells = g.dimensions.map((d) => {
                  const c = metric === "gap" ? d.meanAbsGap : d.mean[metric];
                  // Two decimals are shown; rounding here keeps the payload short.
                  return c.hidden ? null : Math.round(c.value * 100) / 100;
                });
                return { id: g.id, name: g.name, kind: g.kind, depth: g.depth, cells: cells.every((c) => c === null) ? null : cells };
              })}
              selectedId={group.id}
              kind={METRICS[metric].kind}
              hrefOf={`/admin/trends?${new URLSearchParams({ cycle: view.cycle.id, metric })}`}
              hiddenText={hiddenText(view.k)}
            />
          </Suspense>
        </Card>
        <p className="text-sm text-slate-600">
          Means on the 1–5 scale; the gap is the mean absolute difference between a report and their manager. A team is a manager and everyone below them, directly or not, as
          reporting lines stood when the cycle opened. Select a group for its detail.
          {teamsLeftOut > 0 ? ` With ${teams.length.toLocaleString("en")} teams, the heatmap shows the two top levels and, once you select a team, the teams above it and those directly in it (${teamsLeftOut.toLocaleString("en")} not shown now; find any team below).` : null}
        </p>
      </section>

      {teams.length > 0 ? (
        <section aria-labelledby="teams" className="space-y-2">
          <h2 id="teams" className="text-lg font-semibold">Teams</h2>
          {/* Plain GET forms: choosing a team works without JavaScript, and the URL can be shared. */}
          {teams.length <= ALL_TEAMS_UP_TO ? (
            <form action="/admin/trends" method="get" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="cycle" value={view.cycle.id} />
              <input type="hidden" name="metric" value={metric} />
              <div className="min-w-0 grow sm:grow-0">
                <label htmlFor="team" className="block text-sm font-medium text-slate-700">Team</label>
                <select id="team" name="group" defaultValue={group.kind === "team" ? group.id : teams[0]!.id} className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base sm:w-80 sm:text-sm">
                  {teams.map((g) => (
                    <option key={g.id} value={g.id}>{g.name}</option>
                  ))}
                </select>
              </div>
              <Button type="submit" variant="secondary">Show team</Button>
            </form>
          ) : (
            // Thousands of teams make a list nobody can scroll: find one by its manager's name.
            <>
              <form action="/admin/trends" method="get" role="search" aria-label="Find a team" className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="cycle" value={view.cycle.id} />
                <input type="hidden" name="metric" value={metric} />
                <input type="hidden" name="group" value={group.id} />
                <div className="min-w-0 grow sm:grow-0">
                  <label htmlFor="team-search" className="block text-sm font-medium text-slate-700">Find a team by its manager&apos;s name</label>
                  <input id="team-search" name="team" type="search" defaultValue={teamQuery} className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base sm:w-80 sm:text-sm" />
                </div>
                <Button type="submit" variant="secondary">Find team</Button>
              </form>
              {teamQuery ? (
                found.length > 0 ? (
                  <ul aria-label="Teams found" className="space-y-1 text-sm">
                    {found.slice(0, TEAMS_FOUND_SHOWN).map((g) => (
                      <li key={g.id}>
                        <a href={`${href({ group: g.id })}#detail`} className="inline-flex min-h-11 items-center font-medium text-brand-800 underline">{g.name}</a>
                      </li>
                    ))}
                    {found.length > TEAMS_FOUND_SHOWN ? <li className="text-slate-600">{found.length - TEAMS_FOUND_SHOWN} more: type more of the name.</li> : null}
                  </ul>
                ) : (
                  <p className="text-sm text-slate-700">No team of a manager named &ldquo;{teamQuery}&rdquo;.</p>
                )
              ) : null}
            </>
          )}
          <p className="text-sm text-slate-600">Listed top down: each team comes right after the team it is part of. A team too small, or too close to another group, says only &ldquo;{hiddenText(view.k)}&rdquo;.</p>
        </section>
      ) : null}

      <section aria-labelledby="detail" className="space-y-3">
        <h2 id="detail" className="text-lg font-semibold">{group.name}: {view.cycle.name}</h2>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
          {participationRows(group.participation).map(([label, c]) => (
            <div key={label} className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
              <dt className="text-slate-600">{label}</dt>
              <dd className="text-lg font-semibold"><CellValue cell={c} format={String} k={view.k} /></dd>
            </div>
          ))}
          <div className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
            <dt className="text-slate-600">Pairs with a large trust or goals gap</dt>
            <dd className="text-lg font-semibold"><CellValue cell={group.largeTrustOrGoalsGapShare} format={pct} k={view.k} /></dd>
          </div>
        </dl>
        <p className="text-sm text-slate-600">{PARTICIPATION_NOTE}</p>
        <p aria-hidden="true" className="text-xs text-slate-600 sm:hidden">Scroll sideways for every column →</p>
        <Card className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Figures per dimension for ${group.name} (scrolls sideways)`}>
          <table className="w-full min-w-[44rem] text-left text-sm">
            <caption className="sr-only">Figures per dimension for {group.name}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="p-2 font-medium">Dimension</th>
                <th scope="col" className="p-2 font-medium">Reports</th>
                <th scope="col" className="p-2 font-medium">Managers</th>
                <th scope="col" className="p-2 font-medium">Mean gap</th>
                <th scope="col" className="p-2 font-medium">Agreement r (95% CI)</th>
                <th scope="col" className="p-2 font-medium">α reports</th>
                <th scope="col" className="p-2 font-medium">α managers</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {group.dimensions.map((d) => (
                <tr key={d.key}>
                  <th scope="row" className="p-2 font-normal">{d.name}</th>
                  <td className="p-2"><CellValue cell={d.mean.employee} format={two} k={view.k} /></td>
                  <td className="p-2"><CellValue cell={d.mean.manager} format={two} k={view.k} /></td>
                  <td className="p-2"><CellValue cell={d.meanAbsGap} format={two} k={view.k} /></td>
                  <td className="p-2"><CellValue cell={d.agreement} format={(a) => `${two(a.r)} (${two(a.lower)} to ${two(a.upper)})`} /></td>
                  <td className="p-2"><CellValue cell={d.alpha.employee} format={two} k={view.k} /></td>
                  <td className="p-2"><CellValue cell={d.alpha.manager} format={two} k={view.k} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <p className="text-sm text-slate-600">
          Agreement is the correlation between reports&apos; and managers&apos; views across pairs. Research on leader–member relationships finds a typical
          agreement of ρ = {view.benchmark.rho.toFixed(2)} ({view.benchmark.source.split(":")[0]}). α is each scale&apos;s internal consistency (Cronbach).
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          {(["employee", "manager"] as const).map((side) => (
            <Card key={side} className="p-4">
              <h3 className="mb-2 text-sm font-semibold text-slate-700">{side === "employee" ? "Reports" : "Managers"}: would choose again / for, with, against</h3>
              {group.chooseAgain[side].hidden || group.stance[side].hidden ? (
                <p className="text-sm text-slate-600">{hiddenText(view.k)}</p>
              ) : (
                <ul className="space-y-1 text-sm">
                  {Object.entries(group.chooseAgain[side].value).map(([k, v]) => (
                    <li key={k} className="flex justify-between gap-3"><span>{chooseLabels[k] ?? k}</span><span>{pct(v)}</span></li>
                  ))}
                  <li className="border-t border-slate-100 pt-1" />
                  {Object.entries(group.stance[side].value).map(([k, v]) => (
                    <li key={k} className="flex justify-between gap-3"><span>{k === "for" ? "For" : k === "with" ? "With" : "Against"}</span><span>{pct(v)}</span></li>
                  ))}
                </ul>
              )}
            </Card>
          ))}
        </div>
      </section>

      <ResearchFigures group={group} k={view.k} />

      {series.length > 1 ? (
        <section aria-labelledby="over-time" className="space-y-3">
          <h2 id="over-time" className="text-lg font-semibold">{group.name} over time</h2>
          <TrendChart series={trend} describedBy="trend-table" labels={{ mine: "Reports", theirs: "Managers" }} />
          <details>
            <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-800">Show as a table</summary>
            <ScrollRegion label={`Means over time for ${group.name}`}>
              <table id="trend-table" className="w-full text-left text-sm">
                <caption className="sr-only">Reports&apos; and managers&apos; means per dimension and cycle for {group.name}</caption>
                <thead className="border-b border-slate-200 text-slate-700">
                  <tr>
                    <th scope="col" className="p-2 font-medium">Dimension</th>
                    {series.map((s) => (
                      <th key={s.cycle.id} scope="col" className="p-2 font-medium">{s.cycle.name}: reports / managers</th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {bank.dimensions.map((d) => (
                    <tr key={d.key}>
                      <th scope="row" className="p-2 font-normal">{d.name}</th>
                      {series.map((s) => {
                        const dim = s.dimensions.find((x) => x.key === d.key)!;
                        return (
                          <td key={s.cycle.id} className="p-2">
                            <CellValue cell={dim.mean.employee} format={two} k={view.k} /> / <CellValue cell={dim.mean.manager} format={two} k={view.k} />
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </details>
        </section>
      ) : null}
    </div>
  );
}
