import { isLargeDimensionGap } from "@/server/analysis/gaps";
import { cell, enforceEachSide, hiddenCell, suppressTree, type Cell, type GroupNode, type SideCounts } from "@/server/analysis/anonymity";
import { cronbachAlpha, fisherInterval, mean, pearson } from "@/server/analysis/statistics";
import type { DimensionKey, ItemBank, Side } from "@/server/assessment/item-bank";

// Org trend figures for one cycle, computed from submitted responses and released only as
// cells that pass the anonymity rules (PRODUCT.md §5). Pure: the service loads rows and k.

export interface ResponseRow {
  assessmentId: string;
  side: Side;
  respondentId: string;
  answers: Readonly<Record<string, number | string>>;
  /** The pair's group memberships (the report's department). */
  groupIds: readonly string[];
}

export interface GroupDef {
  id: string;
  name: string;
  kind: "org" | "department";
  /** Assessments (pairs) invited in this group. */
  invited: number;
}

const SIDES: readonly Side[] = ["employee", "manager"];

function dimensionMean(answers: ResponseRow["answers"], items: readonly string[]): number | null {
  return mean(items.map((k) => answers[k]).filter((v): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 5));
}

function distribution(rows: readonly ResponseRow[], key: string, values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(values.map((v) => [v, 0]));
  let total = 0;
  for (const r of rows) {
    const v = r.answers[key];
    if (typeof v === "string" && v in counts) {
      counts[v]! += 1;
      total += 1;
    }
  }
  // Shares, not counts: a share of a group that passed the threshold reveals no small count.
  return Object.fromEntries(values.map((v) => [v, total ? counts[v]! / total : 0]));
}

export interface DimensionFigures {
  key: DimensionKey;
  name: string;
  mean: Record<Side, Cell<number>>;
  meanAbsGap: Cell<number>;
  agreement: Cell<{ r: number; lower: number; upper: number; pairs: number }>;
  alpha: Record<Side, Cell<number>>;
}

export interface GroupFigures {
  id: string;
  name: string;
  kind: GroupDef["kind"];
  /** Hidden on both sides: nothing of this group is shown. */
  hidden: boolean;
  /** Sides whose figures are all hidden for this group. */
  hiddenSides: Side[];
  participation: { invited: Cell<number>; employeeSubmitted: Cell<number>; managerSubmitted: Cell<number>; complete: Cell<number> };
  dimensions: DimensionFigures[];
  largeTrustOrGoalsGapShare: Cell<number>;
  chooseAgain: Record<Side, Cell<Record<string, number>>>;
  stance: Record<Side, Cell<Record<string, number>>>;
}

/** A count is itself a figure: shown only when it is at least k. */
function countCell(n: number, k: number, suppressed: boolean): Cell<number> {
  return suppressed || n < k ? hiddenCell() : { hidden: false, value: n, n: {} };
}

