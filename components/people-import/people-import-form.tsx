"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import type { ColumnChoice } from "@/server/people-import/columns";
import type { ImportResult } from "@/server/people-import/import-people";
import { CheckResults, loadResults, type CheckedFile } from "./check-results";
import { CsvSource } from "./csv-source";
import { resultMessage } from "./import-wording";

// Upload or paste a CSV, check it (nothing is written), then import what the check showed.
// The text area holds the one text that is checked and imported: choosing a file fills it, so
// a problem can be fixed right here before checking again.

// Not needed to paint the form: the background import (a large file) is loaded when it is shown.
const ImportRun = lazy(() => import("./import-run").then((m) => ({ default: m.ImportRun })));

export function PeopleImportForm() {
  const [text, setText] = useState("");
  const [checked, setChecked] = useState<CheckedFile | null>(null);
  const [mapping, setMapping] = useState<Record<string, ColumnChoice> | undefined>(undefined);
  // A file too large to check here goes to the background import instead.
  const [runFile, setRunFile] = useState<File | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);

  const { preview, confirm } = useCheckAndImport(setChecked, setImported);

  function edit(next: string) {
    if (next !== "") setRunFile(null);
    setText(next);
    setChecked(null);
    setImported(null);
    confirm.reset();
  }

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
        <CsvSource
          text={text}
          onText={edit}
          onFileText={(fileText) => {
            setRunFile(null);
            edit(fileText);
          }}
          onLargeFile={(file) => {
            edit("");
            setRunFile(file);
          }}
        />
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

      {imported ? <ImportDone imported={imported} /> : null}
      {confirm.error ? <Alert>{confirm.error.message}</Alert> : null}

      {checked ? (
        <CheckResults
          checked={checked}
          checking={preview.isPending}
          importing={confirm.isPending}
          onCheckAgain={(m) => {
            setMapping(m);
            preview.mutate({ csv: checked.csv, mapping: m });
          }}
          onImport={() => confirm.mutate({ csv: checked.csv, mapping: checked.mapping, expectedHash: checked.preview.hash! })}
        />
      ) : null}
    </div>
  );
}

/** The check (nothing is written) and the import of what was checked; either makes the other's outcome stale. */
function useCheckAndImport(setChecked: (checked: CheckedFile | null) => void, setImported: (result: ImportResult) => void) {
  const trpc = useTRPC();
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
  return { preview, confirm };
}

/** What the import did, with the way to the People page; focused as it appears. */
function ImportDone({ imported }: { imported: ImportResult }) {
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    doneRef.current?.focus();
  }, [imported]);
  return (
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
  );
}
