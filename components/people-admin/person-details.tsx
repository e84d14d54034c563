import Link from "next/link";
import { Card } from "@/components/ui/card";

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** What a person's page lists of them (`people.get`). */
export interface PersonDetailsOf {
  name: string;
  email: string;
  givenName: string | null;
  title: string | null;
  department: { name: string } | null;
  manager: { name: string; email: string } | null;
  startDate: string | null;
  roles: readonly string[];
  deactivated: boolean;
  deactivatedAt: Date | null;
}

/** A person's details on their admin page; owners also get a link to their entries in the audit log. */
export function PersonDetails({ person, showAuditLink }: { person: PersonDetailsOf; showAuditLink: boolean }) {
  const details: [string, string][] = [
    ["Email", person.email],
    ["Given name", person.givenName ?? "— (emails use the full name)"],
    ["Title", person.title ?? "—"],
    ["Department", person.department?.name ?? "—"],
    ["Manager", person.manager ? `${person.manager.name} (${person.manager.email})` : "No manager"],
    ["Start date", person.startDate ? day.format(new Date(`${person.startDate}T00:00:00Z`)) : "—"],
    ["Roles", person.roles.length === 0 ? "Member" : person.roles.map((role) => (role === "owner" ? "Owner" : "HR admin")).join(", ")],
    ["Status", person.deactivated ? `Deactivated on ${day.format(person.deactivatedAt!)}` : "Active"],
  ];
  return (
    <Card className="p-4 sm:p-5">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        {details.map(([label, value]) => (
          <div key={label}>
            <dt className="text-slate-600">{label}</dt>
            <dd className="font-medium break-words text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {showAuditLink ? (
        <p className="mt-4 text-sm">
          <Link
            href={`/admin/settings?${new URLSearchParams({ person: person.email })}#audit`}
            className="font-medium text-brand-800 underline underline-offset-2"
          >
            Changes to {person.name} in the audit log
          </Link>
        </p>
      ) : null}
    </Card>
  );
}
