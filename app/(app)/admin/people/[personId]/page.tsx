import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PersonRoles, PersonStatus } from "@/components/people-admin/person-access";
import { PersonDetails } from "@/components/people-admin/person-details";
import { PersonEditSection } from "@/components/people-admin/person-edit-section";
import { PersonHeader } from "@/components/people-admin/person-header";
import { PersonPairs } from "@/components/people-admin/person-pairs";
import { TRPCReactProvider } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
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
        <PersonHeader person={person} />

        <Section id="person-details" title="Details">
          <PersonDetails person={person} showAuditLink={viewerIsOwner} />
        </Section>

        <Section id="person-pairs" title="Pairs">
          <PersonPairs pairs={person.pairs} />
        </Section>

        <PersonEditSection person={person} departments={departments.map((d) => d.name)} />

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
