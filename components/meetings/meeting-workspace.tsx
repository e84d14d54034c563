"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { recordTypingBeforeHydration } from "@/components/ui/use-typed-before-hydration";

// The agenda, the template picker, the action items and the notes are chunks of their own: the
// page's first script is this frame and the meeting's data. The server renders them as usual, so
// they show at once, and the browser fetches them as soon as this module runs, alongside
// hydration, the agenda first. Until a chunk has hydrated its fields, what is typed into them is
// recorded (components/ui/use-typed-before-hydration.ts) and taken over when it has.
const loadAgenda = () => import("./agenda");
const loadApplyTemplate = () => import("./apply-template");
const loadActionItems = () => import("./action-items");
const loadNotes = () => import("./notes");
if (typeof window !== "undefined") {
  recordTypingBeforeHydration();
  void loadAgenda();
  void loadApplyTemplate();
  void loadActionItems();
  void loadNotes();
}
const Agenda = lazy(() => loadAgenda().then((m) => ({ default: m.Agenda })));
const ActionItems = lazy(() => loadActionItems().then((m) => ({ default: m.ActionItems })));
const SharedNotes = lazy(() => loadNotes().then((m) => ({ default: m.SharedNotes })));
const PrivateNote = lazy(() => loadNotes().then((m) => ({ default: m.PrivateNote })));
const ApplyTemplate = lazy(() => loadApplyTemplate().then((m) => ({ default: m.ApplyTemplate })));

/** The agenda, action items and notes; the page renders the header above (meeting-header.tsx). */
export function MeetingWorkspace({ meetingId }: { meetingId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.meetings.get.queryOptions({ meetingId }));
  const { meeting, people } = data;
  const editable = !(meeting.pairEnded && meeting.state === "upcoming");

  return (
    <>
      <section aria-labelledby="agenda-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="agenda-heading" className="text-lg font-semibold">
            Agenda
          </h2>
        </div>
        <Card className="space-y-4 p-4">
          <Suspense>
            <Agenda meetingId={meeting.id} items={data.agenda} editable={editable} />
          </Suspense>
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
    </>
  );
}
