import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { MeetingHeader } from "@/components/meetings/meeting-header";
import { MeetingWorkspace } from "@/components/meetings/meeting-workspace";
import { getCaller, getQueryClient, orNotFound, trpc } from "@/server/trpc/server";
import { TRPCReactProvider } from "@/components/trpc/client";

export const metadata: Metadata = { title: "1:1 meeting" };

export default async function MeetingPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  if (!z.uuid().safeParse(meetingId).success) notFound();
  await getCaller(); // signed out → sign-in
  const queryClient = getQueryClient();
  const data = await orNotFound(queryClient.fetchQuery(trpc.meetings.get.queryOptions({ meetingId })));
  await queryClient.prefetchQuery(trpc.meetings.templateChoices.queryOptions());
  return (
    <div className="space-y-8">
      <MeetingHeader data={data} />
      <TRPCReactProvider>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <MeetingWorkspace meetingId={meetingId} />
        </HydrationBoundary>
      </TRPCReactProvider>
    </div>
  );
}
