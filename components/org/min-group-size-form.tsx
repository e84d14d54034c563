"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";

export function MinGroupSizeForm({ current }: { current: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [value, setValue] = useState(String(current));
  const save = useMutation(trpc.org.setMinGroupSize.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ minGroupSize: Number(value) });
      }}
    >
      <div>
        <label htmlFor="min-group-size" className="mb-1 block text-sm font-medium">
          Minimum group size (people)
        </label>
        <input
          id="min-group-size"
          type="number"
          inputMode="numeric"
          min={3}
          max={10}
          step={1}
          required
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby="min-group-size-hint"
          className="block min-h-11 w-28 rounded-lg border border-slate-300 bg-white px-3 text-base"
        />
        <p id="min-group-size-hint" className="mt-1 text-sm text-slate-600">
          From 3 to 10. HR figures from fewer people than this are hidden. A cycle keeps the value it was opened with, and people see it before they answer.
        </p>
      </div>
      {save.error ? <Alert>{save.error.message}</Alert> : null}
      {save.isSuccess ? <Alert tone="success">Saved. New cycles use a minimum group size of {save.data.minGroupSize}.</Alert> : null}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
