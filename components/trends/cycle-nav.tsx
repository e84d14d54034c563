import Link from "next/link";
import { trendsHref, type CycleTrends, type Metric } from "./trends-view";

/** Every opened cycle, the one shown marked, those without figures yet saying so. */
export function CycleNav({ cycles, currentId, metric }: { cycles: CycleTrends["cycles"]; currentId: string; metric: Metric }) {
  return (
    <nav aria-label="Cycles" className="flex flex-wrap gap-2">
      {cycles.map((cycle) => (
        <Link
          key={cycle.id}
          href={trendsHref({ cycle: cycle.id, metric })}
          aria-current={cycle.id === currentId ? "page" : undefined}
          className={`inline-flex min-h-11 items-center rounded-lg border px-3 text-sm ${cycle.id === currentId ? "border-brand-700 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100"}`}
        >
          {cycle.name}
          {cycle.figures === "published" ? null : <span className="ml-1 text-slate-600">({cycle.figures === "open" ? "open" : "being prepared"})</span>}
        </Link>
      ))}
    </nav>
  );
}
