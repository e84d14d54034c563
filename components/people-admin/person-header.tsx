import Link from "next/link";
import { Badge } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

/** A person's admin page heading: their name (and whether they are deactivated), the way back to the list, and who they are. */
export function PersonHeader({
  person,
}: {
  person: { name: string; email: string; title: string | null; department: { name: string } | null; deactivated: boolean };
}) {
  return (
    <PageHeader
      title={
        <span className="flex flex-wrap items-center gap-2">
          {person.name} {person.deactivated ? <Badge tone="amber">Deactivated</Badge> : null}
        </span>
      }
      eyebrow={
        <Link href="/admin/people" className="underline underline-offset-2">
          Manage people
        </Link>
      }
    >
      {[person.title, person.department?.name].filter(Boolean).join(" · ") || person.email}
    </PageHeader>
  );
}
