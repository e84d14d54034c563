"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/card";

/** Open or close a cycle, each behind an explicit confirmation. */
export function CycleActions({ cycleId, status, name }: { cycleId: string; status: "draft" | "open" | "closed"; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const done = { onSuccess: () => (setConfirming(false), router.refresh()) };
  const open = useMutation(trpc.cycles.open.mutationOptions(done));
  const close = useMutation(trpc.cycles.close.mutationOptions(done));
  if (status === "closed") return null;
  const action = status === "draft" ? open : close;
  const verb = status === "draft" ? "Open" : "Close";
  const warning =
    status === "draft"
      ? "Opening creates an assessment for every pair in scope and emails both people. The anonymity threshold is fixed for this cycle from now on."
      : "Closing ends answering. Pairs where one side has not submitted are closed without revealing anything.";
  return (
    <div className="space-y-2">
      {confirming ? (
        <div className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
          <p>{warning}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="button" onClick={() => action.mutate({ cycleId })} disabled={action.isPending}>
              {action.isPending ? `${verb === "Open" ? "Opening" : "Closing"}…` : `${verb} “${name}”`}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" variant={status === "draft" ? "primary" : "secondary"} onClick={() => setConfirming(true)}>
          {verb} cycle…
        </Button>
      )}
      <ErrorText error={action.error} />
    </div>
  );
}
