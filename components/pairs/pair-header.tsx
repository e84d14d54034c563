import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import type { PairDashboard, Perspective } from "./perspective";

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export function PairHeader({ dashboard, otherName, view }: { dashboard: PairDashboard; otherName: string; view: Perspective }) {
  const { pair, current } = dashboard;
  return (
    <div className="space-y-2">
      <PageHeader eyebrow={pair.endedAt ? "Earlier relationship" : view.me === "manager" ? "You manage" : "Your manager"} title={`You and ${otherName}`}>
        {current
          ? `${current.title}, revealed ${day.format(current.revealedAt)}. Only the two of you can see this page.`
          : "Only the two of you can see this page."}
      </PageHeader>
      <Link href={`/pairs/${pair.id}/one-on-ones`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-800 underline">
        1:1s with {view.otherFirst}
      </Link>
    </div>
  );
}
