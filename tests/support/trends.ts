import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, cycles, pairs, responses } from "@/db/schema";
import type { Side } from "@/server/assessments/item-bank";
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
