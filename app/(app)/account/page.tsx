import type { Metadata } from "next";
import { connection } from "next/server";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { SwitchOrganizationForm } from "@/components/shell/switch-organization-form";
import { PageHeader } from "@/components/ui/page-header";
import { getCaller, getShell } from "@/server/trpc/server";
import { signOutEverywhereAction } from "../actions";
import { Section } from "@/components/ui/section";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const [me, organizations, params] = await Promise.all([getShell(), (await getCaller()).session.organizations(), searchParams]);
  return (
    <div className="space-y-6">
      <PageHeader title="Your account">
        {me.person.name} · {me.org.name}
      </PageHeader>
      {params.error === "switch" ? <Alert>That organization could not be opened. Pick one below.</Alert> : null}

      {organizations.length > 1 ? (
        <Card className="p-4 sm:p-6">
          <Section id="orgs-heading" title="Your organizations">
            <p className="text-sm text-slate-700">
              Your address belongs to a person in each of these. They are separate: what you do in one is never seen from another.
            </p>
            <ul className="space-y-2">
              {organizations.map((organization) => (
                <li key={organization.personId} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 p-3">
                  <span>
                    <span className="block font-medium text-slate-900">{organization.orgName}</span>
                    <span className="block text-sm text-slate-600">as {organization.name}</span>
                  </span>
                  {organization.current ? (
                    <span className="text-sm font-medium text-slate-700">You are here</span>
                  ) : (
                    <SwitchOrganizationForm personId={organization.personId}>
                      <Button type="submit" variant="secondary">
                        Switch to {organization.orgName}
                      </Button>
                    </SwitchOrganizationForm>
                  )}
                </li>
              ))}
            </ul>
          </Section>
        </Card>
      ) : null}

      <Card className="p-4 sm:p-6">
        <Section id="sessions-heading" title="Where you are signed in">
          <p className="text-sm text-slate-700">
            Lost a device, or signed in on a shared computer? Signing out everywhere ends every session of your address, in every organization, this one
            included. A session also ends after 30 days without use.
          </p>
          <form action={signOutEverywhereAction}>
            <Button type="submit" variant="secondary">
              Sign out everywhere
            </Button>
          </form>
        </Section>
      </Card>
    </div>
  );
}
