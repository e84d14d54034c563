"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/card";
import { fieldClass, labelClass } from "@/components/ui/field";
import { formatDay } from "@/components/ui/format";
import { RowMenu } from "@/components/ui/row-menu";
import type { ActionItem } from "./action-items";
import { DoneCheckbox } from "./done-checkbox";
import { formatMeetingStart } from "./format";
import { OwnerOptions, type Person } from "./owner-options";

interface Draft {
  text: string;
  ownerId: string;
  dueOn: string;
}

/** One action item: checked off, edited in place (text, owner, due date) or deleted from its menu. */
export function ActionItemRow({
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
  const [editing, setEditing] = useState<Draft | null>(null);
  const update = useMutation(trpc.meetings.updateActionItem.mutationOptions({ onSettled: onChanged }));
  const save = useMutation(trpc.meetings.updateActionItem.mutationOptions({ onSuccess: () => setEditing(null), onSettled: onChanged }));
  const remove = useMutation(trpc.meetings.deleteActionItem.mutationOptions({ onSettled: onChanged }));
  const error = update.error ?? remove.error;

  if (editing) {
    return (
      <li className="p-3">
        <ActionItemEditForm
          ids={ids}
          item={item}
          draft={editing}
          setDraft={setEditing}
          people={people}
          meId={meId}
          pending={save.isPending}
          error={save.error}
          onSave={() => save.mutate({ itemId: item.id, text: editing.text, ownerId: editing.ownerId, dueOn: editing.dueOn || null })}
        />
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
        <ErrorText error={error} />
      </div>
      {editable ? (
        <ActionItemMenu
          item={item}
          onEdit={() => {
            save.reset();
            setEditing({ text: item.text, ownerId: item.ownerId, dueOn: item.dueOn ?? "" });
          }}
          onDelete={() => remove.mutate({ itemId: item.id })}
          deleting={remove.isPending}
        />
      ) : null}
    </li>
  );
}

function ActionItemMenu({ item, onEdit, onDelete, deleting }: { item: ActionItem; onEdit: () => void; onDelete: () => void; deleting: boolean }) {
  // Edit puts the focus in its field; the menu must not take it back to its button.
  const editRequested = useRef(false);
  return (
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
            onEdit();
          },
        },
        { label: "Delete", destructive: true, disabled: deleting, onSelect: onDelete },
      ]}
    />
  );
}

function ActionItemEditForm({
  ids,
  item,
  draft,
  setDraft,
  people,
  meId,
  pending,
  error,
  onSave,
}: {
  ids: string;
  item: ActionItem;
  draft: Draft;
  setDraft: (draft: Draft | null) => void;
  people: Person[];
  meId: string;
  pending: boolean;
  error: { message: string } | null;
  onSave: () => void;
}) {
  return (
    <form
      className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end"
      aria-label={`Edit action item: ${item.text}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <div>
        <label htmlFor={`${ids}-edit-text`} className={labelClass}>
          Action item
        </label>
        <input
          id={`${ids}-edit-text`}
          className={fieldClass}
          value={draft.text}
          maxLength={500}
          autoFocus
          onChange={(e) => setDraft({ ...draft, text: e.target.value })}
        />
      </div>
      <div>
        <label htmlFor={`${ids}-edit-owner`} className={labelClass}>
          Owner
        </label>
        <select id={`${ids}-edit-owner`} className={fieldClass} value={draft.ownerId} onChange={(e) => setDraft({ ...draft, ownerId: e.target.value })}>
          <OwnerOptions people={people} meId={meId} />
        </select>
      </div>
      <div>
        <label htmlFor={`${ids}-edit-due`} className={labelClass}>
          Due (optional)
        </label>
        <input id={`${ids}-edit-due`} type="date" className={fieldClass} value={draft.dueOn} onChange={(e) => setDraft({ ...draft, dueOn: e.target.value })} />
      </div>
      <div className="flex flex-wrap gap-2 sm:col-span-3">
        <Button type="submit" disabled={pending || draft.text.trim() === ""}>
          Save
        </Button>
        <Button type="button" variant="ghost" onClick={() => setDraft(null)}>
          Cancel
        </Button>
      </div>
      {/* What was typed stays in the form: nothing is lost to a refusal. */}
      <ErrorText error={error} className="sm:col-span-3" />
    </form>
  );
}
