"use client";

import { useState, useTransition } from "react";
import { exportTrendsCsvAction } from "@/app/(app)/admin/trends/actions";
import { callAction } from "@/components/trpc/call-action";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/card";
import { downloadCsv } from "@/components/ui/download";

/** Downloads the cycle view as CSV: the server builds it from the same cells the page shows. */
export function ExportTrendsButton({ cycleId }: { cycleId: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const exportCsv = () =>
    startTransition(async () => {
      setError(null);
      const result = await callAction(() => exportTrendsCsvAction(cycleId));
      if (result.error) {
        setError(result.error.message);
        return;
      }
      downloadCsv(result.data.filename, result.data.csv);
    });
  return (
    <div className="space-y-1">
      <Button type="button" variant="secondary" onClick={exportCsv} disabled={pending}>
        {pending ? "Preparing…" : "Export this view (CSV)"}
      </Button>
      <ErrorText error={error} />
    </div>
  );
}
