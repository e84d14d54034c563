"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/card";
import { ConfirmPanel } from "./confirm-panel";

/** Reminds everyone who hasn't submitted; HR is told neither who nor how many. */
export function RemindButton({ cycleId }: { cycleId: string }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const remind = useMutation(trpc.cycles.remind.mutationOptions({ onSuccess: () => setConfirming(false) }));
  return (
    <div className="space-y-2">
      {confirming ? (
        <ConfirmPanel
          confirmLabel={remind.isPending ? "Sending…" : "Send reminders"}
          pending={remind.isPending}
          onConfirm={() => remind.mutate({ cycleId })}
          onCancel={() => setConfirming(false)}
        >
          Email a reminder to everyone in this cycle who hasn&apos;t submitted yet? You won&apos;t see who they are. One round per 12 hours.
        </ConfirmPanel>
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
