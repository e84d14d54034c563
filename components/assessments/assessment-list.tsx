import { callName } from "@/server/people/call-name";
import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import { formatDay } from "@/components/ui/format";
import type { MyAssessment } from "@/server/services/assessments/list-my-assessments";

function describe(a: MyAssessment): { status: string; tone: "slate" | "brand" | "amber"; action: string; href: string } {
  const first = callName(a.other);
  const page = `/assessments/${a.id}`;
  if (a.state === "revealed") return { status: "Results ready", tone: "brand", action: "See results", href: `${page}/results` };
  if (a.state === "closed") return { status: "Closed without both answers", tone: "slate", action: "View", href: page };
  if (a.mine === "submitted") return { status: `Submitted · waiting for ${first}`, tone: "slate", action: "View", href: page };
  if (a.mine === "draft") return { status: a.otherSubmitted ? `In progress · ${first} has submitted` : "In progress", tone: "amber", action: "Continue", href: page };
  return { status: a.otherSubmitted ? `Not started · ${first} has submitted` : "Not started", tone: "amber", action: "Start", href: page };
}

export function AssessmentList({ assessments }: { assessments: MyAssessment[] }) {
  return (
    <ul className="space-y-3">
      {assessments.map((a) => {
        const d = describe(a);
        return (
          <li key={a.id}>
            <Card className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="font-semibold text-slate-900">
                  {a.title} with {a.other.name}
                </p>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                  <Badge tone={d.tone}>{d.status}</Badge>
                  <span>as {a.side === "manager" ? "manager" : "report"}</span>
                  {a.dueOn && a.state === "open" ? <span>· due {formatDay(a.dueOn)}</span> : null}
                </p>
              </div>
              <Link
                href={d.href}
                aria-label={`${d.action}: ${a.title} with ${a.other.name}`}
                className="inline-flex min-h-11 shrink-0 items-center justify-center rounded-lg bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800"
              >
                {d.action}
              </Link>
            </Card>
          </li>
        );
      })}
    </ul>
  );
}
