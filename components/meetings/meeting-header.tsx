import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import { Alert, Badge } from "@/components/ui/card";
import type { AppRouter } from "@/server/trpc/root";
import { formatMeetingDay, formatMeetingStart, formatMeetingTimes } from "./format";

type MeetingData = inferRouterOutputs<AppRouter>["meetings"]["get"];

/**
 * The meeting's day, times, state and neighbours. Rendered on the server only: nothing on the
 * page changes them, so the page's script does without this markup and the date formatting.
 */
export function MeetingHeader({ data }: { data: MeetingData }) {
  const { meeting, people } = data;
  const other = data.me.side === "manager" ? people.report : people.manager;
  return (
    <>
      <div className="space-y-2">
        <p className="text-sm font-medium text-brand-800">
          <Link href={`/pairs/${meeting.pairId}/one-on-ones`} className="underline">
            1:1s with {other.name}
          </Link>
        </p>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{formatMeetingDay(meeting.startsAt, meeting.timeZone)}</h1>
        <p className="flex flex-wrap items-center gap-2 text-slate-700">
          {formatMeetingTimes(meeting.startsAt, meeting.endsAt, meeting.timeZone)}
          {meeting.state === "now" ? <Badge tone="brand">Happening now</Badge> : null}
          {meeting.state === "past" ? <Badge>Past</Badge> : null}
          {meeting.status === "skipped" ? <Badge tone="amber">Skipped</Badge> : null}
          {meeting.moved ? <Badge tone="amber">Moved</Badge> : null}
        </p>
        <nav aria-label="Meetings" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {data.previous ? (
            <Link href={`/meetings/${data.previous.id}`} className="inline-flex min-h-11 items-center underline">
              ← Previous: {formatMeetingStart(data.previous.startsAt, meeting.timeZone)}
            </Link>
          ) : null}
          {data.next ? (
            <Link href={`/meetings/${data.next.id}`} className="inline-flex min-h-11 items-center underline">
              Next: {formatMeetingStart(data.next.startsAt, meeting.timeZone)} →
            </Link>
          ) : null}
          <a href={`/api/meetings/${meeting.id}/ics`} className="inline-flex min-h-11 items-center underline" download>
            Add to calendar (.ics)
          </a>
        </nav>
      </div>

      {!meeting.live || meeting.status === "skipped" ? (
        <Alert tone="info">
          {meeting.status === "skipped"
            ? "This meeting is skipped. Its agenda and notes are kept."
            : "This meeting is no longer part of the schedule. Its agenda and notes are kept."}
        </Alert>
      ) : null}
    </>
  );
}
