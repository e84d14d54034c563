import type { Metadata } from "next";
import { MinGroupSizeForm } from "@/components/org/min-group-size-form";
import { TimeZoneForm } from "@/components/org/time-zone-form";
import { AuditEntryText } from "@/components/org/audit-entry";
import { Badge, Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getCaller, orNotFound } from "@/server/trpc/server";
import { TRPCReactProvider } from "@/components/trpc/client";

export const metadata: Metadata = { title: "Settings" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Every zone this server knows, UTC included (some runtimes leave it out of the list), and the current one whatever it is. */
function timeZones(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  zones.add(current);
  return [...zones].sort();
}

export default async function SettingsPage() {
  const caller = await getCaller();
  const [settings, audit] = await Promise.all([orNotFound(caller.org.settings()), orNotFound(caller.org.auditLog({ limit: 50 }))]);
  return (
    <TRPCReactProvider>
      <div className="space-y-8">
        <PageHeader title="Settings">{settings.name}</PageHeader>
        <section aria-labelledby="anonymity" className="space-y-3">
          <h2 id="anonymity" className="text-lg font-semibold">
            Anonymity
          </h2>
          <Card className="p-4 sm:p-5">
            <MinGroupSizeForm current={settings.minGroupSize} />
          </Card>
        </section>
        <section aria-labelledby="schedule" className="space-y-3">
          <h2 id="schedule" className="text-lg font-semibold">
            Cycle schedule
          </h2>
          <Card className="p-4 sm:p-5">
            <TimeZoneForm current={settings.timeZone} zones={timeZones(settings.timeZone)} />
          </Card>
        </section>
        <section aria-labelledby="audit" className="space-y-3">
          <h2 id="audit" className="text-lg font-semibold">
            Audit log
          </h2>
          <p className="text-sm text-slate-700">
            What admins did, and what Tandem did by itself on a cycle&apos;s dates (&ldquo;Tandem (scheduled)&rdquo;), newest first. It never contains anyone&apos;s answers.
          </p>
          {audit.entries.length === 0 ? (
            <Card className="p-4 text-sm text-slate-700">Nothing yet.</Card>
          ) : (
            <Card>
              <ol className="divide-y divide-slate-100">
                {audit.entries.map((e) => (
                  <li key={e.id} className="flex flex-col gap-1 p-3 text-sm sm:flex-row sm:items-baseline sm:justify-between">
                    <span>
                      <AuditEntryText entry={e} /> {e.automatic ? <Badge>automatic</Badge> : null}
                    </span>
                    <time dateTime={e.createdAt.toISOString()} className="shrink-0 text-slate-600">
                      {when.format(e.createdAt)} UTC
                    </time>
                  </li>
                ))}
              </ol>
            </Card>
          )}
        </section>
      </div>
    </TRPCReactProvider>
  );
}
