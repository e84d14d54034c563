import type { ReactNode } from "react";
import { Badge } from "@/components/ui/card";

// What a people CSV holds, with an example to start from. Static: no data fetching.

export const EXAMPLE_CSV = [
  "email,name,given name,manager email,department,title,start date",
  "maya.chen@example.com,Maya Chen,Maya,,Leadership,Chief Executive Officer,2017-03-01",
  "sam.okafor@example.com,Sam Okafor,Sam,maya.chen@example.com,Engineering,Engineering Manager,2021-06-14",
  'lea.martin@example.com,"Martin, Léa",Léa,sam.okafor@example.com,Engineering,Software Engineer,2024-01-08',
].join("\n");

const COLUMNS: { name: string; required: boolean; what: ReactNode }[] = [
  { name: "email", required: true, what: "Their work email. Someone already in Tandem with this address is updated, not added again." },
  { name: "name", required: true, what: "Their full name, or two columns “first name” and “last name”." },
  {
    name: "given name",
    required: false,
    what: "What emails and greetings call them (“Hi Léa,”). A “preferred name” column counts as this, else “first name”; without either, the full name is used.",
  },
  { name: "manager email", required: false, what: "Their manager’s email: someone in this file or already in Tandem. Empty means no manager." },
  { name: "department", required: false, what: "Created if it doesn’t exist yet (upper or lower case doesn’t matter)." },
  { name: "title", required: false, what: "Their job title." },
  {
    name: "start date",
    required: false,
    what: (
      <>
        Written YYYY-MM-DD, for example <span className="whitespace-nowrap">2024-03-15</span>.
      </>
    ),
  },
];

export function ExpectedColumns() {
  return (
    <div className="space-y-4 text-sm text-slate-800">
      <p>
        The first row names the columns, in any order and any case (“Manager Email” and “manager_email” both work). Exports of BambooHR, HiBob, Personio,
        Rippling and Workday are read as they are (“Work Email”, “First Name” + “Last Name”, “Supervisor Email”, “Job Title”, “Hire Date”…); for any other
        column, choose what it holds after the check, and Tandem remembers it for your next file. Other columns are ignored. Save as CSV (comma- or
        semicolon-separated, UTF-8).
      </p>
      <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200">
        {COLUMNS.map((column) => (
          <div key={column.name} className="flex flex-col gap-1 p-3 sm:flex-row sm:gap-4">
            <dt className="flex shrink-0 items-center gap-2 sm:w-48">
              <code className="font-semibold text-slate-900">{column.name}</code>
              <Badge tone={column.required ? "brand" : "slate"}>{column.required ? "required" : "optional"}</Badge>
            </dt>
            <dd className="text-slate-700">{column.what}</dd>
          </div>
        ))}
      </dl>
      <p>
        People who aren’t in the file are left as they are. Leave a column out to keep what Tandem has; leave a cell empty to clear it. A manager change ends
        the old pair (its history stays with its two people) and starts a new one. People added get an email inviting them to sign in.
      </p>
      <div className="space-y-2">
        <p className="font-medium text-slate-900" id="example-csv-label">
          Example
        </p>
        <pre aria-labelledby="example-csv-label" className="overflow-x-auto rounded-lg bg-slate-100 p-3 text-xs leading-relaxed text-slate-800" tabIndex={0}>
          {EXAMPLE_CSV}
        </pre>
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(EXAMPLE_CSV)}`}
          download="tandem-people-example.csv"
          className="inline-flex min-h-11 items-center font-medium text-brand-800 underline underline-offset-2 hover:text-brand-900"
        >
          Download the example as a CSV file
        </a>
      </div>
    </div>
  );
}
