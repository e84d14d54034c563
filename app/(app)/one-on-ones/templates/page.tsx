import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { TemplatesManager } from "@/components/meetings/templates-manager";
import { PageHeader } from "@/components/ui/page-header";
import { mayCreateTemplate } from "@/server/access/meetings";
import { getMe, getQueryClient, trpc } from "@/server/trpc/server";
import { TRPCReactProvider } from "@/components/trpc/client";

export const metadata: Metadata = { title: "Agenda templates" };

export default async function TemplatesPage() {
  const me = await getMe();
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery(trpc.meetings.templates.queryOptions());
  const canManageOrg = mayCreateTemplate(me, "org");
  return (
    <TRPCReactProvider>
      <div className="space-y-6">
        <PageHeader
          eyebrow={
            <Link href="/one-on-ones" className="underline">
              1:1s
            </Link>
          }
          title="Agenda templates"
        >
          Start a meeting from a template: its items are added to the agenda, without repeating ones already there.
        </PageHeader>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <TemplatesManager canManageOrg={canManageOrg} />
        </HydrationBoundary>
      </div>
    </TRPCReactProvider>
  );
}
