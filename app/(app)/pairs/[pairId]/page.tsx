import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PlanNextMeeting } from "@/components/meetings/plan-next-meeting";
import { AssessmentNav } from "@/components/pairs/assessment-nav";
import { BalanceAndReading } from "@/components/pairs/balance-and-reading";
import { BlindSpots } from "@/components/pairs/blind-spots";
import { ClosingAnswers } from "@/components/pairs/closing-answers";
import { DimensionDetails } from "@/components/pairs/dimension-details";
import { GapSummary } from "@/components/pairs/gap-summary";
import { NothingRevealed } from "@/components/pairs/nothing-revealed";
import { PairHeader } from "@/components/pairs/pair-header";
import { PairTrend } from "@/components/pairs/pair-trend";
import { perspectiveOf } from "@/components/pairs/perspective";
import { SharedStrengths } from "@/components/pairs/shared-strengths";
import { getItemBank, personalize } from "@/server/assessments/item-bank";
import { callName } from "@/server/people/call-name";
import { getCaller, orNotFound } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Pair dashboard" };

export default async function PairDashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ pairId: string }>;
  searchParams: Promise<{ assessment?: string }>;
}) {
  const { pairId } = await params;
  const { assessment: assessmentId } = await searchParams;
  if (!z.uuid().safeParse(pairId).success || (assessmentId && !z.uuid().safeParse(assessmentId).success)) notFound();
  const dashboard = await orNotFound((await getCaller()).pairs.dashboard({ pairId, assessmentId }));

  const other = dashboard.mySide === "manager" ? dashboard.pair.report : dashboard.pair.manager;
  const view = perspectiveOf(dashboard.mySide, callName(other));
  const header = <PairHeader dashboard={dashboard} otherName={other.name} view={view} />;
  const current = dashboard.current;

  if (!current) {
    return (
      <div className="space-y-6">
        {header}
        <NothingRevealed dashboard={dashboard} otherFirst={view.otherFirst} />
      </div>
    );
  }

  const bank = getItemBank(current.bankVersion);
  const { strengths } = current.analysis;
  // The statements as the reader was asked them, for the collapsed lists of "Dimension by dimension".
  const statements = Object.fromEntries(
    bank.dimensions.flatMap((dimension) => dimension.items.map((item) => [item.key, personalize(item.text[view.me], other)])),
  );
  return (
    <div className="space-y-10">
      {header}

      <AssessmentNav dashboard={dashboard} currentId={current.id} />

      {dashboard.pair.endedAt ? null : <PlanNextMeeting pairId={dashboard.pair.id} assessmentId={current.id} />}
      <GapSummary
        dimensions={current.analysis.dimensions}
        blindSpots={current.analysis.blindSpots.length}
        strengths={strengths.length}
        me={view.me}
        otherFirst={view.otherFirst}
      />
      <DimensionDetails
        dimensions={current.analysis.dimensions}
        strengths={strengths}
        previousTitle={current.previous?.title ?? null}
        statements={statements}
        me={view.me}
        otherFirst={view.otherFirst}
      />
      <BlindSpots blindSpots={current.analysis.blindSpots} view={view} />
      <BalanceAndReading relationship={current.relationship} me={view.me} otherName={view.otherFirst} />

      <SharedStrengths strengths={strengths} dimensions={bank.dimensions} />

      <ClosingAnswers assessment={current} bank={bank} view={view} />
      <PairTrend
        trend={dashboard.trend}
        assessments={dashboard.assessments.map(({ id, title }) => ({ id, title }))}
        dimensions={bank.dimensions.map(({ key, name }) => ({ key, name }))}
        me={view.me}
        otherFirst={view.otherFirst}
      />

      <p className="text-sm">
        <Link href={`/assessments/${current.id}/results`} className="font-medium text-brand-800 underline">
          Every answer, side by side
        </Link>
      </p>
    </div>
  );
}
