import Link from "next/link";
import type { AuditDetails } from "@/db/schema";
import { Badge, Card, ErrorText } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { fieldClass, labelClass } from "@/components/ui/field";
import { ACTION_LABELS, AuditEntryText } from "./audit-entry";

// The audit log with its filters: a plain GET form, so a filtered log is an address that can be
// shared, reloaded and used without JavaScript. Older entries are a link to the next page.

export interface AuditFilterValues {
  action: string;
  person: string;
  from: string;
  to: string;
}

interface Entry {
  id: string;
  actorName: string;
  automatic: boolean;
  action: string;
  details: AuditDetails;
  createdAt: Date;
}

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function AuditLog({
  entries,
  next,
  filter,
  basePath,
  problems,
}: {
  entries: Entry[];
  next: Date | null;
  filter: AuditFilterValues;
  basePath: string;
  problems: string[];
}) {
  const filtered = Object.values(filter).some(Boolean);
  const olderHref = next ? `${basePath}?${new URLSearchParams({ ...filter, before: next.toISOString() }).toString()}#audit` : null;
  return (
    <div className="space-y-3">
      <form method="get" action={`${basePath}#audit`} aria-label="Filter the audit log" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
        <div>
          <label htmlFor="audit-action" className={labelClass}>
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={filter.action} className={fieldClass}>
            <option value="">Any action</option>
            {Object.entries(ACTION_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-person" className={labelClass}>
            Person&apos;s email
          </label>
          <input id="audit-person" name="person" type="email" defaultValue={filter.person} className={fieldClass} placeholder="name@example.com" />
        </div>
        <div>
          <label htmlFor="audit-from" className={labelClass}>
            From (UTC)
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from} className={fieldClass} />
        </div>
        <div>
          <label htmlFor="audit-to" className={labelClass}>
            To (UTC)
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to} className={fieldClass} />
        </div>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass("secondary")}>
            Filter
          </button>
          {filtered ? (
            <Link href={`${basePath}#audit`} className={buttonClass("ghost")}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>
      <ErrorText error={problems.join(" ")} />
      {entries.length === 0 ? (
        <Card className="p-4 text-sm text-slate-700">{filtered ? "No entries match these filters." : "Nothing yet."}</Card>
      ) : (
        <Card>
          <ol className="divide-y divide-slate-100" aria-label="Audit log entries">
            {entries.map((logEntry) => (
              <li key={logEntry.id} className="flex flex-col gap-1 p-3 text-sm sm:flex-row sm:items-baseline sm:justify-between">
                <div>
                  <AuditEntryText entry={logEntry} /> {logEntry.automatic ? <Badge>automatic</Badge> : null}
                </div>
                <time dateTime={logEntry.createdAt.toISOString()} className="shrink-0 text-slate-600">
                  {when.format(logEntry.createdAt)} UTC
                </time>
              </li>
            ))}
          </ol>
        </Card>
      )}
      {olderHref ? (
        <Link href={olderHref} className="inline-flex min-h-11 items-center font-medium text-brand-800 underline underline-offset-2">
          Older entries
        </Link>
      ) : null}
    </div>
  );
}
