"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, ErrorText } from "@/components/ui/card";
import { fieldClass, labelClass } from "@/components/ui/field";
import type { Section, Template } from "./templates-manager";

export function TemplateEditor({ scope, template, onDone }: { scope: "org" | "personal"; template?: Template; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const [name, setName] = useState(template?.name ?? "");
  const [purpose, setPurpose] = useState(template?.purpose ?? "");
  const [sections, setSections] = useState<Section[]>(template?.sections ?? [{ title: "", items: [{ text: "", prompt: "" }] }]);
  const save = useMutation(
    trpc.meetings.saveTemplate.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.meetings.templates.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.meetings.templateChoices.queryKey() }),
        ]);
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
            sections: sections.map((s) => ({
              title: s.title,
              items: s.items.map((it) => ({ text: it.text, ...(it.prompt?.trim() ? { prompt: it.prompt } : {}) })),
            })),
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
              <input
                id={`${ids}-s${i}`}
                className={fieldClass}
                value={section.title}
                maxLength={120}
                onChange={(e) => setSection(i, { ...section, title: e.target.value })}
              />
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
        <ErrorText error={save.error} />
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
