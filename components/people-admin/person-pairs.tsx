import type { PersonPair } from "@/server/people/get-person";
import { Card } from "@/components/ui/card";

// A person's pairs over time, for HR: with whom, on which side, from when to when. Nothing of
// what the two people answered or wrote.

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export function PersonPairs({ pairs }: { pairs: PersonPair[] }) {
  if (pairs.length === 0) return <Card className="p-4 text-sm text-slate-700">No pairs yet: they have no manager and nobody reports to them.</Card>;
  return (
    <Card>
      <ul className="divide-y divide-slate-100" aria-label="Pairs">
        {pairs.map((pair) => (
          <li key={pair.id} className="flex flex-col gap-1 p-3 text-sm sm:flex-row sm:items-baseline sm:justify-between">
            <span>
              {pair.as === "report" ? "Reports to" : "Manages"} <span className="font-medium">{pair.other.name}</span>
              {pair.endedAt ? <span className="text-slate-600"> (ended)</span> : <span className="text-emerald-800"> (current)</span>}
            </span>
            <span className="text-slate-600">
              <time dateTime={pair.startedAt.toISOString()}>{day.format(pair.startedAt)}</time> –{" "}
              {pair.endedAt ? <time dateTime={pair.endedAt.toISOString()}>{day.format(pair.endedAt)}</time> : "now"}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
