import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";

// One page of the people list. A list rather than a table: at 360 px each person stays one
// readable block instead of a table to scroll sideways.

export interface PeopleRow {
  id: string;
  name: string;
  email: string;
  title: string | null;
  department: string | null;
  manager: { id: string; name: string } | null;
  deactivated: boolean;
  roles: string[];
}

const ROLE_LABELS: Record<string, string> = { owner: "Owner", hr_admin: "HR admin" };

export function PeopleTable({ people }: { people: PeopleRow[] }) {
  return (
    <Card>
      <ul className="divide-y divide-slate-100" aria-label="People">
        {people.map((person) => (
          <li key={person.id} className="p-4">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/admin/people/${person.id}`} className="font-semibold text-brand-800 underline underline-offset-2 hover:text-brand-900">
                {person.name}
              </Link>
              {person.deactivated ? <Badge tone="amber">Deactivated</Badge> : null}
              {person.roles
                .filter((r) => ROLE_LABELS[r])
                .map((role) => (
                  <Badge key={role} tone="brand">
                    {ROLE_LABELS[role]}
                  </Badge>
                ))}
            </div>
            <p className="mt-0.5 text-sm text-slate-700">{[person.title, person.department].filter(Boolean).join(" · ") || "No title or department"}</p>
            <p className="mt-0.5 text-sm break-all text-slate-600">
              {person.email}
              <span className="break-normal"> · {person.manager ? `reports to ${person.manager.name}` : "no manager"}</span>
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
