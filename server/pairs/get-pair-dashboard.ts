import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { builtOnce } from "@/db/built-once";
import type { Db } from "@/db/client";
import { assessments, cycles, pairs, people, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { answersSeenBy } from "@/server/access/assessments";
import { memberOfPair, pairAccessColumns, toPairAccess } from "@/server/access/pairs";
import { analyzePair, dimensionTrend } from "@/server/analysis/gaps";
import { pairRelationship } from "@/server/analysis/relationship";
import { getItemBank, predictionKey, type DimensionKey, type Side } from "@/server/assessments/item-bank";
import { NotFoundError } from "@/server/errors";
import { assessmentState, assessmentTitle } from "@/server/assessments/state";
import { BoundedMemo } from "./analysis-cache";

const employeeSide = alias(responses, "employee_side");
const managerSide = alias(responses, "manager_side");
const managerPerson = alias(people, "manager_person");
const reportPerson = alias(people, "report_person");

// The dashboard's two statements, built once per database (db/built-once.ts): the access check
// and the two names in one (the pair as server/access/pairs.ts sees it, joined to its two
// people), then every assessment of the pair with both sides' responses.
const pairWithPeople = builtOnce((db) =>
  db
    .select({
      pair: pairAccessColumns,
      manager: { id: managerPerson.id, name: managerPerson.name, givenName: managerPerson.givenName },
      report: { id: reportPerson.id, name: reportPerson.name, givenName: reportPerson.givenName },
    })
    .from(pairs)
    .innerJoin(managerPerson, and(eq(managerPerson.orgId, pairs.orgId), eq(managerPerson.id, pairs.managerId)))
    .innerJoin(reportPerson, and(eq(reportPerson.orgId, pairs.orgId), eq(reportPerson.id, pairs.reportId)))
    .where(and(memberOfPair({ orgId: sql.placeholder("orgId"), personId: sql.placeholder("personId") }), eq(pairs.id, sql.placeholder("pairId"))))
    .prepare("pair_dashboard_pair"),
);

const assessmentsOfPair = builtOnce((db) =>
  db
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
    // The pair is the one the statement above found for this reader (same organization, same id).
    .where(and(eq(assessments.orgId, sql.placeholder("orgId")), eq(assessments.pairId, sql.placeholder("pairId"))))
    .orderBy(asc(assessments.createdAt))
    .prepare("pair_dashboard_assessments"),
);

const analyses = new BoundedMemo<{ analysis: ReturnType<typeof analyzePair>; relationship: ReturnType<typeof pairRelationship> }>(2000);
const trends = new BoundedMemo<ReturnType<typeof dimensionTrend>>(2000);

const checkInDay = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/**
 * Everything the pair dashboard shows, in one call, for the pair's two people only: the chosen
 * (or latest) revealed assessment analysed against the one before it, the trend over all of the
 * pair's revealed assessments, and what state the pair is in when nothing is revealed yet.
 * A pair is one manager–report relationship: history with an earlier manager lives on that
 * earlier pair, visible to the two people who were in it.
 */
export async function getPairDashboard(db: Db, actor: Actor, input: { pairId: string; assessmentId?: string }) {
  const params = { orgId: actor.orgId, personId: actor.personId, pairId: input.pairId };
  const [row] = await pairWithPeople(db).execute(params);
  if (!row) throw new NotFoundError();
  const pair = toPairAccess(actor, row.pair);
  const mySide: Side = pair.managerId === actor.personId ? "manager" : "employee";
  const { manager, report } = row;

  const rows = await assessmentsOfPair(db).execute(params);

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
  // Revealed answers are final: what is computed from them is memoized per process, keyed by
  // what decides which answers this reader sees (see analysis-cache.ts).
  const versionOf = (r: (typeof revealed)[number]) => `${r.id}@${r.revealedAt!.getTime()}:${r.employee.share ? 1 : 0}${r.manager.share ? 1 : 0}`;
  const computed =
    current && bank
      ? analyses.get(`${actor.orgId}/${mySide}/${versionOf(current)}/${previous ? versionOf(previous) : "-"}`, () => {
          const analysis = analyzePair(
            bank,
            current.employee.answers,
            current.manager.answers,
            previous ? { bank: getItemBank(previous.bankVersion), employee: previous.employee.answers, manager: previous.manager.answers } : undefined,
          );
          // The pair's balance quadrant and how each read the other: from the two revealed
          // answer sets alone, never from other pairs (server/analysis/relationship.ts).
          const relationship = pairRelationship(analysis.dimensions, current.employee.answers, current.manager.answers, (key) =>
            predictionKey(key as DimensionKey),
          );
          return { analysis, relationship };
        })
      : null;
  const trend =
    revealed.length > 1
      ? trends.get(`${actor.orgId}/${mySide}/${revealed.map(versionOf).join(",")}`, () =>
          dimensionTrend(
            getItemBank,
            revealed.map((r) => ({
              id: r.id,
              revealedAt: r.revealedAt!,
              bankVersion: r.bankVersion,
              employee: r.employee.answers,
              manager: r.manager.answers,
            })),
          ),
        )
      : null;
  return {
    pair: { id: pair.pairId, endedAt: pair.endedAt, manager, report },
    mySide,
    latest: latestStatus,
    assessments: revealed.map((r) => ({ id: r.id, title: titleOf(r), revealedAt: r.revealedAt! })),
    current:
      current && computed
        ? {
            id: current.id,
            title: titleOf(current),
            revealedAt: current.revealedAt!,
            bankVersion: current.bankVersion,
            previous: previous ? { id: previous.id, title: titleOf(previous) } : null,
            analysis: computed.analysis,
            relationship: computed.relationship,
            chooseAgain: { employee: chooseAgain("employee", current), manager: chooseAgain("manager", current) },
            stance: {
              employee: (current.employee.answers.stance as string | undefined) ?? null,
              manager: (current.manager.answers.stance as string | undefined) ?? null,
            },
            topics: {
              employee: (current.employee.answers.topics as string | undefined) ?? null,
              manager: (current.manager.answers.topics as string | undefined) ?? null,
            },
          }
        : null,
    trend,
  };
}
