"use client";

import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPCClient } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";

export function CancelCheckInButton({ assessmentId, otherFirstName }: { assessmentId: string; otherFirstName: string }) {
  const client = useTRPCClient();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The plain client, not a React Query mutation: the assessment page loads no React Query.
  async function cancel() {
    setCancelling(true);
    setError(null);
    try {
      await client.assessments.cancelCheckIn.mutate({ assessmentId });
      router.push("/");
    } catch (err) {
      setError(err instanceof TRPCClientError ? err.message : "Could not reach the server. Check your connection and try again.");
      setCancelling(false);
    }
  }
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
        <Button type="button" variant="secondary" onClick={() => void cancel()} disabled={cancelling}>
          {cancelling ? "Cancelling…" : `Yes, cancel it for me and ${otherFirstName}`}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
          Keep it
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
