import type { Metadata } from "next";
import { callName } from "@/server/people/call-name";
import { PageHeader } from "@/components/ui/page-header";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DimensionAnswers, OverallAnswers, TopicAnswers, type ResultsView } from "@/components/assessments/answers-comparison";
import { getItemBank, type Side } from "@/server/assessments/item-bank";
import { getCaller, orNotFound } from "@/server/trpc/server";
import { assessmentTitle } from "@/server/assessments/state";

export const metadata: Metadata = { title: "Results" };

const revealedAt = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

export default async function ResultsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const results = await orNotFound((await getCaller()).assessments.results({ assessmentId: id }));
  const me: Side = results.mySide;
  const them: Side = me === "manager" ? "employee" : "manager";
  const theirs = results.sides[them];
  const view: ResultsView = { bank: getItemBank(results.bankVersion), me, them, mine: results.sides[me], theirs, first: callName(theirs) };

  return (
    <div className="space-y-8">
      <PageHeader eyebrow={assessmentTitle(results.cycle?.name)} title={`Your results with ${theirs.name}`}>
        Revealed to you both on {revealedAt.format(results.revealedAt)}. Only the two of you can see these answers.
      </PageHeader>
      <p>
        <Link href={`/pairs/${results.pairId}?assessment=${results.id}`} className="font-medium text-brand-800 underline">
          See where you see things differently, on your dashboard
        </Link>
      </p>

      <OverallAnswers view={view} />
      <DimensionAnswers view={view} />
      <TopicAnswers view={view} />
    </div>
  );
}
