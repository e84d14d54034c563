import type { Metadata } from "next";
import { MinGroupSizeForm } from "@/components/org/min-group-size-form";
import { TimeZoneForm } from "@/components/org/time-zone-form";
import { AuditLog } from "@/components/org/audit-log";
import { Card } from "@/components/ui/card";
import { AUDIT_ACTIONS, type AuditAction } from "@/server/audit/audit";
import { PageHeader } from "@/components/ui/page-header";
import { getCaller, orNotFound } from "@/server/trpc/server";
import { TRPCReactProvider } from "@/components/trpc/client";
import { Section } from "@/components/ui/section";

export const metadata: Metadata = { title: "Settings" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim().slice(0, 254) : "");
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && v >= "2000-01-01" && v <= "2099-12-31";

/** The log's filters from the address; what can't be used is named and left out rather than failing the page. */
function auditFilter(search: Search) {
  const problems: string[] = [];
  const action = one(search.action);
  const person = one(search.person);
  const from = one(search.from);
  const to = one(search.to);
  const before = one(search.before);
  const validAction = (AUDIT_ACTIONS as readonly string[]).includes(action) ? (action as AuditAction) : null;
  if (action && !validAction) problems.push("That action isn't one the log knows; showing every action.");
  for (const [label, value] of [
    ["From", from],
    ["To", to],
  ] as const)
    if (value && !isDay(value)) problems.push(`${label} isn't a date between 2000 and 2099; it was left out.`);
  const beforeDate = before && !Number.isNaN(Date.parse(before)) ? new Date(before) : null;
  return {
    problems,
    values: { action: validAction ?? "", person, from: isDay(from) ? from : "", to: isDay(to) ? to : "" },
    input: {
      limit: 50,
      action: validAction,
      personEmail: person || null,
      from: isDay(from) ? from : null,
      to: isDay(to) ? to : null,
      before: beforeDate && beforeDate.getFullYear() >= 2000 && beforeDate.getFullYear() < 2100 ? beforeDate : null,
    },
  };
}

/** Every zone this server knows, UTC included (some runtimes leave it out of the list), and the current one whatever it is. */
function timeZones(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  zones.add(current);
  return [...zones].sort();
}

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const caller = await getCaller();
  const filter = auditFilter(await searchParams);
  const [settings, audit] = await Promise.all([orNotFound(caller.org.settings()), orNotFound(caller.org.auditLog(filter.input))]);
  return (
    <TRPCReactProvider>
      <div className="space-y-8">
        <PageHeader title="Settings">{settings.name}</PageHeader>
        <Section id="anonymity" title="Anonymity">
          <Card className="p-4 sm:p-5">
            <MinGroupSizeForm current={settings.minGroupSize} />
          </Card>
        </Section>
        <Section id="schedule" title="Cycle schedule">
          <Card className="p-4 sm:p-5">
            <TimeZoneForm current={settings.timeZone} zones={timeZones(settings.timeZone)} />
          </Card>
        </Section>
        <Section id="audit" title="Audit log">
          <p className="text-sm text-slate-700">
            What admins did (with every field they changed, old and new), and what Tandem did by itself on a cycle&apos;s dates (&ldquo;Tandem
            (scheduled)&rdquo;), newest first. It never contains anyone&apos;s answers.
          </p>
          <AuditLog entries={audit.entries} next={audit.next} filter={filter.values} basePath="/admin/settings" problems={filter.problems} />
        </Section>
      </div>
    </TRPCReactProvider>
  );
}
