"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { lazy, Suspense } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Alert, Badge, Card } from "@/components/ui/card";
import { recordTypingBeforeHydration } from "@/components/ui/use-typed-before-hydration";
import { Agenda } from "./agenda";
import { formatMeetingDay, formatMeetingStart, formatMeetingTimes } from "./format";

// Below the agenda, the template picker, the action items and the notes are chunks of their own,
// hydrated after the agenda: the page's first script is what the agenda needs. The server renders
// them as usual, so they show at once, and the browser fetches them as soon as this module runs,
// alongside hydration. Until a chunk has hydrated its fields, what is typed into them is recorded
// (components/ui/use-typed-before-hydration.ts) and taken over when it has.
const loadApplyTemplate = () => import("./apply-template");
const loadActionItems = () => import("./action-items");
const loadNotes = () => import("./notes");
if (typeof window !== "undefined") {
  recordTypingBeforeHydration();
  void loadApplyTemplate();
  void loadActionItems();
  void loadNotes();
}
const ActionItems = lazy(() => loadActionItems().then((m) => ({ default: m.ActionItems })));
const SharedNotes = lazy(() => loadNotes().then((m) => ({ default: m.SharedNotes })));
const PrivateNote = lazy(() => loadNotes().then((m) => ({ default: m.PrivateNote })));
const ApplyTemplate = lazy(() => loadApplyTemplate().then((m) => ({ default: m.ApplyTemplate })));

export function MeetingWorkspace({ meetingId }: { meetingId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.meetings.get.queryOptions({ meetingId }));
  const { meeting, people } = data;
  const other = data.me.side === "manager" ? people.report : people.manager;
  const editable = !(meeting.pairEnded && meeting.state === "upcoming");

  return (
    <div className="space-y-8">
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
        <Alert tone="info">{meeting.status === "skipped" ? "This meeting is skipped. Its agenda and notes are kept." : "This meeting is no longer part of the schedule. Its agenda and notes are kept."}</Alert>
      ) : null}

      <section aria-labelledby="agenda-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="agenda-heading" className="text-lg font-semibold">
            Agenda
          </h2>
        </div>
        <Card className="space-y-4 p-4">
          <Agenda meetingId={meeting.id} items={data.agenda} editable={editable} />
          {editable ? (
            <Suspense>
              <ApplyTemplate meetingId={meeting.id} />
            </Suspense>
          ) : null}
        </Card>
      </section>

      <section aria-labelledby="actions-heading" className="space-y-3">
        <h2 id="actions-heading" className="text-lg font-semibold">
          Action items
        </h2>
        <p className="text-sm text-slate-700">Open items move to your next 1:1 automatically once this one is over.</p>
        <Suspense>
          <ActionItems
            meetingId={meeting.id}
            items={data.actionItems}
            people={[people.manager, people.report]}
            meId={data.me.id}
            timeZone={meeting.timeZone}
            canAdd={editable}
          />
        </Suspense>
      </section>

      <section aria-labelledby="notes-heading" className="space-y-4">
        <h2 id="notes-heading" className="text-lg font-semibold">
          Notes
        </h2>
        <div className="grid gap-6 lg:grid-cols-2">
          <Suspense>
            <SharedNotes meetingId={meeting.id} meId={data.me.id} body={data.sharedNotes.body} version={data.sharedNotes.version} readOnly={!editable} />
            <PrivateNote meetingId={meeting.id} meId={data.me.id} body={data.privateNote.body} />
          </Suspense>
        </div>
      </section>
    </div>
  );
}
