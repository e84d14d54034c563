"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { startCheckInAction } from "@/app/(app)/actions";
import { callAction } from "@/components/trpc/call-action";
import { Button } from "@/components/ui/button";

export function StartCheckInButton({ pairId, otherName }: { pairId: string; otherName: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
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
      <Button type="button" variant="secondary" className="w-full sm:w-auto" disabled={pending} onClick={start}>
        {pending ? "Starting…" : `Start a check-in with ${otherName}`}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
