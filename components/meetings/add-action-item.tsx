"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/card";
import { fieldClass, labelClass } from "@/components/ui/field";
import { randomUUID } from "@/components/ui/random-uuid";
import { useTypedBeforeHydration } from "@/components/ui/use-typed-before-hydration";
import { OwnerOptions, type Person } from "./owner-options";

/** "New action item": its text, owner (the one looking, to start with) and an optional due date. `ids` prefixes the fields' ids. */
export function AddActionItem({
  ids,
  meetingId,
  people,
  meId,
  onAdded,
}: {
  ids: string;
  meetingId: string;
  people: Person[];
  meId: string;
  onAdded: () => void;
}) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [ownerId, setOwnerId] = useState(meId);
  const [dueOn, setDueOn] = useState("");
  // This list hydrates after the page: keep what was typed or chosen in the form before that.
  const textRef = useRef<HTMLInputElement>(null);
  const ownerRef = useRef<HTMLSelectElement>(null);
  const dueRef = useRef<HTMLInputElement>(null);
  useTypedBeforeHydration(textRef, "", setText);
  useTypedBeforeHydration(ownerRef, meId, setOwnerId);
  useTypedBeforeHydration(dueRef, "", setDueOn);
  // One key per item being added: sending it again after a lost response adds nothing twice.
  const [clientKey, setClientKey] = useState(() => randomUUID());
  const add = useMutation(
    trpc.meetings.addActionItem.mutationOptions({
      onSuccess: () => {
        setText("");
        setDueOn("");
        setClientKey(randomUUID());
      },
      onSettled: onAdded,
    }),
  );

  return (
    <form
      className="grid gap-3 rounded-lg border border-dashed border-slate-300 p-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ meetingId, text, ownerId, dueOn: dueOn || null, clientKey });
      }}
    >
      <div>
        <label htmlFor={`${ids}-text`} className={labelClass}>
          New action item
        </label>
        <input
          ref={textRef}
          id={`${ids}-text`}
          className={fieldClass}
          value={text}
          maxLength={500}
          onChange={(e) => setText(e.target.value)}
          placeholder="What will be done?"
        />
      </div>
      <div>
        <label htmlFor={`${ids}-owner`} className={labelClass}>
          Owner
        </label>
        <select ref={ownerRef} id={`${ids}-owner`} className={fieldClass} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
          <OwnerOptions people={people} meId={meId} />
        </select>
      </div>
      <div>
        <label htmlFor={`${ids}-due`} className={labelClass}>
          Due (optional)
        </label>
        <input ref={dueRef} id={`${ids}-due`} type="date" className={fieldClass} value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
      </div>
      <Button type="submit" disabled={add.isPending || text.trim() === ""}>
        Add action item
      </Button>
      <ErrorText error={add.error} className="sm:col-span-4" />
    </form>
  );
}
