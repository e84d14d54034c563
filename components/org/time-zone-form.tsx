"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";

/** The organization's time zone, in which cycle dates are days. `zones` comes from the server, which checks the choice again. */
export function TimeZoneForm({ current, zones }: { current: string; zones: string[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [value, setValue] = useState(current);
  const save = useMutation(trpc.org.setTimeZone.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ timeZone: value });
      }}
    >
      <div>
        <label htmlFor="org-time-zone" className="mb-1 block text-sm font-medium">
          Time zone
        </label>
        <select
          id="org-time-zone"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby="org-time-zone-hint"
          className="block min-h-11 w-full max-w-sm rounded-lg border border-slate-300 bg-white px-3 text-base"
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
        <p id="org-time-zone-hint" className="mt-1 text-sm text-slate-600">
          Cycle dates are days in this time zone. Tandem opens a cycle at 00:00 on its open date, emails a reminder to those who haven&apos;t answered at 09:00
          three days before its close date, and closes it at the end of its close date. A change applies to draft and open cycles from then on.
        </p>
      </div>
      {save.error ? <Alert>{save.error.message}</Alert> : null}
      {save.isSuccess ? <Alert tone="success">Saved. Cycle dates are now days in {save.data.timeZone}.</Alert> : null}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save time zone"}
      </Button>
    </form>
  );
}
