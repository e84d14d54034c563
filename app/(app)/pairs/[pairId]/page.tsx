import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PlanNextMeeting } from "@/components/meetings/plan-next-meeting";
import { BalanceAndReading } from "@/components/pairs/balance-and-reading";
import { BlindSpots } from "@/components/pairs/blind-spots";
import { ClosingAnswers } from "@/components/pairs/closing-answers";
import { DimensionDetails } from "@/components/pairs/dimension-details";
import { GapSummary } from "@/components/pairs/gap-summary";
import { NothingRevealed } from "@/components/pairs/nothing-revealed";
import { PairHeader } from "@/components/pairs/pair-header";
import { PairTrend } from "@/components/pairs/pair-trend";
import { perspectiveOf } from "@/components/pairs/perspective";
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

      {dashboard.assessments.length > 1 ? (
        <nav aria-label="Assessments of this pair" className="flex flex-wrap gap-2">
          {dashboard.assessments.map((assessment) => (
            <Link
              key={assessment.id}
              href={`/pairs/${dashboard.pair.id}?assessment=${assessment.id}`}
              aria-current={assessment.id === current.id ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded-lg border px-3 text-sm ${assessment.id === current.id ? "border-brand-700 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100"}`}
            >
              {assessment.title}
            </Link>
          ))}
        </nav>
      ) : null}

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

      {strengths.length > 0 ? (
        <section aria-labelledby="strengths" className="space-y-2">
          <h2 id="strengths" className="text-lg font-semibold">
            Shared strengths
          </h2>
          <p className="text-slate-700">
            You both rate these high and see them alike: {strengths.map((key) => bank.dimensions.find((dimension) => dimension.key === key)?.name).join(", ")}.
          </p>
        </section>
      ) : null}

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
