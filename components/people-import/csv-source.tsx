"use client";

import { useState } from "react";
import { IMPORT_LIMITS, UPLOAD_LIMITS } from "@/server/people-import/columns";

function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
}

/**
 * The CSV to check: a file, or rows pasted or fixed in the text area (`onText`). Choosing a file
 * fills the text area (`onFileText`), unless it is too large to check here: then it goes to the
 * background import (`onLargeFile`).
 */
export function CsvSource({
  text,
  onText,
  onFileText,
  onLargeFile,
}: {
  text: string;
  onText: (text: string) => void;
  onFileText: (text: string) => void;
  onLargeFile: (file: File) => void;
}) {
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

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
      onLargeFile(file);
      return;
    }
    onFileText(text);
    setFileNote(`Loaded “${file.name}”. Its text is below, where you can also fix it.`);
  }

  return (
    <>
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
          Up to {UPLOAD_LIMITS.sizeLabel} and {UPLOAD_LIMITS.maxRows.toLocaleString("en")} people, exported from your HR system or a spreadsheet. A file up to 2
          MB and {IMPORT_LIMITS.maxRows.toLocaleString("en")} people is read here and sent when you check it; a larger one is uploaded and checked in the
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
          onChange={(e) => onText(e.target.value)}
          rows={8}
          spellCheck={false}
          aria-describedby="people-csv-text-hint"
          className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm"
        />
        <p id="people-csv-text-hint" className="mt-1 text-sm text-slate-600">
          Or paste the rows here, header row first.
        </p>
      </div>
    </>
  );
}
