"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { fieldClass, labelClass } from "@/components/ui/field";

interface Section {
  title: string;
  items: { text: string; prompt?: string }[];
}

interface Template {
  ref: string;
  kind: "builtin" | "org" | "personal";
  name: string;
  purpose: string;
  sections: Section[];
  editable: boolean;
}

const kindLabels = { builtin: "Built-in", org: "Organization", personal: "Personal" } as const;

/** The template library: read any, edit your own (and, for HR admins, the organization's). */
export function TemplatesManager({ canManageOrg }: { canManageOrg: boolean }) {
  const trpc = useTRPC();
  const { data: templates } = useSuspenseQuery(trpc.meetings.templates.queryOptions());
  const [editing, setEditing] = useState<{ scope: "org" | "personal"; template?: Template } | null>(null);

  return (
    <div className="space-y-6">
      {editing ? (
        <TemplateEditor key={editing.template?.ref ?? editing.scope} scope={editing.scope} template={editing.template} onDone={() => setEditing(null)} />
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
  const remove = useMutation(trpc.meetings.deleteTemplate.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.meetings.templates.queryKey() }) }));
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
      {remove.error ? (
        <p role="alert" className="text-sm text-red-700">
          {remove.error.message}
        </p>
      ) : null}
    </Card>
  );
}

function TemplateEditor({ scope, template, onDone }: { scope: "org" | "personal"; template?: Template; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const [name, setName] = useState(template?.name ?? "");
  const [purpose, setPurpose] = useState(template?.purpose ?? "");
  const [sections, setSections] = useState<Section[]>(template?.sections ?? [{ title: "", items: [{ text: "", prompt: "" }] }]);
  const save = useMutation(
    trpc.meetings.saveTemplate.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.meetings.templates.queryKey() });
        onDone();
      },
    }),
  );
  const setSection = (i: number, next: Section) => setSections(sections.map((s, k) => (k === i ? next : s)));

  return (
    <Card className="p-5">
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            templateId: template?.ref,
            scope,
            name,
            purpose,
            sections: sections.map((s) => ({ title: s.title, items: s.items.map((it) => ({ text: it.text, ...(it.prompt?.trim() ? { prompt: it.prompt } : {}) })) })),
          });
        }}
      >
        <h2 className="text-lg font-semibold">
          {template ? "Edit" : "New"} {scope === "org" ? "organization" : "personal"} template
        </h2>
        <p className="text-sm text-slate-700">{scope === "org" ? "Everyone in your organization can use it." : "Only you can see and use it."}</p>
        <div>
          <label htmlFor={`${ids}-name`} className={labelClass}>
            Name
          </label>
          <input id={`${ids}-name`} className={fieldClass} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div>
          <label htmlFor={`${ids}-purpose`} className={labelClass}>
            Purpose (when to use it)
          </label>
          <input id={`${ids}-purpose`} className={fieldClass} value={purpose} maxLength={500} onChange={(e) => setPurpose(e.target.value)} />
        </div>
        {sections.map((section, i) => (
          <fieldset key={i} className="space-y-3 rounded-lg border border-slate-200 p-3">
            <legend className="px-1 text-sm font-semibold">Section {i + 1}</legend>
            <div>
              <label htmlFor={`${ids}-s${i}`} className={labelClass}>
                Section title
              </label>
              <input id={`${ids}-s${i}`} className={fieldClass} value={section.title} maxLength={120} onChange={(e) => setSection(i, { ...section, title: e.target.value })} />
            </div>
            {section.items.map((item, j) => (
              <div key={j} className="grid gap-2 sm:grid-cols-2">
                <div>
                  <label htmlFor={`${ids}-s${i}-i${j}`} className={labelClass}>
                    Item {j + 1}
                  </label>
                  <input
                    id={`${ids}-s${i}-i${j}`}
                    className={fieldClass}
                    value={item.text}
                    maxLength={500}
                    onChange={(e) => setSection(i, { ...section, items: section.items.map((it, k) => (k === j ? { ...it, text: e.target.value } : it)) })}
                  />
                </div>
                <div>
                  <label htmlFor={`${ids}-s${i}-q${j}`} className={labelClass}>
                    Question to ask (optional)
                  </label>
                  <input
                    id={`${ids}-s${i}-q${j}`}
                    className={fieldClass}
                    value={item.prompt ?? ""}
                    maxLength={1000}
                    onChange={(e) => setSection(i, { ...section, items: section.items.map((it, k) => (k === j ? { ...it, prompt: e.target.value } : it)) })}
                  />
                </div>
              </div>
            ))}
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="ghost" onClick={() => setSection(i, { ...section, items: [...section.items, { text: "", prompt: "" }] })}>
                Add an item<span className="sr-only"> to section {i + 1}</span>
              </Button>
              {sections.length > 1 ? (
                <Button type="button" variant="ghost" onClick={() => setSections(sections.filter((_, k) => k !== i))}>
                  Remove section {i + 1}
                </Button>
              ) : null}
            </div>
          </fieldset>
        ))}
        <Button type="button" variant="secondary" onClick={() => setSections([...sections, { title: "", items: [{ text: "", prompt: "" }] }])}>
          Add a section
        </Button>
        {save.error ? (
          <p role="alert" className="text-sm text-red-700">
            {save.error.message}
          </p>
        ) : null}
        <div className="flex gap-2">
          <Button type="submit" disabled={save.isPending}>
            Save template
          </Button>
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
