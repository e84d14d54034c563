import type { Metadata } from "next";
import { callName } from "@/server/people/call-name";
import { MyAssessments } from "@/components/assessments/my-assessments";
import { EarlierPairs, MyManagers, MyReports, type PairsNext } from "@/components/pairs/my-pairs";
import { PageHeader } from "@/components/ui/page-header";
import { recentlyRevealed } from "@/server/assessments/list-my-assessments";
import { getCaller, getMe } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage({ searchParams }: { searchParams: Promise<{ reports?: string; assessments?: string }> }) {
  const show = await searchParams;
  const whole = { assessments: show.assessments === "all", reports: show.reports === "all" };
  const caller = await getCaller();
  const [me, assessments, nextMeetings] = await Promise.all([getMe(), caller.assessments.listMine({ current: true }), caller.meetings.mine()]);
  const open = assessments.filter((a) => a.state === "open");
  // Fresh results stay on home, so that nobody has to hunt for them after a reveal.
  const recent = recentlyRevealed(assessments);
  const next: PairsNext = {
    checkInOf: new Map(open.filter((a) => a.kind === "check_in").map((a) => [a.pairId, a.id])),
    meetingOf: new Map(nextMeetings.map((m) => [m.pairId, m])),
  };

  return (
    <div className="space-y-10">
      <PageHeader title={`Hello, ${callName(me.person)}`}>{[me.person.title, me.person.department, me.org.name].filter(Boolean).join(" · ")}</PageHeader>
      <MyAssessments assessments={[...recent, ...open]} whole={whole} />
      <MyManagers pairs={me.pairs.asReport.filter((p) => !p.endedAt)} next={next} />
      <MyReports pairs={me.pairs.asManager.filter((p) => !p.endedAt)} next={next} whole={whole} />
      <EarlierPairs pairs={me.pairs} />
    </div>
  );
}
