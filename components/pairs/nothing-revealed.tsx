import { StartCheckInButton } from "@/components/assessments/start-check-in-button";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { PairDashboard } from "./perspective";

/** Before the pair's first reveal: where their latest assessment stands, and a way to start one. */
export function NothingRevealed({ dashboard, otherFirst }: { dashboard: PairDashboard; otherFirst: string }) {
  const latest = dashboard.latest;
  return (
    <Card className="space-y-3 p-5">
      {latest && latest.state === "open" ? (
        <>
          <p className="font-medium">
            {latest.mineSubmitted
              ? `Waiting for ${otherFirst}.`
              : latest.otherSubmitted
                ? `${otherFirst} has submitted and is waiting for you.`
                : `Your ${latest.title.toLowerCase()} is under way.`}
          </p>
          <p className="text-slate-700">The dashboard appears as soon as you have both submitted.</p>
          <ButtonLink href={`/assessments/${latest.assessmentId}`}>{latest.mineSubmitted ? "View" : "Continue your answers"}</ButtonLink>
        </>
      ) : latest && latest.state === "closed" ? (
        <p className="text-slate-700">
          Your last assessment closed before you both submitted, so nothing was revealed. Start a check-in whenever you are ready.
        </p>
      ) : (
        <p className="text-slate-700">
          Nothing yet. Once you and {otherFirst} have both answered an assessment, you will see here where you see things differently.
        </p>
      )}
      {!dashboard.pair.endedAt && !(latest && latest.state === "open") ? <StartCheckInButton pairId={dashboard.pair.id} otherName={otherFirst} /> : null}
    </Card>
  );
}
