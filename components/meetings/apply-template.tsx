"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/card";
import { fieldClass, labelClass } from "@/components/ui/field";
import { useTypedBeforeHydration } from "@/components/ui/use-typed-before-hydration";

/** "Start from a template": adds a template's items to the agenda, skipping those already on it. */
export function ApplyTemplate({ meetingId }: { meetingId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const templates = useQuery(trpc.meetings.templateChoices.queryOptions());
  const [ref, setRef] = useState("");
  // Hydrates after the page: a template chosen before that stays chosen.
  const select = useRef<HTMLSelectElement>(null);
  useTypedBeforeHydration(select, "", setRef);
  const [result, setResult] = useState<string | null>(null);
  const apply = useMutation(
    trpc.meetings.applyTemplate.mutationOptions({
      onSuccess: async ({ added, skipped }) => {
        // Say what happened once the agenda shows it.
        await queryClient.invalidateQueries({ queryKey: trpc.meetings.get.queryKey({ meetingId }) });
        setResult(
          added === 0
            ? "Everything in this template is already on the agenda."
            : `Added ${added} ${added === 1 ? "item" : "items"}${skipped ? ` (${skipped} already on the agenda)` : ""}.`,
        );
      },
    }),
  );
  const list = templates.data ?? [];
  const groups = [
    { label: "Built-in", items: list.filter((t) => t.kind === "builtin") },
    { label: "Your organization's", items: list.filter((t) => t.kind === "org") },
    { label: "Yours", items: list.filter((t) => t.kind === "personal") },
  ].filter((g) => g.items.length > 0);
  const chosen = list.find((t) => t.ref === ref);

  return (
    <form
      className="space-y-2 border-t border-slate-200 pt-4"
      onSubmit={(e) => {
        e.preventDefault();
        setResult(null);
        if (ref) apply.mutate({ meetingId, templateRef: ref });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-52 flex-1">
          <label htmlFor={`${ids}-template`} className={labelClass}>
            Start from a template
          </label>
          <select
            ref={select}
            id={`${ids}-template`}
            className={fieldClass}
            value={ref}
            onChange={(e) => setRef(e.target.value)}
            disabled={templates.isPending}
          >
            <option value="">{templates.isPending ? "Loading templates…" : "Choose a template"}</option>
            {groups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.items.map((template) => (
                  <option key={template.ref} value={template.ref}>
                    {template.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary" disabled={!ref || apply.isPending}>
          Add its items
        </Button>
      </div>
      {chosen ? <p className="text-sm text-slate-700">{chosen.purpose}</p> : null}
      <p role="status" aria-live="polite" className="text-sm text-emerald-800">
        {result}
      </p>
      <ErrorText error={apply.error} />
      <p className="text-sm">
        <Link href="/one-on-ones/templates" className="underline">
          Manage templates
        </Link>
      </p>
    </form>
  );
}
