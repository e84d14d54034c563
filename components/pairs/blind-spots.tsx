import { Card } from "@/components/ui/card";
import { formatScore } from "./format";
import type { Perspective, RevealedAssessment } from "./perspective";

/** Where one of the two predicted the other's rating a point and a half or more off. */
export function BlindSpots({ blindSpots, view }: { blindSpots: RevealedAssessment["analysis"]["blindSpots"]; view: Perspective }) {
  const { me, otherFirst } = view;
  return (
    <section aria-labelledby="blind-spots" className="space-y-3">
      <h2 id="blind-spots" className="text-lg font-semibold">
        Blind spots
      </h2>
      {blindSpots.length === 0 ? (
        <p className="text-slate-700">Each of you predicted the other&apos;s view within a point and a half, everywhere.</p>
      ) : (
        <ul className="space-y-3">
          {blindSpots.map((spot) => (
            <li key={`${spot.dimension}-${spot.predictedBy}`}>
              <Card className="space-y-2 p-4">
                <p className="font-medium">
                  {spot.predictedBy === me
                    ? `You expected ${otherFirst} to rate ${spot.name.toLowerCase()} ${spot.predicted}; ${otherFirst} said ${formatScore(spot.actual)}.`
                    : `${otherFirst} expected you to rate ${spot.name.toLowerCase()} ${spot.predicted}; you said ${formatScore(spot.actual)}.`}
                </p>
                <p className="text-sm text-slate-700">{spot.prompt}</p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
