"use client";

import { useEffect, useState, type ReactNode } from "react";
import { fieldClass, labelClass } from "@/components/ui/field";
import { WEEKDAYS, WEEKS_OF_MONTH, type SeriesSummary } from "./format";

// The series form's fields (series-form.tsx) and the state behind them.

const DURATIONS = [15, 20, 25, 30, 45, 50, 60, 90];
const FREQUENCIES = [
  ["weekly", "Weekly"],
  ["biweekly", "Every 2 weeks"],
  ["monthly", "Monthly"],
] as const;

function allTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["UTC"];
  }
}

/** The rule being set up or changed, from the series as it is (or the defaults), and the date it applies from. */
export function useSeriesDraft(series: SeriesSummary | undefined, today: string) {
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

  return {
    values: { frequency, weekday, weekOfMonth, startTime, durationMinutes, timeZone, fromDate },
    set: {
      frequency: setFrequency,
      weekday: setWeekday,
      weekOfMonth: setWeekOfMonth,
      startTime: setStartTime,
      durationMinutes: setDuration,
      timeZone: setTimeZone,
      fromDate: setFromDate,
    },
    zones,
    rule: { frequency, weekday, weekOfMonth: frequency === "monthly" ? weekOfMonth : null, startTime, timeZone, durationMinutes },
  };
}

type SeriesDraft = ReturnType<typeof useSeriesDraft>;

export function FrequencyChoice({ name, draft }: { name: string; draft: SeriesDraft }) {
  return (
    <fieldset>
      <legend className={labelClass}>How often</legend>
      <div className="mt-1 flex flex-wrap gap-2">
        {FREQUENCIES.map(([value, label]) => (
          <label
            key={value}
            className="inline-flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-slate-300 px-3 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
          >
            <input type="radio" name={name} value={value} checked={draft.values.frequency === value} onChange={() => draft.set.frequency(value)} />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Field({ id, label, children }: { id: string; label: ReactNode; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** When the meetings are: the week of the month (monthly only), day, time, length, time zone, and the date it starts or changes from. */
export function WhenFields({ ids, draft, changing, today }: { ids: string; draft: SeriesDraft; changing: boolean; today: string }) {
  const { values: v, set } = draft;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {v.frequency === "monthly" ? (
        <Field id={`${ids}-week`} label="Week of the month">
          <select id={`${ids}-week`} className={fieldClass} value={v.weekOfMonth} onChange={(e) => set.weekOfMonth(Number(e.target.value))}>
            {WEEKS_OF_MONTH.map((week) => (
              <option key={week.value} value={week.value}>
                {week.label}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field id={`${ids}-weekday`} label="Day">
        <select id={`${ids}-weekday`} className={fieldClass} value={v.weekday} onChange={(e) => set.weekday(Number(e.target.value))}>
          {WEEKDAYS.map((name, i) => (
            <option key={name} value={i + 1}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${ids}-time`} label="Time">
        <input id={`${ids}-time`} type="time" required className={fieldClass} value={v.startTime} onChange={(e) => set.startTime(e.target.value)} />
      </Field>
      <Field id={`${ids}-duration`} label="Length">
        <select id={`${ids}-duration`} className={fieldClass} value={v.durationMinutes} onChange={(e) => set.durationMinutes(Number(e.target.value))}>
          {DURATIONS.map((duration) => (
            <option key={duration} value={duration}>
              {duration} minutes
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${ids}-zone`} label="Time zone">
        <select id={`${ids}-zone`} className={fieldClass} value={v.timeZone} onChange={(e) => set.timeZone(e.target.value)}>
          {draft.zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${ids}-from`} label={changing ? "Change from" : "Starting"}>
        <input id={`${ids}-from`} type="date" required min={today} className={fieldClass} value={v.fromDate} onChange={(e) => set.fromDate(e.target.value)} />
        {changing ? (
          <p className="mt-1 text-xs text-slate-600">
            Meetings before this date stay as they were; planned ones after it move to the new days, agenda and notes included.
          </p>
        ) : null}
      </Field>
    </div>
  );
}
