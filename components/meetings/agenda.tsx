"use client";

import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { fieldClass, labelClass } from "./series-form";

export interface AgendaItem {
  id: string;
  text: string;
  detail: string | null;
  source: "person" | "template" | "gap" | "blind_spot" | "topic";
  done: boolean;
}

const sourceLabels: Partial<Record<AgendaItem["source"], string>> = { gap: "Gap", blind_spot: "Blind spot", topic: "Topic", template: "Template" };

/**
 * The agenda: add, edit, check off, delete, and reorder — by dragging the handle, by the
 * handle's keyboard mode (space, arrows, space), or with the move up / move down buttons.
 * Order changes show at once and are saved in one call; if the other person changed the list
 * meanwhile, the server refuses and the agenda reloads.
 */
export function Agenda({ meetingId, items, editable }: { meetingId: string; items: AgendaItem[]; editable: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  // A reorder shows at once; once the server has answered and the agenda is reloaded, the
  // server's order is the truth again.
  const [pendingOrder, setPendingOrder] = useState<string[] | null>(null);
  const order = pendingOrder ?? items.map((i) => i.id);
  const [announcement, setAnnouncement] = useState("");
  const [text, setText] = useState("");
  // One key per item being added: sending it again after a lost response adds nothing twice.
  const [clientKey, setClientKey] = useState(() => crypto.randomUUID());

  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.meetings.get.queryKey({ meetingId }) });
  const add = useMutation(
    trpc.meetings.addAgendaItem.mutationOptions({
      onSuccess: async () => {
        setText("");
        setClientKey(crypto.randomUUID());
        await invalidate();
        document.getElementById(`${ids}-new`)?.focus();
      },
    }),
  );
  const reorder = useMutation(
    trpc.meetings.reorderAgenda.mutationOptions({
      onSettled: async () => {
        await invalidate();
        setPendingOrder(null);
      },
    }),
  );

  const byId = new Map(items.map((i) => [i.id, i]));
  const ordered = order.map((id) => byId.get(id)).filter((i): i is AgendaItem => Boolean(i));

  function commit(next: string[], movedId: string) {
    setPendingOrder(next);
    const item = byId.get(movedId);
    setAnnouncement(`${item?.text ?? "Item"} moved to position ${next.indexOf(movedId) + 1} of ${next.length}.`);
    reorder.mutate({ meetingId, itemIds: next });
  }

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  function onDragEnd(event: DragEndEvent) {
    const { active, over } = event;
    if (!over || active.id === over.id) return;
    const from = order.indexOf(String(active.id));
    const to = order.indexOf(String(over.id));
    commit(arrayMove(order, from, to), String(active.id));
  }

  return (
    <div className="space-y-3">
      {ordered.length === 0 ? <p className="text-sm text-slate-700">Nothing on the agenda yet. Add what you want to talk about, or start from a template.</p> : null}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: { draggable: "To reorder, press space to pick up this item, use the arrow keys to move it, and press space again to drop it." },
        }}
      >
        <SortableContext items={order} strategy={verticalListSortingStrategy}>
          <ol className="space-y-2" aria-label="Agenda">
            {ordered.map((item, index) => (
              <SortableAgendaItem
                key={item.id}
                item={item}
                index={index}
                count={ordered.length}
                editable={editable}
                meetingId={meetingId}
                onMove={(delta) => commit(arrayMove(order, index, index + delta), item.id)}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {reorder.error ? (
        <p role="alert" className="text-sm text-red-700">
          {reorder.error.message}
        </p>
      ) : null}

      {editable ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ meetingId, text, clientKey });
          }}
        >
          <div className="min-w-0 flex-1">
            <label htmlFor={`${ids}-new`} className={labelClass}>
              Add an agenda item
            </label>
            <input id={`${ids}-new`} className={fieldClass} value={text} maxLength={500} onChange={(e) => setText(e.target.value)} placeholder="What do you want to talk about?" />
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
      ) : null}
    </div>
  );
}

