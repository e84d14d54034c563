import type { Cell } from "@/server/analysis/anonymity";

// One definition of a cycle's participation, worded the same on Cycles and Trends (and computed
// the same: server/cycles/participation.ts while open, the published figures once
// closed). People, not responses: a manager answers once for each report, and counts once.

export interface ParticipationCells {
  invited: Cell<number>;
  employeeSubmitted: Cell<number>;
  managerSubmitted: Cell<number>;
  complete: Cell<number>;
}

export function participationRows(cells: ParticipationCells): [label: string, cell: Cell<number>][] {
  return [
    ["Pairs invited", cells.invited],
    ["Reports who submitted (people)", cells.employeeSubmitted],
    ["Managers who submitted (people, each counted once)", cells.managerSubmitted],
    ["Pairs where both submitted", cells.complete],
  ];
}

export const PARTICIPATION_NOTE =
  "Counted in people: a manager with several reports in the cycle counts once among managers, and each of their pairs once among pairs.";
