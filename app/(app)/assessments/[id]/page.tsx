import type { Metadata } from "next";
import { callName } from "@/server/people/call-name";
import { PageHeader } from "@/components/ui/page-header";
import { z } from "zod";
import { notFound } from "next/navigation";
import { AboutStep } from "@/components/assessments/about-step";
import { AssessmentForm } from "@/components/assessments/assessment-form";
import { buildQuestionnaire } from "@/components/assessments/questionnaire";
import { CancelCheckInButton } from "@/components/assessments/cancel-check-in-button";
import { ButtonLink } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { formatDay } from "@/components/ui/format";
import { getItemBank } from "@/server/assessments/item-bank";
import { getCaller, orNotFound } from "@/server/trpc/server";
import { TRPCReactProvider } from "@/components/trpc/client";
import { assessmentTitle } from "@/server/assessments/state";

export const metadata: Metadata = { title: "Assessment" };

export default async function AssessmentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const assessment = await orNotFound((await getCaller()).assessments.get({ assessmentId: id }));
  const first = callName(assessment.other);
  const title = assessmentTitle(assessment.cycle?.name);

  return (
    <TRPCReactProvider>
      <div className="space-y-6">
        <PageHeader eyebrow={title} title={`Your relationship with ${assessment.other.name}`}>
          You answer as {assessment.side === "manager" ? `${first}'s manager` : `${first}'s report`}.
          {assessment.dueOn ? ` Open until ${formatDay(assessment.dueOn)}.` : ""}
        </PageHeader>

        {assessment.state === "revealed" ? (
          <Card className="space-y-3 p-5">
            <p>You have both submitted. Your answers are visible to the two of you.</p>
            <ButtonLink href={`/assessments/${assessment.id}/results`}>See the results</ButtonLink>
          </Card>
        ) : assessment.mine.submittedAt ? (
          <Card className="space-y-2 p-5">
            {(await searchParams).submitted ? <Alert tone="success">Your answers are submitted.</Alert> : null}
            <p className="font-medium">Waiting for {first}.</p>
            <p className="text-slate-700">
              {assessment.state === "closed"
                ? `This assessment closed before ${first} submitted, so nothing is revealed. Your answers stay private.`
                : `As soon as ${first} submits, you will both see both sets of answers. We will email you.`}
            </p>
          </Card>
        ) : assessment.state === "closed" ? (
          <Card className="p-5 text-slate-700">This assessment closed before you submitted. Nothing is revealed to anyone, and your draft stays private.</Card>
        ) : (
          <>
            {assessment.other.submitted ? <Alert tone="info">{first} has submitted. As soon as you submit, you will both see the answers.</Alert> : null}
            <AssessmentForm
              assessmentId={assessment.id}
              questionnaire={buildQuestionnaire(getItemBank(assessment.bankVersion), assessment.side, assessment.other)}
              side={assessment.side}
              other={assessment.other}
              about={
                <AboutStep
                  otherName={assessment.other.name}
                  otherFirst={first}
                  dueOn={assessment.dueOn ? formatDay(assessment.dueOn) : null}
                  trendsCycle={assessment.cycle}
                  minGroupSize={assessment.minGroupSize}
                />
              }
              initialAnswers={assessment.mine.answers}
            />
          </>
        )}
        {assessment.kind === "check_in" && assessment.state === "open" && !assessment.mine.submittedAt && !assessment.other.submitted ? (
          <div className="border-t border-slate-200 pt-4">
            <CancelCheckInButton assessmentId={assessment.id} otherFirstName={first} />
          </div>
        ) : null}
      </div>
    </TRPCReactProvider>
  );
}
