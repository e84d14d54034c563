"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { planNextMeetingAction } from "@/app/(app)/actions";
import { callAction } from "@/components/trpc/call-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatMeetingStart } from "./format";

type PlanResult = Awaited<ReturnType<typeof planNextMeetingAction>>;

/** "Plan our next 1:1": the dashboard's gaps, blind spots and topics become the next meeting's agenda. */
export function PlanNextMeeting({ pairId, assessmentId }: { pairId: string; assessmentId: string }) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<PlanResult | null>(null);
  const plan = {
    isPending: pending,
    data: result?.data,
    error: result?.error,
    mutate: (input: { pairId: string; assessmentId: string }) =>
      startTransition(async () => {
        setResult(null);
        setResult(await callAction(() => planNextMeetingAction(input)));
      }),
  };
  const noSeries = plan.error?.code === "CONFLICT" && plan.error.message.startsWith("Set up");
  return (
    <Card className="space-y-3 border-brand-100 bg-brand-50/40 p-4 sm:p-5">
      <div>
        <h2 className="text-lg font-semibold">Talk it through</h2>
        <p className="text-slate-700">Add the gaps, blind spots and topics below to the agenda of your next 1:1, each with a question to start the conversation.</p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" disabled={plan.isPending} onClick={() => plan.mutate({ pairId, assessmentId })}>
          {plan.isPending ? "Planning…" : "Plan our next 1:1"}
        </Button>
        <Link href={`/pairs/${pairId}/one-on-ones`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-800 underline">
          Your 1:1 schedule
        </Link>
      </div>
      <div role="status" aria-live="polite" className="text-sm">
        {plan.data ? (
          <p className="text-emerald-900">
            {plan.data.added === 0 ? "All of it is already on the agenda of " : `Added ${plan.data.added} ${plan.data.added === 1 ? "item" : "items"} to `}
            <Link href={`/meetings/${plan.data.meetingId}`} className="font-medium underline">
              your 1:1 on {formatMeetingStart(plan.data.startsAt, plan.data.timeZone)}
            </Link>
            .
          </p>
        ) : null}
      </div>
      {plan.error ? (
        <p role="alert" className="text-sm text-red-700">
          {plan.error.message}{" "}
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
