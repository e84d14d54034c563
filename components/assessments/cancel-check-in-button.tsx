"use client";

import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";

// The question and the cancelling are needed only once the button is pressed: a chunk of their
// own, fetched as soon as the button is hovered, touched or focused.
const loadConfirm = () => import("./cancel-check-in-confirm");
const CancelCheckInConfirm = lazy(loadConfirm);
const preload = () => void loadConfirm().catch(() => {});

export function CancelCheckInButton({ assessmentId, otherFirstName }: { assessmentId: string; otherFirstName: string }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button type="button" variant="ghost" onFocus={preload} onPointerEnter={preload} onPointerDown={preload} onClick={() => setConfirming(true)}>
        Cancel this check-in…
      </Button>
    );
  }
  return (
    <Suspense fallback={null}>
      <CancelCheckInConfirm assessmentId={assessmentId} otherFirstName={otherFirstName} onKeep={() => setConfirming(false)} />
    </Suspense>
  );
}
