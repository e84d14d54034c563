import type { Metadata } from "next";
import { MinGroupSizeForm } from "@/components/org/min-group-size-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getCaller, orNotFound } from "@/server/trpc/server";
import { TRPCReactProvider } from "@/components/trpc/client";

export const metadata: Metadata = { title: "Settings" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const actionLabels: Record<string, string> = {
  "cycle.created": "created a cycle",
  "cycle.opened": "opened a cycle",
  "cycle.closed": "closed a cycle",
  "cycle.reminded": "sent reminders",
  "people.imported": "imported people",
  "settings.changed": "changed a setting",
  "trends.exported": "exported trends",
  "template.created": "created an org template",
  "template.updated": "changed an org template",
  "template.deleted": "deleted an org template",
};

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
        <section aria-labelledby="audit" className="space-y-3">
          <h2 id="audit" className="text-lg font-semibold">
            Audit log
          </h2>
          <p className="text-sm text-slate-700">What admins did, newest first. It never contains anyone&apos;s answers.</p>
          {audit.entries.length === 0 ? (
            <Card className="p-4 text-sm text-slate-700">Nothing yet.</Card>
          ) : (
            <Card>
              <ol className="divide-y divide-slate-100">
                {audit.entries.map((e) => (
                  <li key={e.id} className="flex flex-col gap-1 p-3 text-sm sm:flex-row sm:items-baseline sm:justify-between">
                    <span>
                      <span className="font-medium">{e.actorName}</span> {actionLabels[e.action] ?? e.action}
                      {typeof e.details.name === "string" ? <>: {e.details.name}</> : null}
                      {e.action === "settings.changed" ? <>: minimum group size {String(e.details.from)} → {String(e.details.to)}</> : null}
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
