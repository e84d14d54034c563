import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { assessments, cycles, people, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { answersSeenBy } from "@/server/access/assessments";
import { requirePairMember } from "@/server/access/pairs";
import { analyzePair, dimensionTrend } from "@/server/analysis/gaps";
import { pairRelationship } from "@/server/analysis/relationship";
import { getItemBank, predictionKey, type DimensionKey, type Side } from "@/server/assessments/item-bank";
import { NotFoundError } from "@/server/errors";
import { assessmentState, assessmentTitle } from "@/server/assessments/state";

const employeeSide = alias(responses, "employee_side");
const managerSide = alias(responses, "manager_side");

/**
 * Everything the pair dashboard shows, in one call, for the pair's two people only: the chosen
 * (or latest) revealed assessment analysed against the one before it, the trend over all of the
 * pair's revealed assessments, and what state the pair is in when nothing is revealed yet.
 * A pair is one manager–report relationship: history with an earlier manager lives on that
 * earlier pair, visible to the two people who were in it.
 */

const checkInDay = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
export async function getPairDashboard(db: Db, actor: Actor, input: { pairId: string; assessmentId?: string }) {
  const pair = await requirePairMember(db, actor, input.pairId);
  const mySide: Side = pair.managerId === actor.personId ? "manager" : "employee";

  const names = await db
    .select({ id: people.id, name: people.name, givenName: people.givenName })
    .from(people)
    .where(and(eq(people.orgId, actor.orgId), inArray(people.id, [pair.managerId, pair.reportId])));
  const personOf = (id: string) => {
    const p = names.find((n) => n.id === id);
    if (!p) throw new Error(`pair ${pair.pairId} refers to a missing person`);
    return p;
  };
  const manager = personOf(pair.managerId);
  const report = personOf(pair.reportId);

  const rows = await db
    .select({
      id: assessments.id,
      kind: assessments.kind,
      bankVersion: assessments.bankVersion,
      revealedAt: assessments.revealedAt,
      closedAt: assessments.closedAt,
      createdAt: assessments.createdAt,
      cycleName: cycles.name,
      cycleStatus: cycles.status,
      employee: { answers: employeeSide.answers, share: employeeSide.shareChooseAgain, submittedAt: employeeSide.submittedAt },
      manager: { answers: managerSide.answers, share: managerSide.shareChooseAgain, submittedAt: managerSide.submittedAt },
    })
    .from(assessments)
    .innerJoin(employeeSide, and(eq(employeeSide.orgId, assessments.orgId), eq(employeeSide.assessmentId, assessments.id), eq(employeeSide.side, "employee")))
    .innerJoin(managerSide, and(eq(managerSide.orgId, assessments.orgId), eq(managerSide.assessmentId, assessments.id), eq(managerSide.side, "manager")))
    .leftJoin(cycles, and(eq(cycles.orgId, assessments.orgId), eq(cycles.id, assessments.cycleId)))
    .where(and(eq(assessments.orgId, actor.orgId), eq(assessments.pairId, pair.pairId)))
    .orderBy(asc(assessments.createdAt));

  // Answers leave this function only for revealed assessments, as this side may read them
  // (server/access/assessments.ts); the rest contribute a status.
  const revealed = rows
    .filter((r) => r.revealedAt !== null)
    .sort((a, b) => a.revealedAt!.getTime() - b.revealedAt!.getTime())
    .map((r) => {
      const bank = getItemBank(r.bankVersion);
      const seen = (side: Side) => ({ ...r[side], answers: answersSeenBy(mySide, bank, { side, answers: r[side].answers, shareChooseAgain: r[side].share }) });
      return { ...r, employee: seen("employee"), manager: seen("manager") };
    });
  const latest = rows.at(-1);
  const latestStatus = latest
    ? {
        assessmentId: latest.id,
        title: assessmentTitle(latest.cycleName),
        state: assessmentState(latest),
        mineSubmitted: latest[mySide].submittedAt !== null,
        otherSubmitted: latest[mySide === "manager" ? "employee" : "manager"].submittedAt !== null,
      }
    : null;

  const index = input.assessmentId ? revealed.findIndex((r) => r.id === input.assessmentId) : revealed.length - 1;
  if (input.assessmentId && index === -1) throw new NotFoundError();
  const current = index >= 0 ? revealed[index]! : null;
  const previous = index > 0 ? revealed[index - 1]! : null;

  const bank = current ? getItemBank(current.bankVersion) : null;
  const chooseAgain = (side: Side, r: (typeof revealed)[number]) => (bank ? ((r[side].answers[bank.chooseAgain.key] as string | undefined) ?? null) : null);
  // Several check-ins of one pair would all read "Pair check-in": each is named by its reveal day.
  const titleOf = (r: (typeof revealed)[number]) => r.cycleName ?? `Check-in of ${checkInDay.format(r.revealedAt!)}`;
  const analysis =
    current && bank
      ? analyzePair(
          bank,
          current.employee.answers,
          current.manager.answers,
          previous ? { bank: getItemBank(previous.bankVersion), employee: previous.employee.answers, manager: previous.manager.answers } : undefined,
        )
      : null;
  return {
    pair: { id: pair.pairId, endedAt: pair.endedAt, manager, report },
    mySide,
    latest: latestStatus,
    assessments: revealed.map((r) => ({ id: r.id, title: titleOf(r), revealedAt: r.revealedAt! })),
    current:
      current && analysis
        ? {
            id: current.id,
            title: titleOf(current),
            revealedAt: current.revealedAt!,
            bankVersion: current.bankVersion,
            previous: previous ? { id: previous.id, title: titleOf(previous) } : null,
            analysis,
            // The pair's balance quadrant and how each read the other: from the two revealed
            // answer sets alone, never from other pairs (server/analysis/relationship.ts).
            relationship: pairRelationship(analysis.dimensions, current.employee.answers, current.manager.answers, (key) => predictionKey(key as DimensionKey)),
            chooseAgain: { employee: chooseAgain("employee", current), manager: chooseAgain("manager", current) },
            stance: { employee: (current.employee.answers.stance as string | undefined) ?? null, manager: (current.manager.answers.stance as string | undefined) ?? null },
            topics: { employee: (current.employee.answers.topics as string | undefined) ?? null, manager: (current.manager.answers.topics as string | undefined) ?? null },
          }
        : null,
    trend: revealed.length > 1 ? dimensionTrend(getItemBank, revealed.map((r) => ({ id: r.id, revealedAt: r.revealedAt!, bankVersion: r.bankVersion, employee: r.employee.answers, manager: r.manager.answers }))) : null,
  };
}
