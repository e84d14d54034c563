"use client";

import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card } from "@/components/ui/card";
import { ActionItems } from "./action-items";
import { Agenda } from "./agenda";
import { formatMeetingDay, formatMeetingStart, formatMeetingTimes } from "./format";
import { PrivateNote, SharedNotes } from "./notes";
import { fieldClass, labelClass } from "@/components/ui/field";

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
          {editable ? <ApplyTemplate meetingId={meeting.id} /> : null}
        </Card>
      </section>

      <section aria-labelledby="actions-heading" className="space-y-3">
        <h2 id="actions-heading" className="text-lg font-semibold">
          Action items
        </h2>
        <p className="text-sm text-slate-700">Open items move to your next 1:1 automatically once this one is over.</p>
        <ActionItems
          meetingId={meeting.id}
          items={data.actionItems}
          people={[people.manager, people.report]}
          meId={data.me.id}
          timeZone={meeting.timeZone}
          canAdd={editable}
        />
      </section>

      <section aria-labelledby="notes-heading" className="space-y-4">
        <h2 id="notes-heading" className="text-lg font-semibold">
          Notes
        </h2>
        <div className="grid gap-6 lg:grid-cols-2">
          <SharedNotes meetingId={meeting.id} meId={data.me.id} body={data.sharedNotes.body} version={data.sharedNotes.version} readOnly={!editable} />
          <PrivateNote meetingId={meeting.id} meId={data.me.id} body={data.privateNote.body} />
        </div>
      </section>
    </div>
  );
}

function ApplyTemplate({ meetingId }: { meetingId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const templates = useQuery(trpc.meetings.templates.queryOptions());
  const [ref, setRef] = useState("");
  const [result, setResult] = useState<string | null>(null);
  const apply = useMutation(
    trpc.meetings.applyTemplate.mutationOptions({
      onSuccess: async ({ added, skipped }) => {
        // Say what happened once the agenda shows it.
        await queryClient.invalidateQueries({ queryKey: trpc.meetings.get.queryKey({ meetingId }) });
        setResult(
          added === 0
            ? "Everything in this template is already on the agenda."
            : `Added ${added} ${added === 1 ? "item" : "items"}${skipped ? ` (${skipped} already on the agenda)` : ""}.`,
        );
      },
    }),
  );
  const list = templates.data ?? [];
  const groups = [
    { label: "Built-in", items: list.filter((t) => t.kind === "builtin") },
    { label: "Your organization's", items: list.filter((t) => t.kind === "org") },
    { label: "Yours", items: list.filter((t) => t.kind === "personal") },
  ].filter((g) => g.items.length > 0);
  const chosen = list.find((t) => t.ref === ref);

  return (
    <form
      className="space-y-2 border-t border-slate-200 pt-4"
      onSubmit={(e) => {
        e.preventDefault();
        setResult(null);
        if (ref) apply.mutate({ meetingId, templateRef: ref });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={`${ids}-template`} className={labelClass}>
            Start from a template
          </label>
          <select id={`${ids}-template`} className={fieldClass} value={ref} onChange={(e) => setRef(e.target.value)} disabled={templates.isPending}>
            <option value="">{templates.isPending ? "Loading templates…" : "Choose a template"}</option>
            {groups.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.items.map((t) => (
                  <option key={t.ref} value={t.ref}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary" disabled={!ref || apply.isPending}>
          Add its items
        </Button>
      </div>
      {chosen ? <p className="text-sm text-slate-700">{chosen.purpose}</p> : null}
      <p role="status" aria-live="polite" className="text-sm text-emerald-800">
        {result}
      </p>
      {apply.error ? (
        <p role="alert" className="text-sm text-red-700">
          {apply.error.message}
        </p>
      ) : null}
      <p className="text-sm">
        <Link href="/one-on-ones/templates" className="underline">
          Manage templates
        </Link>
      </p>
    </form>
  );
}
