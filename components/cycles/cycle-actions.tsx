"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/card";
import { ConfirmPanel } from "./confirm-panel";

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
        <ConfirmPanel
          warning
          confirmLabel={action.isPending ? `${verb === "Open" ? "Opening" : "Closing"}…` : `${verb} “${name}”`}
          pending={action.isPending}
          onConfirm={() => action.mutate({ cycleId })}
          onCancel={() => setConfirming(false)}
        >
          {warning}
        </ConfirmPanel>
      ) : (
        <Button type="button" variant={status === "draft" ? "primary" : "secondary"} onClick={() => setConfirming(true)}>
          {verb} cycle…
        </Button>
      )}
      <ErrorText error={action.error} />
    </div>
  );
}
