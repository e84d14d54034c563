"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ComponentProps, type CSSProperties, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc/client";
import { ErrorText } from "@/components/ui/card";
import { AddAgendaItem } from "./add-agenda-item";
import { AgendaRow } from "./agenda-row";
import { useAgendaDrag } from "./use-agenda-drag";
import { useAgendaOrder } from "./use-agenda-order";

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
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.meetings.get.queryKey({ meetingId }) });
  const { order, ordered, announcement, error, move, drop } = useAgendaOrder(meetingId, items, invalidate);
  // Items being edited and their drafts, kept here so that they survive the list being mounted
  // again when drag and drop arrives.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const { Sortable, wantDrag } = useAgendaDrag(editable);

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
      onMove={(delta) => move(item.id, index, delta)}
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
        <Sortable items={ordered} order={order} renderItem={renderItem} listProps={listProps} onReorder={drop} />
      ) : (
        <ol {...listProps}>{ordered.map((item, index) => renderItem(item, index))}</ol>
      )}
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      <ErrorText error={error} />

      {editable ? <AddAgendaItem meetingId={meetingId} inputId={`${ids}-new`} invalidate={invalidate} /> : null}
    </div>
  );
}
