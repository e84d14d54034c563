import type { Metadata } from "next";
import { callName } from "@/server/people/call-name";
import Link from "next/link";
import { AssessmentList } from "@/components/assessments/assessment-list";
import { StartCheckInButton } from "@/components/assessments/start-check-in-button";
import { NextMeetingLine } from "@/components/meetings/next-meetings";
import { formatMonthYear, PersonCard } from "@/components/people/person-card";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { recentlyRevealed } from "@/server/assessments/list-my-assessments";
import { getCaller, getMe } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const caller = await getCaller();
  const [me, assessments, nextMeetings] = await Promise.all([getMe(), caller.assessments.listMine({ current: true }), caller.meetings.mine()]);
  const managers = me.pairs.asReport.filter((p) => !p.endedAt);
  const reports = me.pairs.asManager.filter((p) => !p.endedAt);
  const open = assessments.filter((a) => a.state === "open");
  // Fresh results stay on home, so that nobody has to hunt for them after a reveal.
  const recent = recentlyRevealed(assessments);
  const checkInInProgress = new Map(open.filter((a) => a.kind === "check_in").map((a) => [a.pairId, a.id]));
  const meetingOf = new Map(nextMeetings.map((m) => [m.pairId, m]));
  const pairAction = (pairId: string, otherName: string) => {
    const inProgress = checkInInProgress.get(pairId);
    const meeting = meetingOf.get(pairId);
    return (
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        {meeting ? <NextMeetingLine row={meeting} /> : null}
        {inProgress ? (
          <Link href={`/assessments/${inProgress}`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-800 underline">
            Check-in in progress
          </Link>
        ) : (
          <StartCheckInButton pairId={pairId} otherName={otherName} />
        )}
        <Link href={`/pairs/${pairId}`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-800 underline">
          Dashboard<span className="sr-only"> with {otherName}</span>
        </Link>
      </div>
    );
  };
  const past = [
    ...me.pairs.asReport
      .filter((p) => p.endedAt)
      .map((p) => ({ id: p.id, text: `You reported to ${p.manager.name}`, startedAt: p.startedAt, endedAt: p.endedAt! })),
    ...me.pairs.asManager
      .filter((p) => p.endedAt)
      .map((p) => ({ id: p.id, text: `${p.report.name} reported to you`, startedAt: p.startedAt, endedAt: p.endedAt! })),
  ].sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime());
  const firstName = callName(me.person);

  return (
    <div className="space-y-10">
      <PageHeader title={`Hello, ${firstName}`}>{[me.person.title, me.person.department, me.org.name].filter(Boolean).join(" · ")}</PageHeader>

      <section aria-labelledby="my-assessments">
        <h2 id="my-assessments" className="mb-3 text-lg font-semibold">
          Assessments
        </h2>
        {open.length > 0 || recent.length > 0 ? (
          <AssessmentList assessments={[...recent, ...open]} />
        ) : (
          <Card className="p-4 text-sm text-slate-700">
            No assessments open right now. Start a check-in with your manager or one of your reports below, whenever you want to take stock together.
          </Card>
        )}
      </section>

      <section aria-labelledby="my-manager">
        <h2 id="my-manager" className="mb-3 text-lg font-semibold">
          My manager
        </h2>
        {managers.length > 0 ? (
          <div className="grid gap-3 sm:grid-cols-2">
            {managers.map((manager) => (
              <PersonCard key={manager.id} person={manager.manager} detail={`Working together since ${formatMonthYear(manager.startedAt)}`}>
                {pairAction(manager.id, manager.manager.name)}
              </PersonCard>
            ))}
          </div>
        ) : (
          <Card className="p-4 text-sm text-slate-700">You have no manager in Tandem. If that is wrong, ask your HR team to update it.</Card>
        )}
      </section>

      <section aria-labelledby="my-reports">
        <h2 id="my-reports" className="mb-3 text-lg font-semibold">
          My reports{reports.length > 0 ? <span className="text-base font-normal text-slate-600"> ({reports.length})</span> : null}
        </h2>
        {reports.length > 0 ? (
          <ul className="grid gap-3 sm:grid-cols-2">
            {reports.map((report) => (
              <li key={report.id}>
                <PersonCard person={report.report} detail={`Working together since ${formatMonthYear(report.startedAt)}`}>
                  {pairAction(report.id, report.report.name)}
                </PersonCard>
              </li>
            ))}
          </ul>
        ) : (
          <Card className="p-4 text-sm text-slate-700">Nobody reports to you in Tandem.</Card>
        )}
      </section>

      {past.length > 0 ? (
        <section aria-labelledby="past-pairs">
          <h2 id="past-pairs" className="mb-3 text-lg font-semibold">
            Earlier
          </h2>
          <ul className="space-y-2 text-sm text-slate-700">
            {past.map((pair) => (
              <li key={pair.id}>
                <Link href={`/pairs/${pair.id}`} className="font-medium text-brand-800 underline">
                  {pair.text}
                </Link>
                , {formatMonthYear(pair.startedAt)} – {formatMonthYear(pair.endedAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
