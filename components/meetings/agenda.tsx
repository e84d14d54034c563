"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type ComponentProps, type ComponentType, type CSSProperties, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc/client";
import { randomUUID } from "@/components/ui/random-uuid";
import { useTypedBeforeHydration } from "@/components/ui/use-typed-before-hydration";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { fieldClass, labelClass } from "@/components/ui/field";
import { RowMenu } from "@/components/ui/row-menu";
import { DoneCheckbox } from "./done-checkbox";

export interface AgendaItem {
  id: string;
  text: string;
  detail: string | null;
  source: "person" | "template" | "gap" | "blind_spot" | "topic";
  done: boolean;
}

/** What the drag-and-drop list (agenda-sortable.tsx) hands each row: its node, its handle's props. */
export interface DragBinding {
  setNodeRef: (node: HTMLElement | null) => void;
  setActivatorNodeRef: (node: HTMLElement | null) => void;
  handleProps: ComponentProps<"button">;
  style: CSSProperties;
  isDragging: boolean;
}

export interface AgendaListProps {
  items: AgendaItem[];
  renderItem: (item: AgendaItem, index: number, drag?: DragBinding) => ReactNode;
  /** The ids in their current order (may name an item a reload has just removed). */
  order: string[];
  onReorder: (activeId: string, overId: string) => void;
  listProps: ComponentProps<"ol">;
}

type SortableList = ComponentType<AgendaListProps>;
let sortableList: SortableList | undefined;
let sortableListLoad: Promise<SortableList> | undefined;
function loadSortableList(): Promise<SortableList> {
  sortableListLoad ??= import("./agenda-sortable").then(
    (m) => (sortableList = m.default),
    (err: unknown) => {
      sortableListLoad = undefined; // offline for a moment: try again on the next touch
      throw err;
    },
  );
  return sortableListLoad;
}

function arrayMove<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  next.splice(to, 0, ...next.splice(from, 1));
  return next;
}

const sourceLabels: Partial<Record<AgendaItem["source"], string>> = { gap: "Gap", blind_spot: "Blind spot", topic: "Topic", template: "Template" };

