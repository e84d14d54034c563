"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { randomUUID } from "@/components/ui/random-uuid";
import { useTypedBeforeHydration } from "@/components/ui/use-typed-before-hydration";
import { Button } from "@/components/ui/button";
import { formatDay } from "@/components/ui/format";
import { formatMeetingStart } from "./format";
import { fieldClass, labelClass } from "@/components/ui/field";
import { RowMenu } from "@/components/ui/row-menu";
import { DoneCheckbox } from "./done-checkbox";

export interface ActionItem {
  id: string;
  text: string;
  ownerId: string;
  ownerName: string;
  dueOn: string | null;
  done: boolean;
  carriedFrom: { meetingId: string; startsAt: Date } | null;
}

interface Person {
  id: string;
  name: string;
}

/** Action items of this meeting, including open ones carried over from earlier meetings: check off, edit (text, owner, due date), delete. */
export function ActionItems({
  meetingId,
  items,
  people,
  meId,
  timeZone,
  canAdd,
}: {
  meetingId: string;
  items: ActionItem[];
  people: Person[];
  meId: string;
  timeZone: string;
  canAdd: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
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
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.meetings.get.queryKey({ meetingId }) });
  const add = useMutation(
    trpc.meetings.addActionItem.mutationOptions({
      onSuccess: () => {
        setText("");
        setDueOn("");
        setClientKey(randomUUID());
      },
      onSettled: invalidate,
    }),
  );

  return (
    <div className="space-y-3">
      {items.length === 0 ? <p className="text-sm text-slate-700">No action items yet.</p> : null}
      <ul className={items.length > 0 ? "divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" : undefined} aria-label="Action items">
        {items.map((item) => (
          <ActionItemRow
            key={item.id}
            item={item}
            meetingId={meetingId}
            timeZone={timeZone}
            people={people}
            meId={meId}
            editable={canAdd}
            onChanged={invalidate}
          />
        ))}
      </ul>
      {canAdd ? (
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
          {add.error ? (
            <p role="alert" className="text-sm text-red-700 sm:col-span-4">
              {add.error.message}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

function ActionItemRow({
  item,
  meetingId,
  timeZone,
  people,
  meId,
  editable,
  onChanged,
}: {
  item: ActionItem;
  meetingId: string;
  timeZone: string;
  people: Person[];
  meId: string;
  editable: boolean;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const ids = useId();
  const [editing, setEditing] = useState<{ text: string; ownerId: string; dueOn: string } | null>(null);
  const editRequested = useRef(false);
  const update = useMutation(trpc.meetings.updateActionItem.mutationOptions({ onSettled: onChanged }));
  const save = useMutation(trpc.meetings.updateActionItem.mutationOptions({ onSuccess: () => setEditing(null), onSettled: onChanged }));
  const remove = useMutation(trpc.meetings.deleteActionItem.mutationOptions({ onSettled: onChanged }));
  const error = update.error ?? remove.error;

  if (editing) {
    return (
      <li className="p-3">
        <form
          className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end"
          aria-label={`Edit action item: ${item.text}`}
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ itemId: item.id, text: editing.text, ownerId: editing.ownerId, dueOn: editing.dueOn || null });
          }}
        >
          <div>
            <label htmlFor={`${ids}-edit-text`} className={labelClass}>
              Action item
            </label>
            <input
              id={`${ids}-edit-text`}
              className={fieldClass}
              value={editing.text}
              maxLength={500}
              autoFocus
              onChange={(e) => setEditing({ ...editing, text: e.target.value })}
            />
          </div>
          <div>
            <label htmlFor={`${ids}-edit-owner`} className={labelClass}>
              Owner
            </label>
            <select
              id={`${ids}-edit-owner`}
              className={fieldClass}
              value={editing.ownerId}
              onChange={(e) => setEditing({ ...editing, ownerId: e.target.value })}
            >
              <OwnerOptions people={people} meId={meId} />
            </select>
          </div>
          <div>
            <label htmlFor={`${ids}-edit-due`} className={labelClass}>
              Due (optional)
            </label>
            <input
              id={`${ids}-edit-due`}
              type="date"
              className={fieldClass}
              value={editing.dueOn}
              onChange={(e) => setEditing({ ...editing, dueOn: e.target.value })}
            />
          </div>
          <div className="flex flex-wrap gap-2 sm:col-span-3">
            <Button type="submit" disabled={save.isPending || editing.text.trim() === ""}>
              Save
            </Button>
            <Button type="button" variant="ghost" onClick={() => setEditing(null)}>
              Cancel
            </Button>
          </div>
          {save.error ? (
            // What was typed stays in the form: nothing is lost to a refusal.
            <p role="alert" className="text-sm text-red-700 sm:col-span-3">
              {save.error.message}
            </p>
          ) : null}
        </form>
      </li>
    );
  }

  return (
    <li className="flex items-start gap-2 px-2 py-1">
      {/* Named by the item's text, its label below. */}
      <DoneCheckbox id={`${ids}-done`} done={item.done} save={(value, onError) => update.mutate({ itemId: item.id, done: value }, { onError })} />
      <div className="min-w-0 flex-1 py-2.5">
        <label htmlFor={`${ids}-done`} className={`leading-6 break-words ${item.done ? "text-slate-500 line-through" : "text-slate-900"}`}>
          {item.text}
        </label>
        <p className="text-sm text-slate-700">
          {item.ownerName}
          {item.dueOn ? ` · due ${formatDay(item.dueOn)}` : ""}
          {item.carriedFrom && item.carriedFrom.meetingId !== meetingId ? (
            <>
              {" · "}
              <Link href={`/meetings/${item.carriedFrom.meetingId}`} className="underline">
                carried over from {formatMeetingStart(item.carriedFrom.startsAt, timeZone)}
              </Link>
            </>
          ) : null}
        </p>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error.message}
          </p>
        ) : null}
      </div>
      {editable ? (
        <RowMenu
          label={`Actions: ${item.text}`}
          keepFocus={() => {
            const keep = editRequested.current;
            editRequested.current = false;
            return keep;
          }}
          items={[
            {
              label: "Edit",
              onSelect: () => {
                editRequested.current = true;
                save.reset();
                setEditing({ text: item.text, ownerId: item.ownerId, dueOn: item.dueOn ?? "" });
              },
            },
            { label: "Delete", destructive: true, disabled: remove.isPending, onSelect: () => remove.mutate({ itemId: item.id }) },
          ]}
        />
      ) : null}
    </li>
  );
}

/** The pair's two people as an owner's choices, "(you)" beside the one looking. */
function OwnerOptions({ people, meId }: { people: Person[]; meId: string }) {
  return people.map((person) => (
    <option key={person.id} value={person.id}>
      {person.id === meId ? `${person.name} (you)` : person.name}
    </option>
  ));
}
