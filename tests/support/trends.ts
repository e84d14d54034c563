import { and, eq, isNull } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import { assessments, cycles, pairs, responses } from "@/db/schema";
import type { Side } from "@/server/assessments/item-bank";
import type { createCaller } from "@/server/trpc/root";
import { publishDueFigures } from "@/server/trends/stored-figures";
import { completeAnswers } from "./answers";

/**
 * What the worker does after cycles close: publishes their trend figures, one after another.
 * Tests call it where a person would wait for the figures to appear.
 */
export async function settleTrends(db: Db): Promise<number> {
  let published = 0;
  for (let n = await publishDueFigures(db, 10); n > 0; n = await publishDueFigures(db, 10)) published += n;
  return published;
}

const SIDES: Side[] = ["employee", "manager"];

/**
 * A closed cycle (k 5) over every open pair of the organization, as it stands: an assessment per
 * pair, both sides submitted at `openedAt` unless `answered` says the pair did not answer at all
 * (then both responses are empty drafts). Answers vary between people (with the pair's place,
 * the side and `vary`), so that every statistic has something to compute. Returns the cycle's id.
 */
export async function closedCycleOverOpenPairs(
  db: Db,
  cycle: { orgId: string; name: string; opensOn: string; closesOn: string; dueOn: string; openedAt: Date; closedAt: Date },
  { answered = () => true, vary = 0 }: { answered?: (pair: { reportId: string }) => boolean; vary?: number } = {},
): Promise<string> {
  const { orgId, dueOn, openedAt } = cycle;
  const [row] = await db
    .insert(cycles)
    .values({
      orgId,
      name: cycle.name,
      opensOn: cycle.opensOn,
      closesOn: cycle.closesOn,
      status: "closed",
      bankVersion: 1,
      minGroupSize: 5,
      openedAt,
      closedAt: cycle.closedAt,
    })
    .returning({ id: cycles.id });
  const open = await db
    .select({ id: pairs.id, managerId: pairs.managerId, reportId: pairs.reportId })
    .from(pairs)
    .where(and(eq(pairs.orgId, orgId), isNull(pairs.endedAt)));
  for (const [i, pair] of open.entries()) {
    const [a] = await db
      .insert(assessments)
      .values({ orgId, pairId: pair.id, kind: "cycle", cycleId: row!.id, bankVersion: 1, dueOn })
      .returning({ id: assessments.id });
    const yes = answered(pair);
    await db.insert(responses).values(
      SIDES.map((side, s) => ({
        orgId,
        assessmentId: a!.id,
        side,
        respondentId: side === "employee" ? pair.reportId : pair.managerId,
        answers: yes ? completeAnswers(1, {}, 1 + ((i * 3 + s + vary) % 5)) : {},
        submittedAt: yes ? openedAt : null,
      })),
    );
  }
  return row!.id;
}

export type AnyCell = { hidden: true; reason: string } | { hidden: false; value: unknown };

/** Every cell anywhere in a response. */
export function cellsIn(value: unknown, found: AnyCell[] = []): AnyCell[] {
  if (value && typeof value === "object") {
    if ("hidden" in value && typeof (value as { hidden: unknown }).hidden === "boolean" && ("reason" in value || "value" in value))
      found.push(value as AnyCell);
    else for (const v of Object.values(value)) cellsIn(v, found);
  }
  return found;
}

type Caller = ReturnType<typeof createCaller>;
type CycleTrendsView = Awaited<ReturnType<Caller["trends"]["cycle"]>>;
export type ViewedGroup = NonNullable<CycleTrendsView["group"]>;

const shown = (cell: { hidden: true } | { hidden: false; value: number }) => (cell.hidden ? null : cell.value);

/**
 * `trends.cycle` as HR reads it, with `groups`: the figures of each of its heatmap rows, each
 * read as HR reads one group (`trends.cycle` with its `groupId`), in the rows' order. Checks on
 * the way that each row shows exactly its group's means and gaps, and that the selected group
 * is its row's group.
 */
export async function cycleWithGroups(caller: { trends: Pick<Caller["trends"], "cycle"> }, input: Parameters<Caller["trends"]["cycle"]>[0] = {}) {
  const view = await caller.trends.cycle(input);
  const groups: ViewedGroup[] = [];
  for (const row of view.rows) {
    const { group } = await caller.trends.cycle({ cycleId: view.cycle!.id, groupId: row.id });
    expect(group, `row ${row.name}`).not.toBeNull();
    expect({ id: group!.id, name: group!.name, kind: group!.kind, depth: group!.depth }).toEqual({
      id: row.id,
      name: row.name,
      kind: row.kind,
      depth: row.depth,
    });
    expect(row, `row ${row.name}`).toEqual({
      id: row.id,
      name: row.name,
      kind: row.kind,
      depth: row.depth,
      mean: { employee: group!.dimensions.map((d) => shown(d.mean.employee)), manager: group!.dimensions.map((d) => shown(d.mean.manager)) },
      meanAbsGap: group!.dimensions.map((d) => shown(d.meanAbsGap)),
    });
    groups.push(group!);
  }
  if (view.group) expect(groups.find((g) => g.id === view.group!.id) ?? view.group).toEqual(view.group);
  return { ...view, groups };
}