/**
 * The agenda, one compact row per item (handle, checkbox, text, a menu): add, edit, check off,
 * delete, and reorder — by dragging the handle, by the handle's keyboard mode (space, arrows,
 * space), or with the menu's Move up / Move down.
 * Order changes show at once and are saved in one call; if the other person changed the list
 * meanwhile, the server refuses and the agenda reloads.
 *
 * Dragging (dnd-kit) loads after the page: once the browser is idle, or as soon as a handle is
 * hovered, touched or focused. Until then the list is the same list without drag; the menu's
 * moves work from the start.
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
  // Typed before the page hydrated: the input still shows it, and now the state has it too.
  const newItem = useRef<HTMLInputElement>(null);
  useTypedBeforeHydration(newItem, "", setText);
  // One key per item being added: sending it again after a lost response adds nothing twice.
  const [clientKey, setClientKey] = useState(() => randomUUID());
  // Items being edited and their drafts, kept here so that they survive the list being mounted
  // again when drag and drop arrives.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [Sortable, setSortable] = useState<SortableList | undefined>(() => sortableList);
  const refocus = useRef<string | undefined>(undefined);

  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.meetings.get.queryKey({ meetingId }) });
  const add = useMutation(
    trpc.meetings.addAgendaItem.mutationOptions({
      onSuccess: async () => {
        setText("");
        setClientKey(randomUUID());
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

  function wantDrag() {
    if (!editable || Sortable) return;
    loadSortableList().then(
      (list) => {
        // The list is mounted anew with drag and drop: keep the keyboard focus where it was.
        const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.agendaFocus : undefined;
        refocus.current = focused;
        setSortable(() => list);
      },
      () => {
        // Without drag and drop the menu still moves items; a later touch tries again.
      },
    );
  }

  useEffect(() => {
    if (!editable || Sortable) return;
    if ("requestIdleCallback" in window) {
      const id = window.requestIdleCallback(wantDrag, { timeout: 3000 });
      return () => window.cancelIdleCallback(id);
    }
    const id = setTimeout(wantDrag, 1000);
    return () => clearTimeout(id);
    // wantDrag reads only editable and Sortable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editable, Sortable]);

  useEffect(() => {
    const key = refocus.current;
    refocus.current = undefined;
    if (key) document.querySelector<HTMLElement>(`[data-agenda-focus="${CSS.escape(key)}"]`)?.focus();
  }, [Sortable]);

  const renderItem = (item: AgendaItem, index: number, drag?: DragBinding) => (
    <AgendaRow
      key={item.id}
      item={item}
      index={index}
      count={ordered.length}
      editable={editable}
      meetingId={meetingId}
      drag={drag}
      draft={drafts[item.id]}
      setDraft={(draft) =>
        setDrafts((d) => {
          const next = { ...d };
          if (draft === undefined) delete next[item.id];
          else next[item.id] = draft;
          return next;
        })
      }
      onWantDrag={wantDrag}
      onMove={(delta) => commit(arrayMove(order, index, index + delta), item.id)}
    />
  );
  const listProps: ComponentProps<"ol"> = {
    className: ordered.length > 0 ? "divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" : undefined,
    "aria-label": "Agenda",
  };

  return (
    <div className="space-y-3">
      {ordered.length === 0 ? (
        <p className="text-sm text-slate-700">Nothing on the agenda yet. Add what you want to talk about, or start from a template.</p>
      ) : null}
      {Sortable && editable ? (
        <Sortable
          items={ordered}
          order={order}
          renderItem={renderItem}
          listProps={listProps}
          onReorder={(activeId, overId) => commit(arrayMove(order, order.indexOf(activeId), order.indexOf(overId)), activeId)}
        />
      ) : (
        <ol {...listProps}>{ordered.map((item, index) => renderItem(item, index))}</ol>
      )}
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
          <div className="min-w-52 flex-1">
            <label htmlFor={`${ids}-new`} className={labelClass}>
              Add an agenda item
            </label>
            <input
              ref={newItem}
              id={`${ids}-new`}
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
      ) : null}
    </div>
  );
}

function AgendaRow({
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
  const label = sourceLabels[item.source];

  // Edit puts the focus in its field; the menu must not take it back to its button.
  const editRequested = useRef(false);
  const [showDetail, setShowDetail] = useState(false);

  return (
    <li ref={drag?.setNodeRef} style={drag?.style} className={`bg-white px-1 py-1 ${drag?.isDragging ? "relative z-10 rounded-lg shadow-lg" : ""}`}>
      <div className="flex items-start gap-1">
        {editable ? (
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
        ) : null}
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
            <form
              className="flex flex-wrap gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                update.mutate({ itemId: item.id, text: draft ?? item.text });
              }}
            >
              <label htmlFor={`${ids}-edit`} className="sr-only">
                Agenda item
              </label>
              <input
                id={`${ids}-edit`}
                className={`${fieldClass} mt-0 min-w-0 flex-1`}
                value={draft ?? ""}
                maxLength={500}
                onChange={(e) => setDraft(e.target.value)}
                autoFocus
              />
              <Button type="submit" disabled={update.isPending}>
                Save
              </Button>
              <Button type="button" variant="ghost" onClick={() => setDraft(undefined)}>
                Cancel
              </Button>
            </form>
          ) : (
            <>
              <p className={`leading-6 break-words ${item.done ? "text-slate-500 line-through" : "text-slate-900"}`}>
                <span data-agenda-text>{item.text}</span> {label ? <Badge tone={item.source === "template" ? "slate" : "amber"}>{label}</Badge> : null}
              </p>
              {item.detail ? (
                // Two lines until asked for more, so that ten items with long prompts still fit a phone's screen or two.
                <button
                  type="button"
                  aria-expanded={showDetail}
                  onClick={() => setShowDetail((v) => !v)}
                  className={`block w-full text-left text-sm break-words text-slate-600 ${showDetail ? "" : "line-clamp-2"}`}
                >
                  <span className="sr-only">Question to start: </span>
                  {item.detail}
                </button>
              ) : null}
            </>
          )}
          {update.error || remove.error ? (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {(update.error ?? remove.error)?.message}
            </p>
          ) : null}
        </div>
        {editable && !editing ? (
          <RowMenu
            label={`Actions: ${item.text}`}
            focusKey={`menu-${item.id}`}
            keepFocus={() => {
              const keep = editRequested.current;
              editRequested.current = false;
              return keep;
            }}
            items={[
              { label: "Move up", disabled: index === 0, onSelect: () => onMove(-1) },
              { label: "Move down", disabled: index === count - 1, onSelect: () => onMove(1) },
              {
                label: "Edit",
                onSelect: () => {
                  editRequested.current = true;
                  setDraft(item.text);
                },
              },
              { label: "Delete", destructive: true, disabled: remove.isPending, onSelect: () => remove.mutate({ itemId: item.id }) },
            ]}
          />
        ) : null}
      </div>
    </li>
  );
}
