"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/card";
import type { SeriesSummary } from "./format";
import { FrequencyChoice, useSeriesDraft, WhenFields } from "./series-fields";

/**
 * Sets up a pair's recurring 1:1, or (with `series`) changes it from a date on. The time zone
 * defaults to this device's; the meeting keeps its local time across daylight-saving changes.
 */
export function SeriesForm({ pairId, series, today, onDone }: { pairId: string; series?: SeriesSummary & { id: string }; today: string; onDone?: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const ids = useId();
  const draft = useSeriesDraft(series, today);

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
    const { rule } = draft;
    const { fromDate } = draft.values;
    if (series) update.mutate({ seriesId: series.id, fromDate, ...rule });
    else create.mutate({ pairId, startsOn: fromDate, ...rule });
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-describedby={error ? `${ids}-error` : undefined}>
      <FrequencyChoice name={`${ids}-frequency`} draft={draft} />
      <WhenFields ids={ids} draft={draft} changing={Boolean(series)} today={today} />

      <ErrorText id={`${ids}-error`} error={error} />
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
