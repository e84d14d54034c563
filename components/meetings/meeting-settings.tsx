"use client";

import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useId, useState } from "react";
import { useTRPC, useTRPCClient } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, ErrorText } from "@/components/ui/card";
import { fieldClass, labelClass } from "@/components/ui/field";
import type { AppRouter } from "@/server/trpc/root";

export type MeetingPreferences = inferRouterOutputs<AppRouter>["meetings"]["preferences"];

const LEADS: { value: string; label: string }[] = [
  { value: "off", label: "No reminders" },
  { value: "15", label: "15 minutes before" },
  { value: "60", label: "1 hour before" },
  { value: "240", label: "4 hours before" },
  { value: "1440", label: "1 day before" },
  { value: "2880", label: "2 days before" },
];

/**
 * Reminder lead time, the assessment digest, and the private calendar feed. The page reads the
 * preferences on the server; each change reads them again. Only this form shows them, so they
 * are no query of the page's cache (whose hooks would be most of this page's script).
 */
export function MeetingSettings({ origin, preferences }: { origin: string; preferences: MeetingPreferences }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const ids = useId();
  const [prefs, setPrefs] = useState(preferences);
  const [lead, setLead] = useState(prefs.reminderMinutes === null ? "off" : String(prefs.reminderMinutes));
  const [digest, setDigest] = useState(prefs.assessmentDigest);
  const [token, setToken] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const refresh = () =>
    client.meetings.preferences.query().then(setPrefs, () => {
      // The change is made; what is shown catches up on the next visit.
    });
  const save = useMutation(
    trpc.meetings.setPreferences.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        return refresh();
      },
    }),
  );
  const regenerate = useMutation(
    trpc.meetings.regenerateCalendarToken.mutationOptions({
      onSuccess: ({ token }) => {
        setToken(token);
        return refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.meetings.revokeCalendarToken.mutationOptions({
      onSuccess: () => {
        setToken(null);
        return refresh();
      },
    }),
  );
  const leadOptions = LEADS.some((l) => l.value === lead) ? LEADS : [...LEADS, { value: lead, label: `${lead} minutes before` }];
  const feedUrl = token ? `${origin}/api/calendar/${token}` : null;

  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card className="p-5">
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(false);
            save.mutate({ reminderMinutes: lead === "off" ? null : Number(lead), assessmentDigest: digest });
          }}
        >
          <h2 className="text-lg font-semibold">Reminders</h2>
          <div>
            <label htmlFor={`${ids}-lead`} className={labelClass}>
              Email me before each 1:1, with the agenda so far
            </label>
            <select id={`${ids}-lead`} className={fieldClass} value={lead} onChange={(e) => setLead(e.target.value)}>
              {leadOptions.map((lead) => (
                <option key={lead.value} value={lead.value}>
                  {lead.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${ids}-digest`} className={labelClass}>
              Assessments waiting for my answers
            </label>
            <select id={`${ids}-digest`} className={fieldClass} value={digest} onChange={(e) => setDigest(e.target.value as "weekly" | "off")}>
              <option value="weekly">Send me a weekly digest</option>
              <option value="off">Don&apos;t send a digest</option>
            </select>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={save.isPending}>
              Save reminders
            </Button>
            <p role="status" className="text-sm text-emerald-800">
              {saved ? "Saved." : ""}
            </p>
          </div>
          <ErrorText error={save.error} />
        </form>
      </Card>

      <Card className="space-y-3 p-5">
        <h2 className="text-lg font-semibold">Calendar feed</h2>
        <p className="text-sm text-slate-700">
          Subscribe in Google Calendar, Outlook or Apple Calendar to see all your upcoming 1:1s, kept up to date. The address is private: anyone who has it sees
          when your 1:1s are and with whom (never agendas or notes).
        </p>
        {feedUrl ? (
          <div className="space-y-2">
            <label htmlFor={`${ids}-feed`} className={labelClass}>
              Your feed address (shown only now: copy it into your calendar app)
            </label>
            <input id={`${ids}-feed`} readOnly className={`${fieldClass} font-mono`} value={feedUrl} onFocus={(e) => e.currentTarget.select()} />
            <Button type="button" variant="secondary" onClick={() => void navigator.clipboard?.writeText(feedUrl)}>
              Copy address
            </Button>
          </div>
        ) : prefs.calendarFeed ? (
          <p className="text-sm text-slate-700">
            Your feed is on (address created {new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(prefs.calendarFeed.createdAt)}). We don&apos;t keep
            the address itself; if you lost it, make a new one: the old one stops working.
          </p>
        ) : (
          <p className="text-sm text-slate-700">Your feed is off.</p>
        )}
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant={prefs.calendarFeed ? "secondary" : "primary"} disabled={regenerate.isPending} onClick={() => regenerate.mutate()}>
            {prefs.calendarFeed ? "Make a new address" : "Turn on my calendar feed"}
          </Button>
          {prefs.calendarFeed ? (
            <Button type="button" variant="ghost" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
              Turn off the feed
            </Button>
          ) : null}
        </div>
        <ErrorText error={regenerate.error ?? revoke.error} />
      </Card>
    </div>
  );
}
