import { describe, expect, it } from "vitest";
import { ALL_TEAMS_UP_TO, findTeams, heatmapDisplayRows, heatmapRows, type HeatmapRow } from "@/server/trends/heatmap-rows";

// The trends heatmap of a large organization: the org, every department, the two top levels of
// teams, and around a selected team the teams above it and those directly in it.

type G = { id: string; name: string; kind: "org" | "department" | "team"; depth: number };
const team = (id: string, depth: number): G => ({ id, name: `Team of ${id}`, kind: "team", depth });

/** A tree listed depth first: CEO > (A > (A1 > (A1a, A1b), A2), B > B1), then filler teams under B1. */
function org(filler: number): G[] {
  return [
    { id: "org", name: "Org", kind: "org", depth: 0 },
    { id: "d1", name: "Sales", kind: "department", depth: 0 },
    team("CEO", 0),
    team("A", 1),
    team("A1", 2),
    team("A1a", 3),
    team("A1b", 3),
    team("A2", 2),
    team("B", 1),
    team("B1", 2),
    ...Array.from({ length: filler }, (_, i) => team(`F${i}`, 3)),
  ];
}

const ids = (gs: readonly G[]) => gs.map((g) => g.id);

describe("heatmapRows", () => {
  it(`lists every group when there are at most ${ALL_TEAMS_UP_TO} teams`, () => {
    const groups = org(ALL_TEAMS_UP_TO - 8);
    expect(heatmapRows(groups, groups[0]!)).toEqual(groups);
  });

  it("otherwise lists the org, departments and the two top levels of teams", () => {
    const groups = org(100);
    expect(ids(heatmapRows(groups, groups[0]!))).toEqual(["org", "d1", "CEO", "A", "B"]);
  });

  it("around a selected team: the teams above it, itself and those directly in it, in list order", () => {
    const groups = org(100);
    expect(
      ids(
        heatmapRows(
          groups,
          groups.find((g) => g.id === "A1")!,
        ),
      ),
    ).toEqual(["org", "d1", "CEO", "A", "A1", "A1a", "A1b", "B"]);
    expect(
      ids(
        heatmapRows(
          groups,
          groups.find((g) => g.id === "A1b")!,
        ),
      ),
    ).toEqual(["org", "d1", "CEO", "A", "A1", "A1b", "B"]);
    expect(
      ids(
        heatmapRows(
          groups,
          groups.find((g) => g.id === "B1")!,
        ),
      ).slice(0, 7),
    ).toEqual(["org", "d1", "CEO", "A", "B", "B1", "F0"]);
    expect(
      heatmapRows(
        groups,
        groups.find((g) => g.id === "B1")!,
      ),
    ).toHaveLength(106);
  });
});

describe("findTeams", () => {
  it("matches any part of the name, ignoring case and surrounding spaces; nothing for an empty query", () => {
    const teams = [team("Ana Lima", 0), team("Bo Lindqvist", 1), team("Cy", 1)];
    expect(ids(findTeams(teams, "  LI "))).toEqual(["Ana Lima", "Bo Lindqvist"]);
    expect(findTeams(teams, "   ")).toEqual([]);
    expect(findTeams(teams, "zz")).toEqual([]);
  });
});

describe("heatmapDisplayRows", () => {
  const row = (id: string, kind: string, depth: number, shown: boolean): HeatmapRow => ({ id, name: id, kind, depth, cells: shown ? [3.5, null] : null });
  const ids = (rows: HeatmapRow[]) => heatmapDisplayRows(rows).map((run) => run.map((r) => r.id).join("+"));

  it("lists neighbouring wholly hidden rows of the same kind and level in one row, and keeps every group", () => {
    const rows = [
      row("org", "org", 0, true),
      row("Sales", "department", 0, false),
      row("Legal", "department", 0, false),
      row("Ops", "department", 0, true),
      row("IT", "department", 0, false),
      row("CEO", "team", 0, false),
      row("A", "team", 1, false),
      row("B", "team", 1, false),
      row("A1", "team", 2, false),
      row("C", "team", 1, true),
    ];
    expect(ids(rows)).toEqual(["org", "Sales+Legal", "Ops", "IT", "CEO", "A+B", "A1", "C"]);
    expect(heatmapDisplayRows(rows).flat()).toEqual(rows);
  });

  it("never joins a row that has a figure, even partly hidden", () => {
    const partly: HeatmapRow = { id: "P", name: "P", kind: "department", depth: 0, cells: [null, null] };
    expect(ids([row("X", "department", 0, false), partly, row("Y", "department", 0, false)])).toEqual(["X", "P", "Y"]);
  });
});
