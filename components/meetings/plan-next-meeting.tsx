"use client";

import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { planNextMeetingAction, planPreviewAction } from "@/app/(app)/actions";
import { callAction } from "@/components/trpc/call-action";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { formatMeetingStart } from "./format";

type PlanResult = Awaited<ReturnType<typeof planNextMeetingAction>>;
type PreviewResult = Awaited<ReturnType<typeof planPreviewAction>>;
type Preview = NonNullable<PreviewResult["data"]>;
type Candidate = Preview["candidates"][number];

const sourceLabels: Record<Candidate["source"], string> = { gap: "Gap", blind_spot: "Blind spot", topic: "Topic", template: "Reflection", person: "" };

/**
 * "Plan our next 1:1": first a preview of what the dashboard can add to the next meeting's agenda
 * (the largest gaps and blind spots, then both people's topics, pre-selected up to five; the rest
 * and the reflection questions to pick from), then the person's choice is added and the result
 * links to the meeting.
 */
export function PlanNextMeeting({ pairId, assessmentId }: { pairId: string; assessmentId: string }) {
  const ids = useId();
  const [pending, startTransition] = useTransition();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<PlanResult | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);

  function openPreview() {
    startTransition(async () => {
      setResult(null);
      setError(null);
      const answer: PreviewResult = await callAction(() => planPreviewAction({ pairId, assessmentId }));
      if (answer.error || !answer.data) {
        setError(answer.error ?? { code: "INTERNAL_SERVER_ERROR", message: "Could not load the plan." });
        return;
      }
      setPreview(answer.data);
      setChosen(new Set(answer.data.candidates.filter((c) => c.recommended && !c.onAgenda).map((c) => c.key)));
      // The choice is below the button: move there, so keyboard and screen reader users land on it.
      requestAnimationFrame(() => document.getElementById(`${ids}-legend`)?.focus());
    });
  }

  function add() {
    const keys = [...chosen];
    startTransition(async () => {
      setError(null);
      const answer = await callAction(() => planNextMeetingAction({ pairId, assessmentId, keys }));
      if (answer.error) {
        setError(answer.error);
        return;
      }
      setResult(answer);
      setPreview(null);
    });
  }

  const noSeries = error?.code === "CONFLICT" && error.message.startsWith("Set up");
  const groups: { title: string; items: Candidate[] }[] = preview
    ? [
        { title: "Gaps and blind spots, largest first", items: preview.candidates.filter((c) => c.source === "gap" || c.source === "blind_spot") },
        { title: "Your topics", items: preview.candidates.filter((c) => c.source === "topic") },
        { title: "Reflection questions", items: preview.candidates.filter((c) => c.source === "template") },
      ].filter((g) => g.items.length > 0)
    : [];
  const selectable = preview?.candidates.filter((c) => !c.onAgenda) ?? [];

  return (
    <Card className="space-y-3 border-brand-100 bg-brand-50/40 p-4 sm:p-5">
      <div>
        <h2 className="text-lg font-semibold">Talk it through</h2>
        <p className="text-slate-700">
          Choose which gaps, blind spots and topics to put on the agenda of your next 1:1, each with a question to start the conversation.
        </p>
      </div>
      {preview ? null : (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" disabled={pending} onClick={openPreview}>
            {pending ? "Loading…" : "Plan our next 1:1"}
          </Button>
          <Link href={`/pairs/${pairId}/one-on-ones`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-800 underline">
            Your 1:1 schedule
          </Link>
        </div>
      )}
      {preview ? (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <fieldset className="space-y-4">
            <legend id={`${ids}-legend`} tabIndex={-1} className="font-medium text-slate-900 outline-none">
              Add to{" "}
              <Link href={`/meetings/${preview.meeting.id}`} className="underline">
                your 1:1 on {formatMeetingStart(preview.meeting.startsAt, preview.meeting.timeZone)}
              </Link>
            </legend>
            <p className="text-sm text-slate-700">The largest differences are chosen for you: about five fit a 30-minute 1:1. Add or remove any.</p>
            {groups.map((group) => (
              <div key={group.title} className="space-y-1">
                <h3 className="text-sm font-semibold text-slate-800">{group.title}</h3>
                <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
                  {group.items.map((candidate) => {
                    const inputId = `${ids}-${candidate.key}`;
                    return (
                      <li key={candidate.key} className="flex items-start gap-3 px-3 py-2">
                        <input
                          id={inputId}
                          type="checkbox"
                          className="mt-1 h-5 w-5 shrink-0"
                          checked={candidate.onAgenda || chosen.has(candidate.key)}
                          disabled={candidate.onAgenda || pending}
                          aria-describedby={candidate.detail ? `${inputId}-detail` : undefined}
                          onChange={(e) =>
                            setChosen((prev) => {
                              const next = new Set(prev);
                              if (e.target.checked) next.add(candidate.key);
                              else next.delete(candidate.key);
                              return next;
                            })
                          }
                        />
                        <div className="min-w-0">
                          <label htmlFor={inputId} className="break-words text-slate-900">
                            {candidate.text}{" "}
                            {sourceLabels[candidate.source] ? (
                              <Badge tone={candidate.source === "template" ? "slate" : "amber"}>{sourceLabels[candidate.source]}</Badge>
                            ) : null}
                            {candidate.onAgenda ? <span className="ml-1 text-sm text-slate-600">(already on the agenda)</span> : null}
                          </label>
                          {candidate.detail ? (
                            <p id={`${inputId}-detail`} className="text-sm break-words text-slate-700">
                              {candidate.detail}
                            </p>
                          ) : null}
                        </div>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </fieldset>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={pending || chosen.size === 0}>
              {pending ? "Adding…" : chosen.size === 0 ? "Choose items to add" : `Add ${chosen.size} ${chosen.size === 1 ? "item" : "items"} to the agenda`}
            </Button>
            <Button type="button" variant="ghost" disabled={pending} onClick={() => setPreview(null)}>
              Cancel
            </Button>
            {selectable.length === 0 ? <p className="text-sm text-slate-700">All of it is already on the agenda.</p> : null}
          </div>
        </form>
      ) : null}
      <div role="status" aria-live="polite" className="text-sm">
        {result?.data ? (
          <p className="text-emerald-900">
            {result.data.added === 0
              ? "All of it is already on the agenda of "
              : `Added ${result.data.added} ${result.data.added === 1 ? "item" : "items"} to `}
            <Link href={`/meetings/${result.data.meetingId}`} className="font-medium underline">
              your 1:1 on {formatMeetingStart(result.data.startsAt, result.data.timeZone)}
            </Link>
            .
          </p>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}{" "}
          {noSeries ? (
            <Link href={`/pairs/${pairId}/one-on-ones`} className="font-medium underline">
              Set up your 1:1
            </Link>
          ) : null}
        </p>
      ) : null}
    </Card>
  );
}
