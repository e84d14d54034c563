"use client";

import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { planNextMeetingAction, planPreviewAction } from "@/app/(app)/actions";
import { callAction } from "@/components/trpc/call-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatMeetingStart } from "./format";
import { PlanChoice, type Preview } from "./plan-choice";

type PlanResult = Awaited<ReturnType<typeof planNextMeetingAction>>;
type PreviewResult = Awaited<ReturnType<typeof planPreviewAction>>;

/**
 * "Plan our next 1:1": first a preview of what the dashboard can add to the next meeting's agenda
 * (the largest gaps and blind spots, then both people's topics, pre-selected up to five; the rest
 * and the reflection questions to pick from), then the person's choice is added and the result
 * links to the meeting.
 */
export function PlanNextMeeting({ pairId, assessmentId }: { pairId: string; assessmentId: string }) {
  const ids = useId();
  const plan = usePlan(pairId, assessmentId, `${ids}-legend`);
  const { preview, result, error } = plan;
  const noSeries = error?.code === "CONFLICT" && error.message.startsWith("Set up");

  return (
    <Card className="space-y-3 border-brand-100 bg-brand-50/40 p-4 sm:p-5">
      <div>
        <h2 className="text-lg font-semibold">Talk it through</h2>
        <p className="text-slate-700">
          Choose which gaps, blind spots and topics to put on the agenda of your next 1:1, each with a question to start the conversation.
        </p>
      </div>
      {preview ? (
        <PlanChoice
          ids={ids}
          preview={preview}
          chosen={plan.chosen}
          setChosen={plan.setChosen}
          pending={plan.pending}
          onAdd={plan.add}
          onCancel={plan.cancel}
        />
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" disabled={plan.pending} onClick={plan.openPreview}>
            {plan.pending ? "Loading…" : "Plan our next 1:1"}
          </Button>
          <Link href={`/pairs/${pairId}/one-on-ones`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-800 underline">
            Your 1:1 schedule
          </Link>
        </div>
      )}
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

/** The plan's steps: load the preview (the recommended items chosen), add the choice, or cancel. */
function usePlan(pairId: string, assessmentId: string, legendId: string) {
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
      requestAnimationFrame(() => document.getElementById(legendId)?.focus());
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

  return { pending, preview, chosen, setChosen, result, error, openPreview, add, cancel: () => setPreview(null) };
}
