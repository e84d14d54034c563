"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { COLUMN_LABELS, MAPPING_TARGETS, type ColumnChoice } from "@/server/people-import/columns";
import type { HeaderReading } from "@/server/people-import/parse-csv";

// Which column of the file is which: what Tandem read each header as (its usual name in HR
// exports, or HR's earlier choice), with a choice per column. Checking again with the choices
// reads the file that way; importing remembers them for the organization's next file.

const SOURCE_NOTE: Record<HeaderReading["source"], string> = { chosen: "your choice", recognized: "recognised", none: "not read" };

export function ColumnMapping({
  headers,
  pending,
  onCheck,
}: {
  headers: HeaderReading[];
  pending: boolean;
  onCheck: (mapping: Record<string, ColumnChoice>) => void;
}) {
  const [choices, setChoices] = useState<ColumnChoice[]>(() => headers.map((h) => h.target ?? "ignore"));
  const changed = choices.some((c, i) => c !== (headers[i]?.target ?? "ignore"));
  return (
    <div className="space-y-3">
      <div role="region" aria-label="Columns of your file" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="w-full min-w-[22rem] text-left text-sm">
          <caption className="sr-only">Columns of your file and what Tandem reads them as</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">
                Column in your file
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Read as
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {headers.map((header, i) => {
              const id = `column-choice-${i}`;
              return (
                <tr key={`${i}-${header.header}`}>
                  <td className="px-3 py-2 break-words">
                    <label htmlFor={id} className="font-medium text-slate-900">
                      {header.header.trim() || `Column ${i + 1} (no name)`}
                    </label>
                    <span className="block text-xs text-slate-600">{SOURCE_NOTE[header.source]}</span>
                  </td>
                  <td className="px-3 py-2">
                    <select
                      id={id}
                      value={choices[i]}
                      onChange={(e) => setChoices((c) => c.map((v, j) => (j === i ? (e.target.value as ColumnChoice) : v)))}
                      className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2 text-base sm:text-sm"
                    >
                      <option value="ignore">Don’t import</option>
                      {MAPPING_TARGETS.map((target) => (
                        <option key={target} value={target}>
                          {COLUMN_LABELS[target]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Button
        type="button"
        variant="secondary"
        disabled={pending || !changed}
        onClick={() => onCheck(Object.fromEntries(headers.map((h, i) => [h.header, choices[i] ?? "ignore"])))}
      >
        {pending ? "Checking…" : "Check again with these columns"}
      </Button>
    </div>
  );
}
