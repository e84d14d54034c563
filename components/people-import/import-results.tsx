import type { ReactNode } from "react";
import { Alert } from "@/components/ui/card";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { COLUMN_LABELS, PREVIEW_LIST_LIMIT } from "@/server/people-import/columns";
import type { ImportPreview, PreviewManagerChange } from "@/server/people-import/import-people";
import type { ChangedField, PersonRef } from "@/server/people-import/plan";
import { plural } from "./import-wording";

// What a check found and what an import did, shown the same way for a pasted file and for one
// checked in the background.

const FIELD_LABELS: Record<ChangedField, string> = { name: "name", givenName: "given name", title: "title", department: "department", startDate: "start date" };

function Table({ label, head, minWidth, children }: { label: string; head: string[]; minWidth: string; children: ReactNode }) {
  // Too wide for a narrow screen, it scrolls sideways in its own box (and says so) instead of
  // the page; a table without a minimum width wraps its text instead.
  const table = (
    <table className={`w-full text-left text-sm ${minWidth}`}>
      <caption className="sr-only">{label}</caption>
      <thead className="bg-slate-50 text-slate-700">
        <tr>
          {head.map((heading) => (
            <th key={heading} scope="col" className="px-3 py-2 font-semibold">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">{children}</tbody>
    </table>
  );
  if (!minWidth) return <div className="rounded-lg border border-slate-200">{table}</div>;
  return (
    <ScrollRegion label={label} className="rounded-lg border border-slate-200">
      {table}
    </ScrollRegion>
  );
}

const cell = "px-3 py-2 [overflow-wrap:anywhere]";
const ref = (p: PersonRef | null) => (p ? `${p.name} (${p.email})` : "nobody");

function Truncated({ shown, total }: { shown: number; total: number }) {
  return shown < total ? (
    <p className="text-sm text-slate-700">
      Showing the first {shown.toLocaleString("en")} of {total.toLocaleString("en")}.
    </p>
  ) : null;
}

function Limited({ length }: { length: number }) {
  return length >= PREVIEW_LIST_LIMIT ? <p className="text-sm text-slate-700">Showing the first {PREVIEW_LIST_LIMIT.toLocaleString("en")}.</p> : null;
}

export function Problems({ preview }: { preview: ImportPreview }) {
  const rows = new Set(preview.problems.map((p) => p.row)).size;
  return (
    <div className="space-y-3">
      <Alert>
        <p className="font-semibold">
          {plural(preview.problemCount, "problem", "problems")} in {plural(rows, "row", "rows")}
          {preview.problems.length < preview.problemCount ? " (or more)" : ""}. Nothing has been imported.
        </p>
        <p className="mt-1">Fix them in your file or in the text above, then check again.</p>
      </Alert>
      <Table label="Problems by row" head={["Row", "Column", "Problem"]} minWidth="">
        {preview.problems.map((problem, i) => (
          <tr key={i}>
            <td className={`${cell} tabular-nums`}>{problem.row}</td>
            <td className={cell}>{problem.column ? COLUMN_LABELS[problem.column] : "—"}</td>
            <td className={cell}>{problem.message}</td>
          </tr>
        ))}
      </Table>
      <Truncated shown={preview.problems.length} total={preview.problemCount} />
    </div>
  );
}

export function Summary({ preview }: { preview: ImportPreview }) {
  const summary = preview.summary!;
  const stats: [string, number][] = [
    ["New people", summary.creates],
    ["People updated", summary.updates],
    ["Manager changes", summary.managerChanges],
    ["Unchanged", summary.unchanged],
  ];
  return (
    <div className="space-y-5">
      <Alert tone="info">No problems found in {plural(preview.rowCount, "row", "rows")}. Nothing has been written yet: this is what importing will do.</Alert>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        {stats.map(([label, value]) => (
          <div key={label} className="rounded-lg bg-slate-50 p-3">
            <dt className="text-slate-600">{label}</dt>
            <dd className="text-xl font-semibold text-slate-900">{value.toLocaleString("en")}</dd>
          </div>
        ))}
      </dl>
      {summary.pairsToClose + summary.pairsToOpen > 0 || summary.newDepartments.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
          {summary.pairsToClose > 0 ? (
            <li>{plural(summary.pairsToClose, "pair ends", "pairs end")} because a manager changes; their history stays with their two people.</li>
          ) : null}
          {summary.pairsToOpen > 0 ? <li>{plural(summary.pairsToOpen, "new pair starts", "new pairs start")}.</li> : null}
          {summary.newDepartments.length > 0 ? (
            <li>
              New {summary.newDepartments.length === 1 ? "department" : "departments"}: {summary.newDepartments.join(", ")}.
            </li>
          ) : null}
        </ul>
      ) : null}

      {preview.creates.length > 0 ? (
        <section aria-labelledby="import-creates" className="space-y-2">
          <h4 id="import-creates" className="font-semibold">
            New people ({summary.creates.toLocaleString("en")}), each invited by email
          </h4>
          <Table label="New people" head={["Row", "Name", "Email", "Manager", "Department", "Title", "Start date"]} minWidth="min-w-[60rem]">
            {preview.creates.map((create) => (
              <tr key={create.row}>
                <td className={`${cell} tabular-nums`}>{create.row}</td>
                <td className={cell}>{create.name}</td>
                <td className={cell}>{create.email}</td>
                <td className={cell}>{create.manager?.name ?? "—"}</td>
                <td className={cell}>{create.department ?? "—"}</td>
                <td className={cell}>{create.title ?? "—"}</td>
                <td className={`${cell} tabular-nums`}>{create.startDate ?? "—"}</td>
              </tr>
            ))}
          </Table>
          <Truncated shown={preview.creates.length} total={summary.creates} />
        </section>
      ) : null}

      {preview.updates.length > 0 ? (
        <section aria-labelledby="import-updates" className="space-y-2">
          <h4 id="import-updates" className="font-semibold">
            Changes to people already in Tandem
          </h4>
          <Table label="Changes to people already in Tandem" head={["Row", "Name", "What changes"]} minWidth="min-w-[36rem]">
            {preview.updates.map((update) => (
              <tr key={update.row}>
                <td className={`${cell} tabular-nums`}>{update.row}</td>
                <td className={cell}>
                  {update.name}
                  <span className="block text-slate-600">{update.email}</span>
                </td>
                <td className={cell}>
                  <ul className="space-y-0.5">
                    {update.changes.map((change) => (
                      <li key={change.field}>
                        {FIELD_LABELS[change.field]}: {change.from ?? "(empty)"} → {change.to ?? "(empty)"}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </Table>
          <Limited length={preview.updates.length} />
        </section>
      ) : null}

      {preview.managerChanges.length > 0 ? (
        <section aria-labelledby="import-managers" className="space-y-2">
          <h4 id="import-managers" className="font-semibold">
            Manager changes ({summary.managerChanges.toLocaleString("en")})
          </h4>
          <Table label="Manager changes" head={["Row", "Person", "Manager now", "New manager"]} minWidth="min-w-[44rem]">
            {preview.managerChanges.map((m: PreviewManagerChange) => (
              <tr key={m.row}>
                <td className={`${cell} tabular-nums`}>{m.row}</td>
                <td className={cell}>{m.name}</td>
                <td className={cell}>{ref(m.from)}</td>
                <td className={cell}>{ref(m.to)}</td>
              </tr>
            ))}
          </Table>
          <Truncated shown={preview.managerChanges.length} total={summary.managerChanges} />
        </section>
      ) : null}
    </div>
  );
}
