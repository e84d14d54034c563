import type { Metadata } from "next";
import Link from "next/link";
import { MeetingSettings } from "@/components/meetings/meeting-settings";
import { NextMeetings } from "@/components/meetings/next-meetings";
import { PageHeader } from "@/components/ui/page-header";
import { headers } from "next/headers";
import { publicOrigin } from "@/server/security/origin";
import { getCaller } from "@/server/trpc/server";
import { TRPCReactProvider } from "@/components/trpc/client";

export const metadata: Metadata = { title: "1:1s" };

export default async function OneOnOnesPage() {
  const caller = await getCaller();
  const [rows, preferences] = await Promise.all([caller.meetings.mine(), caller.meetings.preferences()]);
  return (
    <TRPCReactProvider>
      <div className="space-y-8">
        <PageHeader title="1:1s">
          Your recurring 1:1s with your manager and your reports.{" "}
          <Link href="/one-on-ones/templates" className="underline">
            Agenda templates
          </Link>
        </PageHeader>
        <section aria-labelledby="next-heading">
          <h2 id="next-heading" className="mb-3 text-lg font-semibold">
            Next 1:1s
          </h2>
          <NextMeetings rows={rows} />
        </section>
        <section aria-labelledby="settings-heading">
          <h2 id="settings-heading" className="sr-only">
            Reminders and calendar
          </h2>
          <MeetingSettings origin={publicOrigin(await headers())} preferences={preferences} />
        </section>
      </div>
    </TRPCReactProvider>
  );
}
