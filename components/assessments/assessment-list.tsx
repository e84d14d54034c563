import { callName } from "@/server/people/call-name";
import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import { formatDay } from "@/components/ui/format";
import type { MyAssessment } from "@/server/assessments/list-my-assessments";

function describe(assessment: MyAssessment): { status: string; tone: "slate" | "brand" | "amber"; action: string; href: string } {
  const first = callName(assessment.other);
  const page = `/assessments/${assessment.id}`;
  if (assessment.state === "revealed") return { status: "Results ready", tone: "brand", action: "See results", href: `${page}/results` };
  if (assessment.state === "closed") return { status: "Closed without both answers", tone: "slate", action: "View", href: page };
  if (assessment.mine === "submitted") return { status: `Submitted · waiting for ${first}`, tone: "slate", action: "View", href: page };
  if (assessment.mine === "draft")
    return { status: assessment.otherSubmitted ? `In progress · ${first} has submitted` : "In progress", tone: "amber", action: "Continue", href: page };
  return { status: assessment.otherSubmitted ? `Not started · ${first} has submitted` : "Not started", tone: "amber", action: "Start", href: page };
}

export function AssessmentList({ assessments }: { assessments: MyAssessment[] }) {
  return (
    <ul className="space-y-3">
      {assessments.map((assessment) => {
        const shown = describe(assessment);
        return (
          <li key={assessment.id}>
            <Card className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="font-semibold text-slate-900">
                  {assessment.title} with {assessment.other.name}
                </p>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                  <Badge tone={shown.tone}>{shown.status}</Badge>
                  <span>as {assessment.side === "manager" ? "manager" : "report"}</span>
                  {assessment.dueOn && assessment.state === "open" ? <span>· due {formatDay(assessment.dueOn)}</span> : null}
                </p>
              </div>
              <Link
                href={shown.href}
                aria-label={`${shown.action}: ${assessment.title} with ${assessment.other.name}`}
                className="inline-flex min-h-11 shrink-0 items-center justify-center rounded-lg bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800"
              >
                {shown.action}
              </Link>
            </Card>
          </li>
        );
      })}
    </ul>
  );
}
