import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PersonRoles, PersonStatus } from "@/components/people-admin/person-access";
import { PersonEditForm } from "@/components/people-admin/person-edit-form";
import { PersonPairs } from "@/components/people-admin/person-pairs";
import { TRPCReactProvider } from "@/components/trpc/client";
import { Badge, Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { isOrgAdmin, isOwner } from "@/server/access/actor";
import { getCaller, getShell, orNotFound } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Person" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function PersonPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const shell = await getShell();
  if (!isOrgAdmin(shell) || !UUID.test(personId)) notFound();
  const caller = await getCaller();
  const [person, departments] = await Promise.all([orNotFound(caller.people.get({ personId })), caller.people.departments()]);
  const viewerIsOwner = isOwner(shell);
  const isSelf = person.id === shell.person.id;
  const details: [string, string][] = [
    ["Email", person.email],
    ["Given name", person.givenName ?? "— (emails use the full name)"],
    ["Title", person.title ?? "—"],
    ["Department", person.department?.name ?? "—"],
    ["Manager", person.manager ? `${person.manager.name} (${person.manager.email})` : "No manager"],
    ["Start date", person.startDate ? day.format(new Date(`${person.startDate}T00:00:00Z`)) : "—"],
    ["Roles", person.roles.length === 0 ? "Member" : person.roles.map((r) => (r === "owner" ? "Owner" : "HR admin")).join(", ")],
    ["Status", person.deactivated ? `Deactivated on ${day.format(person.deactivatedAt!)}` : "Active"],
  ];

  return (
    <TRPCReactProvider>
      <div className="space-y-8">
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

        <section aria-labelledby="person-details" className="space-y-3">
          <h2 id="person-details" className="text-lg font-semibold">
            Details
          </h2>
          <Card className="p-4 sm:p-5">
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              {details.map(([label, value]) => (
                <div key={label}>
                  <dt className="text-slate-600">{label}</dt>
                  <dd className="font-medium break-words text-slate-900">{value}</dd>
                </div>
              ))}
            </dl>
            {viewerIsOwner ? (
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
        </section>

        <section aria-labelledby="person-pairs" className="space-y-3">
          <h2 id="person-pairs" className="text-lg font-semibold">
            Pairs
          </h2>
          <PersonPairs pairs={person.pairs} />
        </section>

        <section aria-labelledby="person-edit" className="space-y-3">
          <h2 id="person-edit" className="text-lg font-semibold">
            Edit
          </h2>
          <Card className="p-4 sm:p-5">
            <PersonEditForm
              // Deactivating or reactivating changes the manager behind the form: start it afresh.
              key={person.deactivated ? "deactivated" : "active"}
              person={{
                id: person.id,
                name: person.name,
                givenName: person.givenName,
                email: person.email,
                title: person.title,
                department: person.department?.name ?? null,
                startDate: person.startDate,
                managerEmail: person.manager?.email ?? null,
                deactivated: person.deactivated,
              }}
              departments={departments.map((d) => d.name)}
            />
          </Card>
        </section>

        <section aria-labelledby="person-roles" className="space-y-3">
          <h2 id="person-roles" className="text-lg font-semibold">
            Roles
          </h2>
          <Card className="p-4 sm:p-5">
            <PersonRoles person={person} viewer={{ isOwner: viewerIsOwner, isSelf }} />
          </Card>
        </section>

        <section aria-labelledby="person-status" className="space-y-3">
          <h2 id="person-status" className="text-lg font-semibold">
            Status
          </h2>
          <Card className="p-4 sm:p-5">
            <PersonStatus person={person} viewer={{ isSelf }} />
          </Card>
        </section>
      </div>
    </TRPCReactProvider>
  );
}
