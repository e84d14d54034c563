"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { fieldClass, labelClass } from "@/components/ui/field";
import type { PersonFields } from "@/server/people/update-person";

// Editing one person: the server checks everything again (a unique address in the
// organization, a manager who is an active person here and not below them) and says what to
// fix; what was typed stays in the form until it is saved.

export interface EditablePerson extends PersonFields {
  id: string;
  deactivated: boolean;
}

type Field = "name" | "givenName" | "email" | "title" | "department" | "startDate" | "managerEmail";

const FIELDS: { key: Field; label: string; type?: string; hint?: string; autoComplete?: string }[] = [
  { key: "name", label: "Full name", autoComplete: "off" },
  { key: "givenName", label: "Given name", hint: "What emails and greetings call them (“Hi Léa,”). Empty: their full name is used." },
  { key: "email", label: "Work email", type: "email", hint: "They sign in with it. Changing it signs them out everywhere." },
  { key: "title", label: "Job title" },
  { key: "department", label: "Department", hint: "Created if it doesn’t exist yet." },
  { key: "startDate", label: "Start date", type: "date" },
  {
    key: "managerEmail",
    label: "Manager’s email",
    type: "email",
    hint: "Empty: no manager. A change ends the current pair (its history stays with its two people) and starts a new one.",
  },
];

export function PersonEditForm({ person, departments }: { person: EditablePerson; departments: string[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const initial = Object.fromEntries(FIELDS.map((f) => [f.key, person[f.key] ?? ""])) as Record<Field, string>;
  const [values, setValues] = useState(initial);
  const save = useMutation(trpc.people.update.mutationOptions({ onSuccess: () => router.refresh() }));
  const fieldErrors = (save.error?.data as { fieldErrors?: Partial<Record<Field, string[]>> } | undefined)?.fieldErrors;
  const managerLocked = person.deactivated && !person.managerEmail;

  return (
    <form
      className="space-y-4"
      aria-label={`Edit ${person.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        const orNull = (s: string) => (s.trim() === "" ? null : s);
        save.mutate({
          personId: person.id,
          name: values.name,
          givenName: orNull(values.givenName),
          email: values.email,
          title: orNull(values.title),
          department: orNull(values.department),
          startDate: orNull(values.startDate),
          managerEmail: orNull(values.managerEmail),
        });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((field) => {
          const id = `person-${field.key}`;
          const error = fieldErrors?.[field.key]?.[0];
          const describedBy = [field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
          return (
            <div key={field.key}>
              <label htmlFor={id} className={labelClass}>
                {field.label}
              </label>
              <input
                id={id}
                name={field.key}
                type={field.type ?? "text"}
                value={values[field.key]}
                required={field.key === "name" || field.key === "email"}
                disabled={field.key === "managerEmail" && managerLocked}
                list={field.key === "department" ? "person-departments" : undefined}
                autoComplete="off"
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
                onChange={(e) => {
                  setValues((v) => ({ ...v, [field.key]: e.target.value }));
                  if (save.isSuccess) save.reset();
                }}
                className={fieldClass}
              />
              {field.hint ? (
                <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
                  {field.key === "managerEmail" && managerLocked ? "Reactivate them to give them a manager." : field.hint}
                </p>
              ) : null}
              {error ? (
                <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      <datalist id="person-departments">
        {departments.map((department) => (
          <option key={department} value={department} />
        ))}
      </datalist>
      {save.error && !fieldErrors ? <Alert>{save.error.message}</Alert> : null}
      {save.error && fieldErrors ? <Alert>Some fields need a change before this can be saved.</Alert> : null}
      {save.isSuccess ? (
        <Alert tone="success">
          {save.data.changed.length === 0
            ? "Nothing needed to change."
            : `Saved: ${save.data.changed.map((c) => FIELDS.find((f) => f.key === c || (c === "manager" && f.key === "managerEmail"))?.label.toLowerCase() ?? c).join(", ")}.`}
        </Alert>
      ) : null}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save changes"}
      </Button>
    </form>
  );
}
