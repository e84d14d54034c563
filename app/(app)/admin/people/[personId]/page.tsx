import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PersonRoles, PersonStatus } from "@/components/people-admin/person-access";
import { PersonDetails } from "@/components/people-admin/person-details";
import { PersonEditForm } from "@/components/people-admin/person-edit-form";
import { PersonPairs } from "@/components/people-admin/person-pairs";
import { TRPCReactProvider } from "@/components/trpc/client";
import { Badge, Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { isOrgAdmin, isOwner } from "@/server/access/actor";
import { getCaller, getShell, orNotFound } from "@/server/trpc/server";
import { Section } from "@/components/ui/section";

export const metadata: Metadata = { title: "Person" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function PersonPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const shell = await getShell();
  if (!isOrgAdmin(shell) || !UUID.test(personId)) notFound();
  const caller = await getCaller();
  const [person, departments] = await Promise.all([orNotFound(caller.people.get({ personId })), caller.people.departments()]);
  const viewerIsOwner = isOwner(shell);
  const isSelf = person.id === shell.person.id;

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

        <Section id="person-details" title="Details">
          <PersonDetails person={person} showAuditLink={viewerIsOwner} />
        </Section>

        <Section id="person-pairs" title="Pairs">
          <PersonPairs pairs={person.pairs} />
        </Section>

        <Section id="person-edit" title="Edit">
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
        </Section>

        <Section id="person-roles" title="Roles">
          <Card className="p-4 sm:p-5">
            <PersonRoles person={person} viewer={{ isOwner: viewerIsOwner, isSelf }} />
          </Card>
        </Section>

        <Section id="person-status" title="Status">
          <Card className="p-4 sm:p-5">
            <PersonStatus person={person} viewer={{ isSelf }} />
          </Card>
        </Section>
      </div>
    </TRPCReactProvider>
  );
}
