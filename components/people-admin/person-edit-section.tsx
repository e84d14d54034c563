import type { inferRouterOutputs } from "@trpc/server";
import { Card } from "@/components/ui/card";
import { Section } from "@/components/ui/section";
import type { AppRouter } from "@/server/trpc/root";
import { PersonEditForm } from "./person-edit-form";

type AdminPerson = inferRouterOutputs<AppRouter>["people"]["get"];

/** The "Edit" section of a person's admin page. Only the fields the form edits are sent to the browser. */
export function PersonEditSection({ person, departments }: { person: AdminPerson; departments: string[] }) {
  return (
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
          departments={departments}
        />
      </Card>
    </Section>
  );
}
