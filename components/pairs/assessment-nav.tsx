import Link from "next/link";
import type { PairDashboard } from "./perspective";

/** The pair's revealed assessments, the one shown marked as current; nothing when there is only one. */
export function AssessmentNav({ dashboard, currentId }: { dashboard: PairDashboard; currentId: string }) {
  if (dashboard.assessments.length <= 1) return null;
  return (
    <nav aria-label="Assessments of this pair" className="flex flex-wrap gap-2">
      {dashboard.assessments.map((assessment) => (
        <Link
          key={assessment.id}
          href={`/pairs/${dashboard.pair.id}?assessment=${assessment.id}`}
          aria-current={assessment.id === currentId ? "page" : undefined}
          className={`inline-flex min-h-11 items-center rounded-lg border px-3 text-sm ${assessment.id === currentId ? "border-brand-700 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100"}`}
        >
          {assessment.title}
        </Link>
      ))}
    </nav>
  );
}
