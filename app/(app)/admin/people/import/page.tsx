import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExpectedColumns } from "@/components/people-import/expected-columns";
import { PeopleImportForm } from "@/components/people-import/people-import-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { isOrgAdmin } from "@/server/access/actor";
import { getMe } from "@/server/trpc/server";
import { TRPCReactProvider } from "@/components/trpc/client";
import { Section } from "@/components/ui/section";

export const metadata: Metadata = { title: "Import people" };

export default async function ImportPeoplePage() {
  const me = await getMe();
  // Members get the same "not found" as for any page that isn't theirs; the procedures check again.
  if (!isOrgAdmin(me)) notFound();

  return (
    <TRPCReactProvider>
      <div className="space-y-8">
        <PageHeader
          title="Import people"
          eyebrow={
            <Link href="/admin/people" className="underline underline-offset-2">
              Manage people
            </Link>
          }
        >
          Add and update your organization’s people from a spreadsheet. Check the file first: nothing is written until you import.
        </PageHeader>

        <Section id="import-file" title="Your file">
          <Card className="p-4 sm:p-5">
            <PeopleImportForm />
          </Card>
        </Section>

        <Section id="import-columns" title="Expected columns">
          <Card className="p-4 sm:p-5">
            <ExpectedColumns />
          </Card>
        </Section>
      </div>
    </TRPCReactProvider>
  );
}
