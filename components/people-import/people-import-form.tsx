"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { IMPORT_LIMITS, UPLOAD_LIMITS, type ColumnChoice } from "@/server/people-import/columns";
import type { ImportPreview, ImportResult } from "@/server/people-import/import-people";
import { plural, resultMessage } from "./import-wording";

// Upload or paste a CSV, check it (nothing is written), then import what the check showed.
// The text area holds the one text that is checked and imported: choosing a file fills it, so
// a problem can be fixed right here before checking again.

// Not needed to paint the form: the background import (a large file) and the column choices
// (a checked file whose headers were not all recognised) are loaded when they are shown.
const ImportRun = lazy(() => import("./import-run").then((m) => ({ default: m.ImportRun })));
const ColumnMapping = lazy(() => import("./column-mapping").then((m) => ({ default: m.ColumnMapping })));
// What a check found: fetched as the check is sent, alongside it.
const loadResults = () => import("./import-results");
const Problems = lazy(() => loadResults().then((m) => ({ default: m.Problems })));
const Summary = lazy(() => loadResults().then((m) => ({ default: m.Summary })));

function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
}

export function PeopleImportForm() {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [checked, setChecked] = useState<{ csv: string; mapping: Record<string, ColumnChoice> | undefined; preview: ImportPreview } | null>(null);
  const [mapping, setMapping] = useState<Record<string, ColumnChoice> | undefined>(undefined);
  // A file too large to check here goes to the background import instead.
  const [runFile, setRunFile] = useState<File | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  const preview = useMutation(
    trpc.peopleImport.preview.mutationOptions({
      onMutate: () => void loadResults().catch(() => {}),
      onSuccess: (checkedPreview, input) => setChecked({ csv: input.csv, mapping: input.mapping, preview: checkedPreview }),
    }),
  );
  const confirm = useMutation(
    trpc.peopleImport.confirm.mutationOptions({
      onSuccess: (result) => {
        setImported(result);
        setChecked(null);
      },
      // Whatever went wrong (someone else changed people meanwhile), the check is stale now.
      onError: () => setChecked(null),
    }),
  );

  // Move focus to what just appeared, so keyboard and screen reader users land on it.
  useEffect(() => {
    if (checked) resultsRef.current?.focus();
  }, [checked]);
  useEffect(() => {
    if (imported) doneRef.current?.focus();
  }, [imported]);

  function edit(next: string) {
    if (next !== "") setRunFile(null);
    setText(next);
    setChecked(null);
    setImported(null);
    confirm.reset();
  }

  async function chooseFile(file: File | undefined) {
    setFileError(null);
    setFileNote(null);
    if (!file) return;
    if (file.size > UPLOAD_LIMITS.maxBytes) {
      setFileError(`“${file.name}” is larger than ${UPLOAD_LIMITS.sizeLabel}. Split it into smaller files and import them one after the other.`);
      return;
    }
    const text = file.size > IMPORT_LIMITS.maxChars ? null : await file.text();
    // Large files (over 2 MB, or more people than a check here takes) are checked and imported
    // in the background, with their progress shown.
    if (text === null || lineCount(text) > IMPORT_LIMITS.maxRows + 1) {
      edit("");
      setRunFile(file);
      return;
    }
    setRunFile(null);
    edit(text);
    setFileNote(`Loaded “${file.name}”. Its text is below, where you can also fix it.`);
  }

  const checkedPreview = checked?.preview;
  const canImport = Boolean(checkedPreview?.hash && checkedPreview.summary && checkedPreview.summary.creates + checkedPreview.summary.updates > 0);

  return (
    <div className="space-y-6">
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          setImported(null);
          confirm.reset();
          preview.mutate({ csv: text, mapping });
        }}
      >
        <div>
          <label htmlFor="people-csv-file" className="mb-1 block text-sm font-medium">
            CSV file
          </label>
          <input
            id="people-csv-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-describedby="people-csv-file-hint"
            onChange={(e) => void chooseFile(e.target.files?.[0])}
            className="block w-full max-w-full text-sm text-slate-800 file:mr-3 file:min-h-11 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-4 file:font-semibold file:text-slate-800 hover:file:bg-slate-100"
          />
          <p id="people-csv-file-hint" className="mt-1 text-sm text-slate-600">
            Up to {UPLOAD_LIMITS.sizeLabel} and {UPLOAD_LIMITS.maxRows.toLocaleString("en")} people, exported from your HR system or a spreadsheet. A file up to
            2 MB and {IMPORT_LIMITS.maxRows.toLocaleString("en")} people is read here and sent when you check it; a larger one is uploaded and checked in the
            background.
          </p>
          {fileError ? (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {fileError}
            </p>
          ) : null}
          {fileNote ? (
            <p role="status" className="mt-1 text-sm text-slate-700">
              {fileNote}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="people-csv-text" className="mb-1 block text-sm font-medium">
            CSV text
          </label>
          <textarea
            id="people-csv-text"
            value={text}
            onChange={(e) => edit(e.target.value)}
            rows={8}
            spellCheck={false}
            aria-describedby="people-csv-text-hint"
            className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm"
          />
          <p id="people-csv-text-hint" className="mt-1 text-sm text-slate-600">
            Or paste the rows here, header row first.
          </p>
        </div>
        {preview.error ? <Alert>{preview.error.message}</Alert> : null}
        <Button type="submit" disabled={preview.isPending || text.trim() === ""}>
          {preview.isPending ? "Checking…" : "Check file"}
        </Button>
      </form>

      {runFile ? (
        <Suspense fallback={null}>
          <ImportRun key={`${runFile.name}:${runFile.size}:${runFile.lastModified}`} file={runFile} />
        </Suspense>
      ) : null}

      {imported ? (
        <div ref={doneRef} tabIndex={-1} className="outline-none">
          <Alert tone="success">
            <p className="font-semibold">{resultMessage(imported)}</p>
            <p className="mt-1">
              <Link href="/people" className="font-medium underline underline-offset-2">
                See everyone on the People page
              </Link>
            </p>
          </Alert>
        </div>
      ) : null}
      {confirm.error ? <Alert>{confirm.error.message}</Alert> : null}

      {checkedPreview ? (
        <div className="space-y-4 border-t border-slate-200 pt-6">
          <h3 ref={resultsRef} tabIndex={-1} className="text-lg font-semibold outline-none">
            Check results
          </h3>
          {checkedPreview.headers.length > 0 ? (
            <details open={checkedPreview.fileErrors.length > 0} className="rounded-lg border border-slate-200 p-3">
              <summary className="min-h-11 cursor-pointer content-center font-medium">Columns: which is which</summary>
              <div className="mt-3">
                <Suspense fallback={null}>
                  <ColumnMapping
                    key={JSON.stringify(checkedPreview.headers)}
                    headers={checkedPreview.headers}
                    pending={preview.isPending}
                    onCheck={(m) => {
                      setMapping(m);
                      preview.mutate({ csv: checked!.csv, mapping: m });
                    }}
                  />
                </Suspense>
              </div>
            </details>
          ) : null}
          {checkedPreview.fileErrors.length > 0 ? (
            <Alert>
              <p className="font-semibold">This file can’t be imported. Nothing has been imported.</p>
              <ul className="mt-1 list-disc space-y-1 pl-5">
                {checkedPreview.fileErrors.map((fileError) => (
                  <li key={fileError}>{fileError}</li>
                ))}
              </ul>
            </Alert>
          ) : (
            <Suspense fallback={null}>
              {checkedPreview.problemCount > 0 ? <Problems preview={checkedPreview} /> : <Summary preview={checkedPreview} />}
            </Suspense>
          )}
          {checkedPreview.summary && !canImport ? (
            <Alert tone="info">Everyone in this file is already up to date in Tandem: there is nothing to import.</Alert>
          ) : null}
          {canImport ? (
            <Button
              type="button"
              disabled={confirm.isPending}
              onClick={() => checked && confirm.mutate({ csv: checked.csv, mapping: checked.mapping, expectedHash: checkedPreview.hash! })}
            >
              {confirm.isPending ? "Importing…" : `Import ${plural(checkedPreview.rowCount, "person", "people")}`}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
