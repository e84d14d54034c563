"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { startCheckInAction } from "@/app/(app)/actions";
import { callAction } from "@/components/trpc/call-action";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/card";

/** "Start a check-in": asks first, since starting one emails the other person at once. `otherName`: what to call them (their given name). */
export function StartCheckInButton({ pairId, otherName }: { pairId: string; otherName: string }) {
  const router = useRouter();
  const ids = useId();
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = () =>
    startTransition(async () => {
      setError(null);
      const result = await callAction(() => startCheckInAction(pairId));
      if (result.error) setError(result.error.message);
      else router.push(`/assessments/${result.data.assessmentId}`);
    });
  return (
    <div className="space-y-1">
      {confirming ? (
        <div role="group" aria-labelledby={`${ids}-ask`} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <p id={`${ids}-ask`}>
            Start a check-in with {otherName}? We email them that it is waiting for their answers. You each answer on your own; you both see the results once
            you have both submitted.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="button" disabled={pending} onClick={start} autoFocus>
              {pending ? "Starting…" : `Start and email ${otherName}`}
            </Button>
            <Button type="button" variant="ghost" disabled={pending} onClick={() => setConfirming(false)}>
              Not now
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" variant="secondary" className="w-full sm:w-auto" onClick={() => setConfirming(true)}>
          {`Start a check-in with ${otherName}…`}
        </Button>
      )}
      <ErrorText error={error} />
    </div>
  );
}
