"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Badge, Card, ErrorText } from "@/components/ui/card";

export interface Section {
  title: string;
  items: { text: string; prompt?: string }[];
}

export interface Template {
  ref: string;
  kind: "builtin" | "org" | "personal";
  name: string;
  purpose: string;
  sections: Section[];
  editable: boolean;
}

// The editor is shown only once someone starts a template: loaded then, not with the page.
const TemplateEditor = lazy(() => import("./template-editor").then((m) => ({ default: m.TemplateEditor })));

const kindLabels = { builtin: "Built-in", org: "Organization", personal: "Personal" } as const;

/** The template library: read any, edit your own (and, for HR admins, the organization's). */
export function TemplatesManager({ canManageOrg }: { canManageOrg: boolean }) {
  const trpc = useTRPC();
  const { data: templates } = useSuspenseQuery(trpc.meetings.templates.queryOptions());
  const [editing, setEditing] = useState<{ scope: "org" | "personal"; template?: Template } | null>(null);

  return (
    <div className="space-y-6">
      {editing ? (
        <Suspense fallback={null}>
          <TemplateEditor key={editing.template?.ref ?? editing.scope} scope={editing.scope} template={editing.template} onDone={() => setEditing(null)} />
        </Suspense>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="button" onClick={() => setEditing({ scope: "personal" })}>
            New personal template
          </Button>
          {canManageOrg ? (
            <Button type="button" variant="secondary" onClick={() => setEditing({ scope: "org" })}>
              New organization template
            </Button>
          ) : null}
        </div>
      )}
      <ul className="space-y-3">
        {templates.map((orgTemplate) => (
          <li key={orgTemplate.ref}>
            <TemplateCard template={orgTemplate} onEdit={() => setEditing({ scope: orgTemplate.kind === "org" ? "org" : "personal", template: orgTemplate })} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function TemplateCard({ template: t, onEdit }: { template: Template; onEdit: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.meetings.deleteTemplate.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.meetings.templates.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.meetings.templateChoices.queryKey() }),
        ]),
    }),
  );
  return (
    <Card className="p-4">
      <details>
        <summary className="flex min-h-11 cursor-pointer list-none flex-wrap items-center gap-2">
          <span className="font-semibold text-slate-900 underline decoration-slate-300 underline-offset-4">{t.name}</span>
          <Badge tone={t.kind === "builtin" ? "slate" : "brand"}>{kindLabels[t.kind]}</Badge>
        </summary>
        <div className="mt-2 space-y-3">
          {t.sections.map((section, i) => (
            <div key={i}>
              <p className="text-sm font-semibold text-slate-800">{section.title}</p>
              <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
                {section.items.map((item, j) => (
                  <li key={j}>
                    {item.text}
                    {item.prompt ? <span className="block text-slate-600">{item.prompt}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </details>
      <p className="mt-1 text-sm text-slate-700">{t.purpose}</p>
      {t.editable && t.kind !== "builtin" ? (
        <div className="mt-2 flex gap-2">
          <Button type="button" variant="secondary" onClick={onEdit}>
            Edit<span className="sr-only"> {t.name}</span>
          </Button>
          <Button type="button" variant="ghost" disabled={remove.isPending} onClick={() => remove.mutate({ templateId: t.ref })}>
            Delete<span className="sr-only"> {t.name}</span>
          </Button>
        </div>
      ) : null}
      <ErrorText error={remove.error} />
    </Card>
  );
}
