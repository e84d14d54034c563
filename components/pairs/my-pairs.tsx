import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { StartCheckInButton } from "@/components/assessments/start-check-in-button";
import { NextMeetingLine, type NextMeetingRow } from "@/components/meetings/next-meetings";
import { formatMonthYear, PersonCard } from "@/components/people/person-card";
import { Card } from "@/components/ui/card";
import { firstOf, ShowAllLink, showAllHref, type ShownWhole } from "@/components/ui/show-all";
import type { AppRouter } from "@/server/trpc/root";

// Home's pairs: the reader's manager, their reports, and the pairs that have ended.

type MyPairs = inferRouterOutputs<AppRouter>["me"]["get"]["pairs"];

/** What home knows of each current pair beyond the pair itself: a check-in under way, the next 1:1. */
export interface PairsNext {
  checkInOf: ReadonlyMap<string, string>;
  meetingOf: ReadonlyMap<string, NextMeetingRow>;
}

/** A current pair's next steps: its next 1:1, the check-in (under way, or to start) and its dashboard. */
function PairActions({ pairId, otherName, next }: { pairId: string; otherName: string; next: PairsNext }) {
  const inProgress = next.checkInOf.get(pairId);
  const meeting = next.meetingOf.get(pairId);
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
}

export function MyManagers({ pairs, next }: { pairs: MyPairs["asReport"]; next: PairsNext }) {
  return (
    <section aria-labelledby="my-manager">
      <h2 id="my-manager" className="mb-3 text-lg font-semibold">
        My manager
      </h2>
      {pairs.length > 0 ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {pairs.map((pair) => (
            <PersonCard key={pair.id} person={pair.manager} detail={`Working together since ${formatMonthYear(pair.startedAt)}`}>
              <PairActions pairId={pair.id} otherName={pair.manager.name} next={next} />
            </PersonCard>
          ))}
        </div>
      ) : (
        <Card className="p-4 text-sm text-slate-700">You have no manager in Tandem. If that is wrong, ask your HR team to update it.</Card>
      )}
    </section>
  );
}

/** Home shows this many report cards; a manager with more reports gets a link to all of them. */
const REPORTS_SHOWN = 12;

export function MyReports({ pairs, next, whole }: { pairs: MyPairs["asManager"]; next: PairsNext; whole: ShownWhole }) {
  const shown = firstOf(pairs, REPORTS_SHOWN, whole.reports);
  return (
    <section aria-labelledby="my-reports">
      <h2 id="my-reports" className="mb-3 text-lg font-semibold">
        My reports{pairs.length > 0 ? <span className="text-base font-normal text-slate-600"> ({pairs.length})</span> : null}
      </h2>
      {pairs.length > 0 ? (
        <ul className="grid gap-3 sm:grid-cols-2">
          {shown.map((pair) => (
            <li key={pair.id}>
              <PersonCard person={pair.report} detail={`Working together since ${formatMonthYear(pair.startedAt)}`}>
                <PairActions pairId={pair.id} otherName={pair.report.name} next={next} />
              </PersonCard>
            </li>
          ))}
        </ul>
      ) : (
        <Card className="p-4 text-sm text-slate-700">Nobody reports to you in Tandem.</Card>
      )}
      <ShowAllLink shown={shown.length} total={pairs.length} href={showAllHref(whole, "reports", "my-reports")} noun="reports" />
    </section>
  );
}

/** Pairs that have ended, the latest first, each linking to its dashboard; nothing when there are none. */
export function EarlierPairs({ pairs }: { pairs: MyPairs }) {
  const past = [
    ...pairs.asReport
      .filter((p) => p.endedAt)
      .map((p) => ({ id: p.id, text: `You reported to ${p.manager.name}`, startedAt: p.startedAt, endedAt: p.endedAt! })),
    ...pairs.asManager
      .filter((p) => p.endedAt)
      .map((p) => ({ id: p.id, text: `${p.report.name} reported to you`, startedAt: p.startedAt, endedAt: p.endedAt! })),
  ].sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime());
  if (past.length === 0) return null;
  return (
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
  );
}
