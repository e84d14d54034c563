"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { fieldClass, labelClass } from "@/components/ui/field";
import { WEEKDAYS, WEEKS_OF_MONTH, type SeriesSummary } from "./format";

const DURATIONS = [15, 20, 25, 30, 45, 50, 60, 90];

function allTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["UTC"];
  }
}

/**
 * Sets up a pair's recurring 1:1, or (with `series`) changes it from a date on. The time zone
 * defaults to this device's; the meeting keeps its local time across daylight-saving changes.
 */
export function SeriesForm({ pairId, series, today, onDone }: { pairId: string; series?: SeriesSummary & { id: string }; today: string; onDone?: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const ids = useId();
  const [frequency, setFrequency] = useState<SeriesSummary["frequency"]>(series?.frequency ?? "weekly");
  const [weekday, setWeekday] = useState(series?.weekday ?? 2);
  const [weekOfMonth, setWeekOfMonth] = useState(series?.weekOfMonth ?? 1);
  const [startTime, setStartTime] = useState(series?.startTime ?? "10:00");
  const [durationMinutes, setDuration] = useState(series?.durationMinutes ?? 30);
  const [timeZone, setTimeZone] = useState(series?.timeZone ?? "UTC");
  const [fromDate, setFromDate] = useState(today);
  const [zones, setZones] = useState<string[]>(() => [series?.timeZone ?? "UTC"]);

  useEffect(() => {
    // Only in the browser: the server's zone says nothing about the person's.
    const list = allTimeZones();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- browser-only values, read after hydration
    setZones(list.includes("UTC") ? list : [...list, "UTC"]);
    if (!series) setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  }, [series]);

  const done = {
    onSuccess: () => {
      onDone?.();
      router.refresh();
    },
  };
  const create = useMutation(trpc.meetings.createSeries.mutationOptions(done));
  const update = useMutation(trpc.meetings.updateSeries.mutationOptions(done));
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const rule = { frequency, weekday, weekOfMonth: frequency === "monthly" ? weekOfMonth : null, startTime, timeZone, durationMinutes };
    if (series) update.mutate({ seriesId: series.id, fromDate, ...rule });
    else create.mutate({ pairId, startsOn: fromDate, ...rule });
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-describedby={error ? `${ids}-error` : undefined}>
      <fieldset>
        <legend className={labelClass}>How often</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {(
            [
              ["weekly", "Weekly"],
              ["biweekly", "Every 2 weeks"],
              ["monthly", "Monthly"],
            ] as const
          ).map(([value, label]) => (
            <label
              key={value}
              className="inline-flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-slate-300 px-3 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
            >
              <input type="radio" name={`${ids}-frequency`} value={value} checked={frequency === value} onChange={() => setFrequency(value)} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        {frequency === "monthly" ? (
          <div>
            <label htmlFor={`${ids}-week`} className={labelClass}>
              Week of the month
            </label>
            <select id={`${ids}-week`} className={fieldClass} value={weekOfMonth} onChange={(e) => setWeekOfMonth(Number(e.target.value))}>
              {WEEKS_OF_MONTH.map((week) => (
                <option key={week.value} value={week.value}>
                  {week.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor={`${ids}-weekday`} className={labelClass}>
            Day
          </label>
          <select id={`${ids}-weekday`} className={fieldClass} value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
            {WEEKDAYS.map((name, i) => (
              <option key={name} value={i + 1}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${ids}-time`} className={labelClass}>
            Time
          </label>
          <input id={`${ids}-time`} type="time" required className={fieldClass} value={startTime} onChange={(e) => setStartTime(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${ids}-duration`} className={labelClass}>
            Length
          </label>
          <select id={`${ids}-duration`} className={fieldClass} value={durationMinutes} onChange={(e) => setDuration(Number(e.target.value))}>
            {DURATIONS.map((duration) => (
              <option key={duration} value={duration}>
                {duration} minutes
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${ids}-zone`} className={labelClass}>
            Time zone
          </label>
          <select id={`${ids}-zone`} className={fieldClass} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${ids}-from`} className={labelClass}>
            {series ? "Change from" : "Starting"}
          </label>
          <input id={`${ids}-from`} type="date" required min={today} className={fieldClass} value={fromDate} onChange={(e) => setFromDate(e.target.value)} />
          {series ? (
            <p className="mt-1 text-xs text-slate-600">
              Meetings before this date stay as they were; planned ones after it move to the new days, agenda and notes included.
            </p>
          ) : null}
        </div>
      </div>

      {error ? (
        <p id={`${ids}-error`} role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : series ? "Save the new schedule" : "Set up our 1:1"}
        </Button>
        {onDone ? (
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
