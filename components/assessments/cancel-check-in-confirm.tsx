"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

/** The question CancelCheckInButton (./cancel-check-in-button.tsx) asks once pressed, and the cancelling itself. */
export default function CancelCheckInConfirm({ assessmentId, otherFirstName, onKeep }: { assessmentId: string; otherFirstName: string; onKeep: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const cancel = useMutation(trpc.assessments.cancelCheckIn.mutationOptions({ onSuccess: () => router.push("/") }));
  return (
    <div role="group" aria-label="Cancel the check-in" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <p>Cancel this check-in for both of you? Nothing is revealed, answers already submitted stay private, and either of you can start a new one.</p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => cancel.mutate({ assessmentId })} disabled={cancel.isPending}>
          {cancel.isPending ? "Cancelling…" : `Yes, cancel it for me and ${otherFirstName}`}
        </Button>
        <Button type="button" variant="ghost" onClick={onKeep}>
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
