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
        {people.map((p) => (
          <li key={p.id} className="p-4">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/admin/people/${p.id}`} className="font-semibold text-brand-800 underline underline-offset-2 hover:text-brand-900">
                {p.name}
              </Link>
              {p.deactivated ? <Badge tone="amber">Deactivated</Badge> : null}
              {p.roles
                .filter((r) => ROLE_LABELS[r])
                .map((r) => (
                  <Badge key={r} tone="brand">
                    {ROLE_LABELS[r]}
                  </Badge>
                ))}
            </div>
            <p className="mt-0.5 text-sm text-slate-700">{[p.title, p.department].filter(Boolean).join(" · ") || "No title or department"}</p>
            <p className="mt-0.5 text-sm break-all text-slate-600">
              {p.email}
              <span className="break-normal"> · {p.manager ? `reports to ${p.manager.name}` : "no manager"}</span>
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
