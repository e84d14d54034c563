"use client";

import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { ReactNode } from "react";
import type { AgendaItem, AgendaListProps, DragBinding } from "./agenda";

// Dragging the agenda's handles, by pointer or by the handle's keyboard mode. dnd-kit is most
// of the meeting page's script, and nobody needs it to read the agenda or to move items with the
// menu's Move up / Move down, so the agenda loads this module only once the page is idle or a
// handle is touched or focused (see agenda.tsx).

export default function SortableAgendaList({ items, order, renderItem, onReorder, listProps }: AgendaListProps) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  function onDragEnd(event: DragEndEvent) {
    const { active, over } = event;
    if (!over || active.id === over.id) return;
    onReorder(String(active.id), String(over.id));
  }
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: {
          draggable: "To reorder, press space to pick up this item, use the arrow keys to move it, and press space again to drop it.",
        },
      }}
    >
      <SortableContext items={order} strategy={verticalListSortingStrategy}>
        <ol {...listProps}>
          {items.map((item, index) => (
            <SortableRow key={item.id} item={item} index={index} renderItem={renderItem} />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SortableRow({ item, index, renderItem }: { item: AgendaItem; index: number; renderItem: AgendaListProps["renderItem"] }): ReactNode {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: item.id });
  const drag: DragBinding = {
    setNodeRef,
    setActivatorNodeRef,
    handleProps: { ...attributes, ...listeners },
    style: { transform: CSS.Transform.toString(transform), transition },
    isDragging,
  };
  return renderItem(item, index, drag);
}
