// Which groups the trends page lists when an organization has thousands of teams. The server
// (server/trends/org-trends.ts) chooses them with these, and reads only their figures.

/** Up to this many teams, every team is a row of the heatmap and in the team list. */
export const ALL_TEAMS_UP_TO = 40;
export const TEAMS_FOUND_SHOWN = 25;

/**
 * The heatmap's rows: the organization, every department, and the teams. A large organization
 * has thousands of teams, so then only the two top levels are rows, plus, for a selected team,
 * the teams above it, itself and the teams directly in it: a drill-down that keeps the page
 * light. Teams come depth first, each right after the team it is part of.
 */
export function heatmapRows<G extends { id: string; kind: string; depth: number }>(groups: readonly G[], selected: G): G[] {
  const teams = groups.filter((g) => g.kind === "team");
  if (teams.length <= ALL_TEAMS_UP_TO) return [...groups];
  const at = teams.findIndex((t) => t.id === selected.id);
  const shown = new Set<string>();
  if (at >= 0) {
    const team = teams[at]!;
    shown.add(team.id);
    // Above: the nearest earlier team one level up, and so on to the top.
    for (let i = at - 1, depth = team.depth; i >= 0 && depth > 0; i--) {
      if (teams[i]!.depth < depth) {
        shown.add(teams[i]!.id);
        depth = teams[i]!.depth;
      }
    }
    // Directly in it: the following teams one level down, until the next team at its level or above.
    for (let i = at + 1; i < teams.length && teams[i]!.depth > team.depth; i++) if (teams[i]!.depth === team.depth + 1) shown.add(teams[i]!.id);
  }
  return groups.filter((g) => g.kind !== "team" || g.depth <= 1 || shown.has(g.id));
}

/** Teams whose name holds the query, ignoring case; none for an empty query. */
export function findTeams<G extends { name: string }>(teams: readonly G[], query: string): G[] {
  const needle = query.trim().toLocaleLowerCase("en");
  return needle ? teams.filter((team) => team.name.toLocaleLowerCase("en").includes(needle)) : [];
}

/** A heatmap row: its figure per dimension (null: hidden), or null when the whole row is hidden. */
export interface HeatmapRow {
  id: string;
  name: string;
  kind: string;
  depth: number;
  cells: (number | null)[] | null;
}

/** Rows as shown: neighbouring rows with nothing to show, at the same level, share one row. */
export function heatmapDisplayRows(rows: readonly HeatmapRow[]): HeatmapRow[][] {
  const out: HeatmapRow[][] = [];
  for (const row of rows) {
    const last = out.at(-1);
    const joins = last && row.cells === null && last[0]!.cells === null && last[0]!.kind === row.kind && last[0]!.depth === row.depth;
    if (joins) last.push(row);
    else out.push([row]);
  }
  return out;
}
