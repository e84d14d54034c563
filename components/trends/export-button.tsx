"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

/** Downloads the cycle view as CSV: the server builds it from the same cells the page shows. */
export function ExportTrendsButton({ cycleId }: { cycleId: string }) {
  const trpc = useTRPC();
  const exportCsv = useMutation(
    trpc.trends.exportCsv.mutationOptions({
      onSuccess: ({ csv, filename }) => {
        const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
        const a = document.createElement("a");
        a.href = url;
        a.download = filename;
        a.click();
        URL.revokeObjectURL(url);
      },
    }),
  );
  return (
    <div className="space-y-1">
      <Button type="button" variant="secondary" onClick={() => exportCsv.mutate({ cycleId })} disabled={exportCsv.isPending}>
        {exportCsv.isPending ? "Preparing…" : "Export this view (CSV)"}
      </Button>
      {exportCsv.error ? (
        <p role="alert" className="text-sm text-red-700">
          {exportCsv.error.message}
        </p>
      ) : null}
    </div>
  );
}