function SortableAgendaItem({
  item,
  index,
  count,
  editable,
  meetingId,
  onMove,
}: {
  item: AgendaItem;
  index: number;
  count: number;
  editable: boolean;
  meetingId: string;
  onMove: (delta: -1 | 1) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: item.id, disabled: !editable });
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(item.text);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.meetings.get.queryKey({ meetingId }) });
  const update = useMutation(trpc.meetings.updateAgendaItem.mutationOptions({ onSuccess: () => setEditing(false), onSettled: invalidate }));
  const remove = useMutation(trpc.meetings.deleteAgendaItem.mutationOptions({ onSettled: invalidate }));
  const label = sourceLabels[item.source];

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`rounded-lg border border-slate-200 bg-white p-3 ${isDragging ? "relative z-10 shadow-lg" : ""}`}
    >
      <div className="flex items-start gap-2">
        {editable ? (
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            aria-label={`Reorder: ${item.text}`}
            className="flex min-h-11 min-w-11 cursor-grab touch-none items-center justify-center rounded-md text-slate-500 hover:bg-slate-100"
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
        ) : null}
        <input
          id={`${ids}-done`}
          type="checkbox"
          className="mt-3.5 h-5 w-5 shrink-0"
          checked={update.isPending && update.variables.done !== undefined ? update.variables.done : item.done}
          disabled={!editable}
          onChange={(e) => update.mutate({ itemId: item.id, done: e.target.checked })}
          aria-label={`Discussed: ${item.text}`}
        />
        <div className="min-w-0 flex-1 py-2.5">
          {editing ? (
            <form
              className="flex flex-wrap gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                update.mutate({ itemId: item.id, text: draft });
              }}
            >
              <label htmlFor={`${ids}-edit`} className="sr-only">
                Agenda item
              </label>
              <input id={`${ids}-edit`} className={`${fieldClass} mt-0 flex-1`} value={draft} maxLength={500} onChange={(e) => setDraft(e.target.value)} autoFocus />
              <Button type="submit" disabled={update.isPending}>
                Save
              </Button>
              <Button type="button" variant="ghost" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </form>
          ) : (
            <>
              <p className={`break-words ${item.done ? "text-slate-500 line-through" : "text-slate-900"}`}>
                <span data-agenda-text>{item.text}</span> {label ? <Badge tone={item.source === "template" ? "slate" : "amber"}>{label}</Badge> : null}
              </p>
              {item.detail ? <p className="mt-1 text-sm break-words text-slate-700">{item.detail}</p> : null}
            </>
          )}
          {update.error || remove.error ? (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {(update.error ?? remove.error)?.message}
            </p>
          ) : null}
        </div>
      </div>
      {editable && !editing ? (
        // aria-disabled, not disabled, at the ends: a disabled button would drop the keyboard focus
        // of someone moving an item to the top or bottom.
        <div className="mt-1 flex flex-wrap justify-end gap-1 text-sm">
          <Button type="button" variant="ghost" className="px-2 aria-disabled:opacity-50" aria-label={`Move up: ${item.text}`} aria-disabled={index === 0} onClick={() => index > 0 && onMove(-1)}>
            Move up
          </Button>
          <Button type="button" variant="ghost" className="px-2 aria-disabled:opacity-50" aria-label={`Move down: ${item.text}`} aria-disabled={index === count - 1} onClick={() => index < count - 1 && onMove(1)}>
            Move down
          </Button>
          <Button
            type="button"
            variant="ghost"
            className="px-2"
            aria-label={`Edit: ${item.text}`}
            onClick={() => {
              setDraft(item.text);
              setEditing(true);
            }}
          >
            Edit
          </Button>
          <Button type="button" variant="ghost" className="px-2" aria-label={`Delete: ${item.text}`} disabled={remove.isPending} onClick={() => remove.mutate({ itemId: item.id })}>
            Delete
          </Button>
        </div>
      ) : null}
    </li>
  );
}
