"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { fieldClass } from "@/components/ui/field";
import { RowMenu } from "@/components/ui/row-menu";
import type { AgendaItem, DragBinding } from "./agenda";
import { DoneCheckbox } from "./done-checkbox";

const sourceLabels: Partial<Record<AgendaItem["source"], string>> = { gap: "Gap", blind_spot: "Blind spot", topic: "Topic", template: "Template" };

/** One agenda item: its drag handle, "discussed" box, text (or the field editing it) and menu. */
export function AgendaRow({
  item,
  index,
  count,
  editable,
  meetingId,
  drag,
  draft,
  setDraft,
  onWantDrag,
  onMove,
}: {
  item: AgendaItem;
  index: number;
  count: number;
  editable: boolean;
  meetingId: string;
  drag: DragBinding | undefined;
  /** The text being edited, or undefined when not editing. */
  draft: string | undefined;
  setDraft: (draft: string | undefined) => void;
  onWantDrag: () => void;
  onMove: (delta: -1 | 1) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const editing = draft !== undefined;
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.meetings.get.queryKey({ meetingId }) });
  const update = useMutation(trpc.meetings.updateAgendaItem.mutationOptions({ onSuccess: () => setDraft(undefined), onSettled: invalidate }));
  const remove = useMutation(trpc.meetings.deleteAgendaItem.mutationOptions({ onSettled: invalidate }));
  const [showDetail, setShowDetail] = useState(false);

  return (
    <li ref={drag?.setNodeRef} style={drag?.style} className={`bg-white px-1 py-1 ${drag?.isDragging ? "relative z-10 rounded-lg shadow-lg" : ""}`}>
      <div className="flex items-start gap-1">
        {editable ? <DragHandle item={item} drag={drag} onWantDrag={onWantDrag} /> : null}
        <DoneCheckbox
          id={`${ids}-done`}
          done={item.done}
          disabled={!editable}
          save={(value, onError) => update.mutate({ itemId: item.id, done: value }, { onError })}
          label={`Discussed: ${item.text}`}
          focusKey={`done-${item.id}`}
        />
        <div className="min-w-0 flex-1 py-2.5">
          {editing ? (
            <AgendaItemEditor
              inputId={`${ids}-edit`}
              draft={draft}
              setDraft={setDraft}
              pending={update.isPending}
              onSave={() => update.mutate({ itemId: item.id, text: draft ?? item.text })}
            />
          ) : (
            <AgendaItemText item={item} showDetail={showDetail} onToggleDetail={() => setShowDetail((v) => !v)} />
          )}
          {update.error || remove.error ? (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {(update.error ?? remove.error)?.message}
            </p>
          ) : null}
        </div>
        {editable && !editing ? (
          <AgendaItemMenu
            item={item}
            first={index === 0}
            last={index === count - 1}
            onMove={onMove}
            onEdit={() => setDraft(item.text)}
            onDelete={() => remove.mutate({ itemId: item.id })}
            deleting={remove.isPending}
          />
        ) : null}
      </div>
    </li>
  );
}

/** The handle to drag the item by (or, with the keyboard, space, arrows, space); it asks for drag and drop to load. */
function DragHandle({ item, drag, onWantDrag }: { item: AgendaItem; drag: DragBinding | undefined; onWantDrag: () => void }) {
  return (
    <button
      type="button"
      ref={drag?.setActivatorNodeRef}
      {...(drag ? drag.handleProps : { onFocus: onWantDrag, onPointerEnter: onWantDrag, onPointerDown: onWantDrag })}
      aria-label={`Reorder: ${item.text}`}
      data-agenda-focus={`handle-${item.id}`}
      className="flex min-h-11 min-w-9 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-slate-400 hover:bg-slate-100 hover:text-slate-600"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
        <circle cx="7" cy="5" r="1.5" />
        <circle cx="13" cy="5" r="1.5" />
        <circle cx="7" cy="10" r="1.5" />
        <circle cx="13" cy="10" r="1.5" />
        <circle cx="7" cy="15" r="1.5" />
        <circle cx="13" cy="15" r="1.5" />
      </svg>
    </button>
  );
}

function AgendaItemEditor({
  inputId,
  draft,
  setDraft,
  pending,
  onSave,
}: {
  inputId: string;
  draft: string | undefined;
  setDraft: (draft: string | undefined) => void;
  pending: boolean;
  onSave: () => void;
}) {
  return (
    <form
      className="flex flex-wrap gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <label htmlFor={inputId} className="sr-only">
        Agenda item
      </label>
      <input
        id={inputId}
        className={`${fieldClass} mt-0 min-w-0 flex-1`}
        value={draft ?? ""}
        maxLength={500}
        onChange={(e) => setDraft(e.target.value)}
        autoFocus
      />
      <Button type="submit" disabled={pending}>
        Save
      </Button>
      <Button type="button" variant="ghost" onClick={() => setDraft(undefined)}>
        Cancel
      </Button>
    </form>
  );
}

/** The item's text, where it came from (a gap, a template…), and its question to start, two lines until asked for more. */
function AgendaItemText({ item, showDetail, onToggleDetail }: { item: AgendaItem; showDetail: boolean; onToggleDetail: () => void }) {
  const label = sourceLabels[item.source];
  return (
    <>
      <p className={`leading-6 break-words ${item.done ? "text-slate-500 line-through" : "text-slate-900"}`}>
        <span data-agenda-text>{item.text}</span> {label ? <Badge tone={item.source === "template" ? "slate" : "amber"}>{label}</Badge> : null}
      </p>
      {item.detail ? (
        // Two lines until asked for more, so that ten items with long prompts still fit a phone's screen or two.
        <button
          type="button"
          aria-expanded={showDetail}
          onClick={onToggleDetail}
          className={`block w-full text-left text-sm break-words text-slate-600 ${showDetail ? "" : "line-clamp-2"}`}
        >
          <span className="sr-only">Question to start: </span>
          {item.detail}
        </button>
      ) : null}
    </>
  );
}

function AgendaItemMenu({
  item,
  first,
  last,
  onMove,
  onEdit,
  onDelete,
  deleting,
}: {
  item: AgendaItem;
  first: boolean;
  last: boolean;
  onMove: (delta: -1 | 1) => void;
  onEdit: () => void;
  onDelete: () => void;
  deleting: boolean;
}) {
  // Edit puts the focus in its field; the menu must not take it back to its button.
  const editRequested = useRef(false);
  return (
    <RowMenu
      label={`Actions: ${item.text}`}
      focusKey={`menu-${item.id}`}
      keepFocus={() => {
        const keep = editRequested.current;
        editRequested.current = false;
        return keep;
      }}
      items={[
        { label: "Move up", disabled: first, onSelect: () => onMove(-1) },
        { label: "Move down", disabled: last, onSelect: () => onMove(1) },
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
