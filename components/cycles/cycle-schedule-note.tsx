import { formatDay } from "@/components/ui/format";

export interface CycleScheduleView {
  status: "draft" | "open" | "closed";
  opensOn: string;
  closesOn: string;
  automatic: { timeZone: string; opensAt: Date; closesAt: Date; reminderAt: Date | null; remindedAt: Date | null };
}

function moment(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone }).format(at);
}

/**
 * What Tandem will do with a draft or open cycle by itself, and when (server/cycles/schedule.ts):
 * dates only, never who or how many. HR's buttons still act earlier.
 */
export function CycleScheduleNote({ cycle, now }: { cycle: CycleScheduleView; now: Date }) {
  if (cycle.status === "closed") return null;
  const { timeZone, opensAt, closesAt, reminderAt, remindedAt } = cycle.automatic;
  const lines: string[] = [];
  if (cycle.status === "draft") {
    if (now >= closesAt) lines.push("Its close date has passed, so it won't open by itself. Open it by hand, and it closes within a minute.");
    else if (now >= opensAt) lines.push("Its open date has come: Tandem opens it within a minute. To open it right away, use “Open cycle”.");
    else lines.push(`Opens automatically on ${formatDay(cycle.opensOn)} at 00:00 (${timeZone}).`);
  }
  if (cycle.status === "open" && now >= closesAt) lines.push("Its close date has ended: Tandem closes it within a minute.");
  else lines.push(`Closes automatically at the end of ${formatDay(cycle.closesOn)} (${timeZone}).`);
  if (remindedAt) lines.push(`An automatic reminder went out on ${moment(remindedAt, timeZone)}.`);
  else if (reminderAt && now < closesAt) lines.push(`An automatic reminder to those who haven't answered is planned for ${moment(reminderAt, timeZone)}.`);
  else if (!reminderAt) lines.push("No automatic reminder: it opens less than three days before its close date.");
  return (
    <div className="text-sm text-slate-700" data-testid="cycle-schedule">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
