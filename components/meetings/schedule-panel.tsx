"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Badge, Card, ErrorText } from "@/components/ui/card";
import { describeSeries, formatMeetingStart, localDate, localTime, type SeriesSummary } from "./format";
import { fieldClass, labelClass } from "@/components/ui/field";
import { SeriesForm } from "./series-form";

export interface ScheduleMeeting {
  id: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  status: "scheduled" | "skipped";
  moved: boolean;
  agenda: number;
  openActions: number;
}

type Series = SeriesSummary & { id: string; startsOn: string; endsOn: string | null; pausedFrom: string | null };

/** The series: what it is, and changing, pausing or ending it. */
export function SeriesPanel({ pairId, series, today }: { pairId: string; series: Series; today: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const ids = useId();
  const [mode, setMode] = useState<"view" | "edit" | "pause" | "end">("view");
  const [date, setDate] = useState(today);
  const state = useMutation(
    trpc.meetings.setSeriesState.mutationOptions({
      onSuccess: () => {
        setMode("view");
        router.refresh();
      },
    }),
  );

  return (
    <Card className="space-y-4 p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Recurring 1:1</h2>
          <p className="text-slate-700">{describeSeries(series)}</p>
          {series.pausedFrom ? <p className="mt-1 text-sm text-amber-900">Paused from {series.pausedFrom}: no meetings until you resume.</p> : null}
          {series.endsOn ? <p className="mt-1 text-sm text-slate-700">Last meeting on or before {series.endsOn}.</p> : null}
        </div>
        {mode === "view" ? (
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" onClick={() => setMode("edit")}>
              Change schedule
            </Button>
            {series.pausedFrom ? (
              <Button type="button" variant="secondary" disabled={state.isPending} onClick={() => state.mutate({ seriesId: series.id, action: "resume" })}>
                Resume
              </Button>
            ) : (
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  setDate(today);
                  setMode("pause");
                }}
              >
                Pause
              </Button>
            )}
            {series.endsOn ? null : (
              <Button
                type="button"
                variant="ghost"
                onClick={() => {
                  setDate(today);
                  setMode("end");
                }}
              >
                End the series
              </Button>
            )}
          </div>
        ) : null}
      </div>

      {mode === "edit" ? <SeriesForm pairId={pairId} series={series} today={today} onDone={() => setMode("view")} /> : null}
      {mode === "pause" || mode === "end" ? (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            state.mutate(mode === "pause" ? { seriesId: series.id, action: "pause", fromDate: date } : { seriesId: series.id, action: "end", lastDate: date });
          }}
        >
          <div className="max-w-xs">
            <label htmlFor={`${ids}-date`} className={labelClass}>
              {mode === "pause" ? "No meetings from" : "Last meeting on or before"}
            </label>
            <input id={`${ids}-date`} type="date" required min={today} className={fieldClass} value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          <p className="text-sm text-slate-700">
            {mode === "pause"
              ? "Nothing is deleted: agendas and notes stay, and you can resume at any time."
              : "Past meetings, their notes and action items stay. You can set up a new series afterwards."}
          </p>
          <ErrorText error={state.error} />
          <div className="flex gap-2">
            <Button type="submit" disabled={state.isPending}>
              {mode === "pause" ? "Pause" : "End the series"}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setMode("view")}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}

/** Upcoming meetings with skip and move. */
export function UpcomingMeetings({ meetings, canChange }: { meetings: ScheduleMeeting[]; canChange: boolean }) {
  if (meetings.length === 0) return <Card className="p-4 text-sm text-slate-700">No upcoming meetings.</Card>;
  return (
    <ul className="space-y-2">
      {meetings.map((upcoming) => (
        <li key={upcoming.id}>
          <UpcomingMeeting meeting={upcoming} canChange={canChange} />
        </li>
      ))}
    </ul>
  );
}

function UpcomingMeeting({ meeting: m, canChange }: { meeting: ScheduleMeeting; canChange: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const ids = useId();
  const [moving, setMoving] = useState(false);
  const [date, setDate] = useState(() => localDate(m.startsAt, m.timeZone));
  const [time, setTime] = useState(() => localTime(m.startsAt, m.timeZone));
  const refresh = {
    onSuccess: () => {
      setMoving(false);
      router.refresh();
    },
  };
  const skip = useMutation(trpc.meetings.skip.mutationOptions(refresh));
  const move = useMutation(trpc.meetings.move.mutationOptions(refresh));
  const when = formatMeetingStart(m.startsAt, m.timeZone);
  const error = skip.error ?? move.error;

  return (
    <Card className="p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          {m.status === "skipped" ? (
            <p className="font-medium text-slate-600 line-through">{when}</p>
          ) : (
            <Link href={`/meetings/${m.id}`} className="font-medium text-brand-800 underline">
              {when}
            </Link>
          )}
          <p className="mt-1 flex flex-wrap gap-2 text-sm text-slate-700">
            {m.status === "skipped" ? <Badge>Skipped</Badge> : null}
            {m.moved ? <Badge tone="amber">Moved</Badge> : null}
            <span>
              {m.agenda} agenda {m.agenda === 1 ? "item" : "items"}
            </span>
            {m.openActions > 0 ? (
              <span>
                · {m.openActions} open action {m.openActions === 1 ? "item" : "items"}
              </span>
            ) : null}
          </p>
        </div>
        {canChange && !moving ? (
          <div className="flex flex-wrap gap-2">
            <Button
              type="button"
              variant="secondary"
              disabled={skip.isPending}
              onClick={() => skip.mutate({ meetingId: m.id, skipped: m.status !== "skipped" })}
            >
              {m.status === "skipped" ? "Don't skip" : "Skip"}
              <span className="sr-only"> the meeting on {when}</span>
            </Button>
            {m.status === "scheduled" ? (
              <Button type="button" variant="ghost" onClick={() => setMoving(true)}>
                Move<span className="sr-only"> the meeting on {when}</span>
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      {moving ? (
        <form
          className="mt-3 flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            move.mutate({ meetingId: m.id, date, time });
          }}
        >
          <div>
            <label htmlFor={`${ids}-date`} className={labelClass}>
              New date
            </label>
            <input id={`${ids}-date`} type="date" required className={fieldClass} value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          <div>
            <label htmlFor={`${ids}-time`} className={labelClass}>
              New time ({m.timeZone.replaceAll("_", " ")})
            </label>
            <input id={`${ids}-time`} type="time" required className={fieldClass} value={time} onChange={(e) => setTime(e.target.value)} />
          </div>
          <Button type="submit" disabled={move.isPending}>
            Move this meeting
          </Button>
          <Button type="button" variant="ghost" onClick={() => setMoving(false)}>
            Cancel
          </Button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
    </Card>
  );
}
