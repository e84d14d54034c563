import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { Directory } from "@/components/people/directory";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { TRPCReactProvider } from "@/components/trpc/client";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage() {
  const queryClient = getQueryClient();
  await queryClient.prefetchInfiniteQuery(trpc.directory.list.infiniteQueryOptions({ query: "", limit: 50 }, { getNextPageParam: (page) => page.next }));
  return (
    <TRPCReactProvider>
      <div className="space-y-6">
        <PageHeader title="People">Everyone in your organization.</PageHeader>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <Directory />
        </HydrationBoundary>
      </div>
    </TRPCReactProvider>
  );
}
