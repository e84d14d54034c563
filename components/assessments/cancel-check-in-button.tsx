"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

export function CancelCheckInButton({ assessmentId, otherFirstName }: { assessmentId: string; otherFirstName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation(trpc.assessments.cancelCheckIn.mutationOptions({ onSuccess: () => router.push("/") }));
  if (!confirming) {
    return (
      <Button type="button" variant="ghost" onClick={() => setConfirming(true)}>
        Cancel this check-in…
      </Button>
    );
  }
  return (
    <div role="group" aria-label="Cancel the check-in" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <p>Cancel this check-in for both of you? Nothing is revealed, answers already submitted stay private, and either of you can start a new one.</p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => cancel.mutate({ assessmentId })} disabled={cancel.isPending}>
          {cancel.isPending ? "Cancelling…" : `Yes, cancel it for me and ${otherFirstName}`}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
          Keep it
        </Button>
      </div>
      {cancel.error ? (
        <p role="alert" className="text-red-700">
          {cancel.error.message}
        </p>
      ) : null}
    </div>
  );
}
