import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { formatMeetingStart } from "@/components/meetings/format";
import { SeriesPanel, UpcomingMeetings } from "@/components/meetings/schedule-panel";
import { SeriesForm } from "@/components/meetings/series-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getCaller, orNotFound } from "@/server/trpc/server";
import { TRPCReactProvider } from "@/components/trpc/client";

export const metadata: Metadata = { title: "1:1s" };

export default async function PairMeetingsPage({ params }: { params: Promise<{ pairId: string }> }) {
  const { pairId } = await params;
  if (!z.uuid().safeParse(pairId).success) notFound();
  const data = await orNotFound((await getCaller()).meetings.forPair({ pairId }));
  const other = data.pair.mySide === "manager" ? data.pair.report : data.pair.manager;
  const today = new Date().toISOString().slice(0, 10);

  return (
    <TRPCReactProvider>
      <div className="space-y-8">
        <PageHeader
          eyebrow={
            <Link href={`/pairs/${pairId}`} className="underline">
              Dashboard with {other.name}
            </Link>
          }
          title={`1:1s with ${other.name}`}
        >
          Agendas and shared notes are for the two of you; private notes are yours alone.
        </PageHeader>

        {data.pair.ended ? (
          <Card className="p-4 text-sm text-slate-700">This relationship has ended: its past meetings, notes and action items are kept below.</Card>
        ) : data.series ? (
          <SeriesPanel pairId={pairId} series={data.series} today={today} />
        ) : (
          <Card className="space-y-4 p-5">
            <div>
              <h2 className="text-lg font-semibold">Set up your recurring 1:1</h2>
              <p className="text-slate-700">Pick a rhythm that suits you both. Either of you can change it later, skip a week or move one meeting.</p>
            </div>
            <SeriesForm pairId={pairId} today={today} />
          </Card>
        )}

        {!data.pair.ended && data.series ? (
          <section aria-labelledby="upcoming">
            <h2 id="upcoming" className="mb-3 text-lg font-semibold">
              Coming up
            </h2>
            <UpcomingMeetings meetings={data.upcoming} canChange={!data.pair.ended} />
          </section>
        ) : null}

        {data.past.length === 0 && !data.series ? null : (
          <section aria-labelledby="past">
            <h2 id="past" className="mb-3 text-lg font-semibold">
              Earlier meetings
            </h2>
            {data.past.length === 0 ? (
              <Card className="p-4 text-sm text-slate-700">None yet.</Card>
            ) : (
              <ul className="space-y-2">
                {data.past.map((meeting) => (
                  <li key={meeting.id} className="text-sm">
                    <Link href={`/meetings/${meeting.id}`} className="font-medium text-brand-800 underline">
                      {formatMeetingStart(meeting.startsAt, meeting.timeZone)}
                    </Link>
                    <span className="text-slate-700">
                      {" "}
                      · {meeting.agenda} agenda {meeting.agenda === 1 ? "item" : "items"}
                      {meeting.openActions > 0 ? ` · ${meeting.openActions} open action ${meeting.openActions === 1 ? "item" : "items"}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </div>
    </TRPCReactProvider>
  );
}
