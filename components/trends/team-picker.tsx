import { ALL_TEAMS_UP_TO } from "@/server/trends/heatmap-rows";
import { Button } from "@/components/ui/button";
import { hiddenText } from "@/server/analysis/anonymity";
import { trendsHref, type CycleTrends, type Metric, type TrendRow } from "./trends-view";

/**
 * Choosing a team: a list while there are few, a search by the manager's name when there are
 * thousands. Plain GET forms: choosing a team works without JavaScript, and the URL can be shared.
 */
export function TeamPicker({
  rows,
  teams: { count, found, foundCount },
  k,
  cycleId,
  group,
  metric,
  query,
}: {
  rows: TrendRow[];
  teams: CycleTrends["teams"];
  k: number;
  cycleId: string;
  group: { id: string; kind: string };
  metric: Metric;
  query: string;
}) {
  // Up to ALL_TEAMS_UP_TO teams, every team is a row: the list is theirs.
  const teams = rows.filter((g) => g.kind === "team");
  return (
    <section aria-labelledby="teams" className="space-y-2">
      <h2 id="teams" className="text-lg font-semibold">
        Teams
      </h2>
      {count <= ALL_TEAMS_UP_TO && teams.length === count ? (
        <form action="/admin/trends" method="get" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="cycle" value={cycleId} />
          <input type="hidden" name="metric" value={metric} />
          <div className="min-w-0 grow sm:grow-0">
            <label htmlFor="team" className="block text-sm font-medium text-slate-700">
              Team
            </label>
            <select
              id="team"
              name="group"
              defaultValue={group.kind === "team" ? group.id : teams[0]!.id}
              className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base sm:w-80 sm:text-sm"
            >
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">
            Show team
          </Button>
        </form>
      ) : (
        // Thousands of teams make a list nobody can scroll: find one by its manager's name.
        <>
          <form action="/admin/trends" method="get" role="search" aria-label="Find a team" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="cycle" value={cycleId} />
            <input type="hidden" name="metric" value={metric} />
            <input type="hidden" name="group" value={group.id} />
            <div className="min-w-0 grow sm:grow-0">
              <label htmlFor="team-search" className="block text-sm font-medium text-slate-700">
                Find a team by its manager&apos;s name
              </label>
              <input
                id="team-search"
                name="team"
                type="search"
                defaultValue={query}
                className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base sm:w-80 sm:text-sm"
              />
            </div>
            <Button type="submit" variant="secondary">
              Find team
            </Button>
          </form>
          {query ? (
            found.length > 0 ? (
              <ul aria-label="Teams found" className="space-y-1 text-sm">
                {found.map((team) => (
                  <li key={team.id}>
                    <a
                      href={`${trendsHref({ cycle: cycleId, group: team.id, metric })}#detail`}
                      className="inline-flex min-h-11 items-center font-medium text-brand-800 underline"
                    >
                      {team.name}
                    </a>
                  </li>
                ))}
                {foundCount > found.length ? <li className="text-slate-600">{foundCount - found.length} more: type more of the name.</li> : null}
              </ul>
            ) : (
              <p className="text-sm text-slate-700">No team of a manager named &ldquo;{query}&rdquo;.</p>
            )
          ) : null}
        </>
      )}
      <p className="text-sm text-slate-600">
        Listed top down: each team comes right after the team it is part of. A team too small, or too close to another group, says only &ldquo;{hiddenText(k)}
        &rdquo;.
      </p>
    </section>
  );
}
