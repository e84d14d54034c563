import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatMeetingStart } from "./format";

export interface NextMeetingRow {
  pairId: string;
  mySide: "manager" | "employee";
  other: { id: string; name: string };
  hasSeries: boolean;
  next: { id: string; startsAt: Date; timeZone: string; agenda: number; openActions: number } | null;
}

/** One card per open pair: its next 1:1 with agenda and open action item counts, or how to set one up. */
export function NextMeetings({ rows }: { rows: NextMeetingRow[] }) {
  if (rows.length === 0) return <Card className="p-4 text-sm text-slate-700">You have no manager or reports in Tandem yet, so there are no 1:1s to plan.</Card>;
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {rows.map((row) => (
        <li key={row.pairId}>
          <Card className="flex h-full flex-col gap-2 p-4">
            <p className="text-sm text-slate-700">{row.mySide === "manager" ? "With your report" : "With your manager"}</p>
            <p className="font-semibold">{row.other.name}</p>
            {row.next ? (
              <>
                <Link href={`/meetings/${row.next.id}`} className="font-medium text-brand-800 underline">
                  Next 1:1: {formatMeetingStart(row.next.startsAt, row.next.timeZone)}
                </Link>
                <p className="text-sm text-slate-700">
                  {row.next.agenda} agenda {row.next.agenda === 1 ? "item" : "items"} · {row.next.openActions} open action{" "}
                  {row.next.openActions === 1 ? "item" : "items"}
                </p>
              </>
            ) : (
              <p className="text-sm text-slate-700">{row.hasSeries ? "No upcoming 1:1 (paused or ending)." : "No recurring 1:1 yet."}</p>
            )}
            <div className="mt-auto pt-1">
              {row.hasSeries ? (
                <Link href={`/pairs/${row.pairId}/one-on-ones`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-800 underline">
                  Schedule and past 1:1s<span className="sr-only"> with {row.other.name}</span>
                </Link>
              ) : (
                <ButtonLink href={`/pairs/${row.pairId}/one-on-ones`} variant="secondary">
                  Set up a 1:1<span className="sr-only"> with {row.other.name}</span>
                </ButtonLink>
              )}
            </div>
          </Card>
        </li>
      ))}
    </ul>
  );
}

/** The next 1:1 of one pair in a line, for the home page's person cards. */
export function NextMeetingLine({ row: r }: { row: NextMeetingRow }) {
  if (!r.next) {
    return (
      <p className="w-full text-sm text-slate-700">
        {r.hasSeries ? "No upcoming 1:1. " : "No recurring 1:1 yet. "}
        <Link href={`/pairs/${r.pairId}/one-on-ones`} className="font-medium text-brand-800 underline">
          {r.hasSeries ? "Schedule" : "Set one up"}
          <span className="sr-only"> with {r.other.name}</span>
        </Link>
      </p>
    );
  }
  return (
    <p className="w-full text-sm text-slate-700">
      <Link href={`/meetings/${r.next.id}`} className="font-medium text-brand-800 underline">
        Next 1:1: {formatMeetingStart(r.next.startsAt, r.next.timeZone)}
        <span className="sr-only"> with {r.other.name}</span>
      </Link>
      <br />
      {r.next.agenda} agenda {r.next.agenda === 1 ? "item" : "items"} · {r.next.openActions} open action {r.next.openActions === 1 ? "item" : "items"}
    </p>
  );
}