export function computeCycleFigures(bank: ItemBank, groups: readonly GroupDef[], rows: readonly ResponseRow[], k: number): GroupFigures[] {
  const rowsOf = (groupId: string) => rows.filter((r) => r.groupIds.includes(groupId));
  const membersOf = (groupRows: readonly ResponseRow[]) => ({
    employee: new Set(groupRows.filter((r) => r.side === "employee").map((r) => r.respondentId)),
    manager: new Set(groupRows.filter((r) => r.side === "manager").map((r) => r.respondentId)),
  });
  const members = new Map(groups.map((g) => [g.id, membersOf(rowsOf(g.id))]));
  const counts = (id: string): SideCounts => ({ employee: members.get(id)!.employee.size, manager: members.get(id)!.manager.size });

  // Which groups may be shown at all. Reports belong to one department, so on the employee
  // side departments are disjoint parts of the org and the tree rules apply (threshold,
  // complement, secondary suppression). A manager can have reports in several departments, so
  // on the manager side: the threshold, no two published groups differing by 1..k−1 managers,
  // and the managers outside every published department must be none or at least k.
  const root = groups.find((g) => g.kind === "org")!;
  const departmentGroups = groups.filter((g) => g.kind === "department");
  const employeesOnly = (id: string): SideCounts => ({ employee: counts(id).employee, manager: 0 });
  const tree: GroupNode = { id: root.id, counts: employeesOnly(root.id), children: departmentGroups.map((g) => ({ id: g.id, counts: employeesOnly(g.id) })) };
  const hidden: Record<Side, Set<string>> = {
    employee: suppressTree(tree, k, ["employee"], enforceEachSide(groups.map((g) => ({ groupId: g.id, members: { employee: members.get(g.id)!.employee } })), k)),
    manager: enforceEachSide(groups.map((g) => ({ groupId: g.id, members: { manager: members.get(g.id)!.manager } })), k),
  };
  for (const g of groups) if (counts(g.id).manager < k) hidden.manager.add(g.id);
  for (;;) {
    const shown = departmentGroups.filter((g) => !hidden.manager.has(g.id));
    const covered = new Set(shown.flatMap((g) => [...members.get(g.id)!.manager]));
    const residue = [...members.get(root.id)!.manager].filter((id) => !covered.has(id)).length;
    if (hidden.manager.has(root.id) || residue === 0 || residue >= k || shown.length === 0) break;
    const smallest = [...shown].sort((a, b) => counts(a.id).manager - counts(b.id).manager || (a.id < b.id ? -1 : 1))[0]!;
    hidden.manager.add(smallest.id);
  }

  return groups.map((g) => {
    const groupRows = rowsOf(g.id);
    const c = counts(g.id);
    const hiddenOn = (side: Side) => hidden[side].has(g.id);
    const suppressedFor = (sides: readonly Side[]) => sides.some(hiddenOn);
    const bySide = (side: Side) => groupRows.filter((r) => r.side === side);
    const byAssessment = new Map<string, Partial<Record<Side, ResponseRow>>>();
    for (const r of groupRows) byAssessment.set(r.assessmentId, { ...byAssessment.get(r.assessmentId), [r.side]: r });
    const complete = [...byAssessment.values()].filter((p): p is Record<Side, ResponseRow> => Boolean(p.employee && p.manager));
    // Pair figures need k distinct people on both sides among complete pairs.
    const pairCounts: SideCounts = { employee: new Set(complete.map((p) => p.employee.respondentId)).size, manager: new Set(complete.map((p) => p.manager.respondentId)).size };

    const dimensions: DimensionFigures[] = bank.dimensions.map((d) => {
      const items = d.items.map((i) => i.key);
      const sideMean = (side: Side) => mean(bySide(side).map((r) => dimensionMean(r.answers, items)).filter((v): v is number => v !== null));
      const gaps = complete.map((p) => {
        const e = dimensionMean(p.employee.answers, items);
        const m = dimensionMean(p.manager.answers, items);
        return e === null || m === null ? null : Math.abs(e - m);
      });
      const corr = pearson(
        complete.map((p) => dimensionMean(p.employee.answers, items)),
        complete.map((p) => dimensionMean(p.manager.answers, items)),
      );
      const alpha = (side: Side) =>
        cronbachAlpha(bySide(side).map((r) => items.map((key) => (typeof r.answers[key] === "number" ? (r.answers[key] as number) : null))));
      const valueCell = <T,>(value: T | null, sideCounts: SideCounts, sides: readonly Side[]): Cell<T> =>
        value === null ? hiddenCell() : cell(value, sideCounts, k, sides, suppressedFor(sides));
      return {
        key: d.key,
        name: d.name,
        mean: { employee: valueCell(sideMean("employee"), c, ["employee"]), manager: valueCell(sideMean("manager"), c, ["manager"]) },
        meanAbsGap: valueCell(mean(gaps.filter((x): x is number => x !== null)), pairCounts, SIDES),
        agreement: valueCell(corr ? { r: corr.r, ...fisherInterval(corr.r, corr.n), pairs: corr.n } : null, pairCounts, SIDES),
        alpha: { employee: valueCell(alpha("employee")?.alpha ?? null, c, ["employee"]), manager: valueCell(alpha("manager")?.alpha ?? null, c, ["manager"]) },
      };
    });

    const trustGoals = complete.map((p) =>
      (["trust", "goals"] as const).some((key) => {
        const items = bank.dimensions.find((d) => d.key === key)!.items.map((i) => i.key);
        const e = dimensionMean(p.employee.answers, items);
        const m = dimensionMean(p.manager.answers, items);
        return e !== null && m !== null && isLargeDimensionGap(e - m);
      }),
    );
    const chooseValues = bank.chooseAgain.options.map((o) => o.value);
    const stanceValues = bank.stance.options.map((o) => o.value);
    return {
      id: g.id,
      name: g.name,
      kind: g.kind,
      hidden: hiddenOn("employee") && hiddenOn("manager"),
      hiddenSides: SIDES.filter(hiddenOn),
      participation: {
        // One report per pair: invited pairs count reports, an employee-side figure.
        invited: countCell(g.invited, k, hiddenOn("employee")),
        employeeSubmitted: countCell(c.employee, k, hiddenOn("employee")),
        managerSubmitted: countCell(c.manager, k, hiddenOn("manager")),
        complete: countCell(complete.length, k, suppressedFor(SIDES)),
      },
      dimensions,
      largeTrustOrGoalsGapShare: complete.length ? cell(trustGoals.filter(Boolean).length / complete.length, pairCounts, k, SIDES, suppressedFor(SIDES)) : hiddenCell(),
      chooseAgain: {
        employee: cell(distribution(bySide("employee"), bank.chooseAgain.key, chooseValues), c, k, ["employee"], hiddenOn("employee")),
        manager: cell(distribution(bySide("manager"), bank.chooseAgain.key, chooseValues), c, k, ["manager"], hiddenOn("manager")),
      },
      stance: {
        employee: cell(distribution(bySide("employee"), bank.stance.key, stanceValues), c, k, ["employee"], hiddenOn("employee")),
        manager: cell(distribution(bySide("manager"), bank.stance.key, stanceValues), c, k, ["manager"], hiddenOn("manager")),
      },
    };
  });
}
