"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";

const inputClass = "block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base";

/** `today` is the date in the organization's `timeZone`, where cycle dates are days. */
export function CreateCycleForm({ departments, today, timeZone }: { departments: { id: string; name: string }[]; today: string; timeZone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [scope, setScope] = useState<"all" | "some">("all");
  const [chosen, setChosen] = useState<string[]>([]);
  const [name, setName] = useState("");
  const [opensOn, setOpensOn] = useState(today);
  const [closesOn, setClosesOn] = useState("");
  const create = useMutation(
    trpc.cycles.create.mutationOptions({
      onSuccess: () => {
        setName("");
        setClosesOn("");
        setChosen([]);
        setScope("all");
        router.refresh();
      },
    }),
  );
  const fieldErrors = (create.error?.data as { fieldErrors?: Record<string, string[] | undefined> } | undefined)?.fieldErrors;

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ name, opensOn, closesOn, departmentIds: scope === "all" ? null : chosen });
      }}
    >
      <div>
        <label htmlFor="cycle-name" className="mb-1 block text-sm font-medium">
          Name
        </label>
        <input
          id="cycle-name"
          className={inputClass}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Q1 2027 relationship check"
          maxLength={120}
          required
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="cycle-opens" className="mb-1 block text-sm font-medium">
            Opens on
          </label>
          <input
            id="cycle-opens"
            type="date"
            className={inputClass}
            value={opensOn}
            onChange={(e) => setOpensOn(e.target.value)}
            aria-describedby="cycle-dates-hint cycle-opens-hint"
            required
          />
        </div>
        <div>
          <label htmlFor="cycle-closes" className="mb-1 block text-sm font-medium">
            Closes on
          </label>
          <input
            id="cycle-closes"
            type="date"
            className={inputClass}
            value={closesOn}
            min={opensOn}
            onChange={(e) => setClosesOn(e.target.value)}
            aria-describedby="cycle-dates-hint"
            required
          />
        </div>
      </div>
      <div className="space-y-1 text-sm text-slate-600">
        <p id="cycle-dates-hint">
          Dates are days in {timeZone}. The cycle opens by itself at 00:00 on the open date and closes at the end of the close date; you can also open or close
          it earlier.
        </p>
        <p id="cycle-opens-hint" aria-live="polite">
          {opensOn && opensOn <= today
            ? "That is today or earlier: the cycle opens within a minute of being created, and everyone in it gets their invitation then. Pick a later date to prepare it first."
            : null}
        </p>
      </div>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">Who takes part</legend>
        <label className="flex min-h-11 items-center gap-2">
          <input type="radio" name="scope" checked={scope === "all"} onChange={() => setScope("all")} className="size-4 accent-brand-700" />
          Every pair in the organization
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input type="radio" name="scope" checked={scope === "some"} onChange={() => setScope("some")} className="size-4 accent-brand-700" />
          Pairs whose report is in these departments:
        </label>
        {scope === "some" ? (
          <div className="grid gap-1 pl-6 sm:grid-cols-2">
            {departments.map((department) => (
              <label key={department.id} className="flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  checked={chosen.includes(department.id)}
                  onChange={(e) => setChosen((c) => (e.target.checked ? [...c, department.id] : c.filter((x) => x !== department.id)))}
                  className="size-4 accent-brand-700"
                />
                {department.name}
              </label>
            ))}
          </div>
        ) : null}
      </fieldset>
      {create.error ? (
        <Alert>{fieldErrors ? Object.values(fieldErrors).flat().filter(Boolean).join(" ") || create.error.message : create.error.message}</Alert>
      ) : null}
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create cycle"}
      </Button>
    </form>
  );
}
