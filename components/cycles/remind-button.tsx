"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/card";

/** Reminds everyone who hasn't submitted; HR is told neither who nor how many. */
export function RemindButton({ cycleId }: { cycleId: string }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const remind = useMutation(trpc.cycles.remind.mutationOptions({ onSuccess: () => setConfirming(false) }));
  return (
    <div className="space-y-2">
      {confirming ? (
        <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <p>Email a reminder to everyone in this cycle who hasn&apos;t submitted yet? You won&apos;t see who they are. One round per 12 hours.</p>
          <div className="flex flex-wrap gap-2">
            <Button type="button" onClick={() => remind.mutate({ cycleId })} disabled={remind.isPending}>
              {remind.isPending ? "Sending…" : "Send reminders"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => (remind.reset(), setConfirming(true))}>
          Remind those who haven&apos;t answered…
        </Button>
      )}
      {remind.isSuccess ? (
        <p role="status" className="text-sm text-emerald-800">
          Reminders sent.
        </p>
      ) : null}
      <ErrorText error={remind.error} />
    </div>
  );
}
