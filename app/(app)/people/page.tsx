import type { Metadata } from "next";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { Directory } from "@/components/people/directory";
import { getQueryClient, trpc } from "@/server/trpc/server";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage() {
  const queryClient = getQueryClient();
  await queryClient.prefetchInfiniteQuery(trpc.directory.list.infiniteQueryOptions({ query: "", limit: 50 }, { getNextPageParam: (page) => page.next }));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">People</h1>
        <p className="mt-1 text-slate-700">Everyone in your organization.</p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <Directory />
      </HydrationBoundary>
    </div>
  );
}
