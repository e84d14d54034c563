"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { downloadCsv } from "@/components/ui/download";
import { ColumnsToChoose, FileErrors, hasSomeoneToImport, NothingToImport } from "./check-results";
import { ColumnMapping } from "./column-mapping";
import { Problems, Summary } from "./import-results";
import { plural, resultMessage } from "./import-wording";

// A large file's import in the background: uploaded once to /api/people-import, then checked
// and written by the worker while this panel follows the run (every second while it works).
// What the check found reads as for a pasted file, with every problem downloadable.

type Upload = { state: "uploading" } | { state: "failed"; message: string } | { state: "uploaded"; runId: string };

function useUpload(file: File): Upload {
  const [upload, setUpload] = useState<Upload>({ state: "uploading" });
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/people-import?${new URLSearchParams({ name: file.name })}`, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: file,
      signal: controller.signal,
    })
      .then(async (res) => {
        const body = (await res.json().catch(() => ({}))) as { runId?: string; error?: string };
        setUpload(
          res.ok && body.runId
            ? { state: "uploaded", runId: body.runId }
            : { state: "failed", message: body.error ?? `The upload failed (${res.status}). Try again.` },
        );
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted)
          setUpload({ state: "failed", message: `The upload failed: ${err instanceof Error ? err.message : String(err)}. Try again.` });
      });
    return () => controller.abort();
  }, [file]);
  return upload;
}

export function ImportRun({ file }: { file: File }) {
  const upload = useUpload(file);
  if (upload.state === "uploading") {
    return (
      <div className="space-y-2 border-t border-slate-200 pt-6">
        <p role="status">
          Uploading “{file.name}” ({(file.size / (1024 * 1024)).toFixed(1)} MB)…
        </p>
        <progress aria-label="Upload" className="w-full" />
      </div>
    );
  }
  if (upload.state === "failed") return <Alert>{upload.message}</Alert>;
  return <RunProgress runId={upload.runId} fileName={file.name} />;
}

function RunProgress({ runId, fileName }: { runId: string; fileName: string }) {
  const trpc = useTRPC();
  const run = useQuery(
    trpc.peopleImport.run.queryOptions(
      { runId },
      {
        refetchInterval: (q) =>
          q.state.data && (q.state.data.status === "checked" || q.state.data.status === "imported" || q.state.data.status === "failed") ? false : 1000,
      },
    ),
  );
  const recheck = useMutation(trpc.peopleImport.recheckRun.mutationOptions({ onSuccess: () => void run.refetch() }));
  const confirm = useMutation(trpc.peopleImport.confirmRun.mutationOptions({ onSuccess: () => void run.refetch() }));
  const queryClient = useQueryClient();
  const problemsFile = useMutation({ mutationFn: () => queryClient.fetchQuery(trpc.peopleImport.runProblemsCsv.queryOptions({ runId })) });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const current = run.data;
  const settled = current?.status === "checked" || current?.status === "imported" || current?.status === "failed";
  useEffect(() => {
    if (settled) headingRef.current?.focus();
  }, [settled, current?.status]);

  if (run.error) return <Alert>{run.error.message}</Alert>;
  if (!current) return <p role="status">Waiting for the check to start…</p>;
  const runPreview = current.preview;
  const canImport = current.status === "checked" && !!runPreview && hasSomeoneToImport(runPreview);

  return (
    <div className="space-y-4 border-t border-slate-200 pt-6">
      <h3 ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
        {current.status === "imported" ? "Import complete" : current.status === "importing" ? "Importing" : "Check results"}: {fileName}
      </h3>
      {current.status === "checking" ? (
        <div className="space-y-2">
          <p role="status">Checking in the background: {plural(current.processed, "row", "rows")} read so far. You can leave this page; the check goes on.</p>
          <progress aria-label="Rows checked" className="w-full" />
        </div>
      ) : null}
      {current.status === "importing" ? (
        <WriteProgress written={current.processed} total={runPreview?.summary ? runPreview.summary.creates + runPreview.summary.updates : 0} />
      ) : null}
      {current.status === "failed" ? (
        <Alert>{current.error ?? "The import did not go through. Nothing has been imported."} Nothing has been imported.</Alert>
      ) : null}
      {current.status === "imported" && current.result ? (
        <Alert tone="success">
          <p className="font-semibold">{resultMessage(current.result)}</p>
          <p className="mt-1">
            <Link href="/admin/people" className="font-medium underline underline-offset-2">
              See everyone on the Manage people page
            </Link>
          </p>
        </Alert>
      ) : null}

      {runPreview && current.status !== "imported" && current.status !== "importing" ? (
        <>
          {runPreview.headers.length > 0 ? (
            <ColumnsToChoose open={runPreview.fileErrors.length > 0}>
              <ColumnMapping
                key={JSON.stringify(runPreview.headers)}
                headers={runPreview.headers}
                pending={recheck.isPending}
                onCheck={(mapping) => recheck.mutate({ runId, mapping })}
              />
            </ColumnsToChoose>
          ) : null}
          {recheck.error ? <Alert>{recheck.error.message}</Alert> : null}
          {runPreview.fileErrors.length > 0 ? (
            <FileErrors errors={runPreview.fileErrors} />
          ) : runPreview.problemCount > 0 ? (
            <>
              <Problems preview={runPreview} />
              <Button
                type="button"
                variant="secondary"
                disabled={problemsFile.isPending}
                onClick={() => problemsFile.mutate(undefined, { onSuccess: (f) => downloadCsv(f.fileName, f.csv) })}
              >
                Download all {plural(runPreview.problemCount, "problem", "problems")} (CSV)
              </Button>
            </>
          ) : runPreview.summary ? (
            <Summary preview={runPreview} />
          ) : null}
          {runPreview.summary && !canImport && current.status === "checked" ? <NothingToImport /> : null}
          {confirm.error ? <Alert>{confirm.error.message}</Alert> : null}
          {canImport ? (
            <Button type="button" disabled={confirm.isPending} onClick={() => confirm.mutate({ runId, expectedHash: runPreview.hash! })}>
              {confirm.isPending ? "Starting the import…" : `Import ${plural(runPreview.rowCount, "person", "people")}`}
            </Button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/**
 * The import's write: people written so far, of all it writes (the run's `processed`). Before
 * the first batch is written (and throughout on the embedded database, which can't answer
 * while it writes) there is no count yet: the bar just moves.
 */
function WriteProgress({ written, total }: { written: number; total: number }) {
  const shown = Math.min(written, total);
  return (
    <div className="space-y-2">
      <p role="status">
        {shown > 0 ? `Writing ${shown.toLocaleString("en")} of ${plural(total, "person", "people")}` : `Writing ${plural(total, "person", "people")}`} in the
        background. Nothing is saved until all of them are: if anything goes wrong, nothing is imported.
      </p>
      {shown > 0 ? (
        <progress aria-label="People written" className="w-full" value={shown} max={total} />
      ) : (
        <progress aria-label="People written" className="w-full" />
      )}
    </div>
  );
}
