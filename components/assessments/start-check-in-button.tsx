"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

export function StartCheckInButton({ pairId, otherName }: { pairId: string; otherName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const start = useMutation(
    trpc.assessments.startCheckIn.mutationOptions({
      onSuccess: ({ assessmentId }) => router.push(`/assessments/${assessmentId}`),
    }),
  );
  return (
    <div className="space-y-1">
      <Button type="button" variant="secondary" className="w-full sm:w-auto" disabled={start.isPending} onClick={() => start.mutate({ pairId })}>
        {start.isPending ? "Starting…" : `Start a check-in with ${otherName.split(" ")[0]}`}
      </Button>
      {start.error ? (
        <p role="alert" className="text-sm text-red-700">
          {start.error.message}
        </p>
      ) : null}
    </div>
  );
}
