"use client";

import { lazy, Suspense, useEffect, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import type { ColumnChoice } from "@/server/people-import/columns";
import type { ImportPreview } from "@/server/people-import/import-people";
import { plural } from "./import-wording";

// Not needed to paint the form: the column choices (a checked file whose headers were not all
// recognised) are loaded when they are shown.
const ColumnMapping = lazy(() => import("./column-mapping").then((m) => ({ default: m.ColumnMapping })));
/** What a check found: fetched as the check is sent, alongside it. */
export const loadResults = () => import("./import-results");
const Problems = lazy(() => loadResults().then((m) => ({ default: m.Problems })));
const Summary = lazy(() => loadResults().then((m) => ({ default: m.Summary })));

/** A checked file and how it was checked. */
export interface CheckedFile {
  csv: string;
  mapping: Record<string, ColumnChoice> | undefined;
  preview: ImportPreview;
}

/** Whether a check found someone to add or update, with the hash that confirms what was checked. */
export function hasSomeoneToImport(preview: Pick<ImportPreview, "hash" | "summary">): boolean {
  return Boolean(preview.hash && preview.summary && preview.summary.creates + preview.summary.updates > 0);
}

/** The columns as read, to choose again; open when the file could not be read as it was. */
export function ColumnsToChoose({ open, children }: { open: boolean; children: ReactNode }) {
  return (
    <details open={open} className="rounded-lg border border-slate-200 p-3">
      <summary className="min-h-11 cursor-pointer content-center font-medium">Columns: which is which</summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}

/** Why a file can't be imported at all. */
export function FileErrors({ errors }: { errors: readonly string[] }) {
  return (
    <Alert>
      <p className="font-semibold">This file can’t be imported. Nothing has been imported.</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {errors.map((fileError) => (
          <li key={fileError}>{fileError}</li>
        ))}
      </ul>
    </Alert>
  );
}

export function NothingToImport() {
  return <Alert tone="info">Everyone in this file is already up to date in Tandem: there is nothing to import.</Alert>;
}

/**
 * "Check results": the columns as read (to choose again), what can't be imported or what would
 * change, and the button that imports exactly what was checked. Focused as it appears.
 */
export function CheckResults({
  checked,
  checking,
  importing,
  onCheckAgain,
  onImport,
}: {
  checked: CheckedFile;
  checking: boolean;
  importing: boolean;
  onCheckAgain: (mapping: Record<string, ColumnChoice>) => void;
  onImport: () => void;
}) {
  const { preview } = checked;
  const canImport = hasSomeoneToImport(preview);
  // Move focus to what just appeared, so keyboard and screen reader users land on it.
  const resultsRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    resultsRef.current?.focus();
  }, [checked]);

  return (
    <div className="space-y-4 border-t border-slate-200 pt-6">
      <h3 ref={resultsRef} tabIndex={-1} className="text-lg font-semibold outline-none">
        Check results
      </h3>
      {preview.headers.length > 0 ? (
        <ColumnsToChoose open={preview.fileErrors.length > 0}>
          <Suspense fallback={null}>
            <ColumnMapping key={JSON.stringify(preview.headers)} headers={preview.headers} pending={checking} onCheck={onCheckAgain} />
          </Suspense>
        </ColumnsToChoose>
      ) : null}
      {preview.fileErrors.length > 0 ? (
        <FileErrors errors={preview.fileErrors} />
      ) : (
        <Suspense fallback={null}>{preview.problemCount > 0 ? <Problems preview={preview} /> : <Summary preview={preview} />}</Suspense>
      )}
      {preview.summary && !canImport ? <NothingToImport /> : null}
      {canImport ? (
        <Button type="button" disabled={importing} onClick={onImport}>
          {importing ? "Importing…" : `Import ${plural(preview.rowCount, "person", "people")}`}
        </Button>
      ) : null}
    </div>
  );
}
