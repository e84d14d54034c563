"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { fieldClass, labelClass } from "@/components/ui/field";
import { randomUUID } from "@/components/ui/random-uuid";
import { useTypedBeforeHydration } from "@/components/ui/use-typed-before-hydration";

/** "Add an agenda item": the field stays for the next one, emptied and focused once the agenda has reloaded. */
export function AddAgendaItem({ meetingId, inputId, invalidate }: { meetingId: string; inputId: string; invalidate: () => Promise<void> }) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  // Typed before the page hydrated: the input still shows it, and now the state has it too.
  const newItem = useRef<HTMLInputElement>(null);
  useTypedBeforeHydration(newItem, "", setText);
  // One key per item being added: sending it again after a lost response adds nothing twice.
  const [clientKey, setClientKey] = useState(() => randomUUID());
  const add = useMutation(
    trpc.meetings.addAgendaItem.mutationOptions({
      onSuccess: async () => {
        setText("");
        setClientKey(randomUUID());
        await invalidate();
        document.getElementById(inputId)?.focus();
      },
    }),
  );

  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ meetingId, text, clientKey });
      }}
    >
      <div className="min-w-52 flex-1">
        <label htmlFor={inputId} className={labelClass}>
          Add an agenda item
        </label>
        <input
          ref={newItem}
          id={inputId}
          className={fieldClass}
          value={text}
          maxLength={500}
          onChange={(e) => setText(e.target.value)}
          placeholder="What do you want to talk about?"
        />
      </div>
      <Button type="submit" disabled={add.isPending || text.trim() === ""}>
        Add
      </Button>
      {add.error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {add.error.message}
        </p>
      ) : null}
    </form>
  );
}
