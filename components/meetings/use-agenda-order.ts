"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { AgendaItem } from "./agenda";

function arrayMove<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  next.splice(to, 0, ...next.splice(from, 1));
  return next;
}

/**
 * The agenda's order. A reorder shows at once and is saved in one call, announced for screen
 * readers; once the server has answered and the agenda is reloaded, the server's order is the
 * truth again (if the other person changed the list meanwhile, the server refuses).
 */
export function useAgendaOrder(meetingId: string, items: AgendaItem[], invalidate: () => Promise<void>) {
  const trpc = useTRPC();
  const [pendingOrder, setPendingOrder] = useState<string[] | null>(null);
  const order = pendingOrder ?? items.map((i) => i.id);
  const [announcement, setAnnouncement] = useState("");
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

  return {
    order,
    ordered,
    announcement,
    error: reorder.error,
    /** Moves the item shown at `index` by one place up or down. */
    move: (itemId: string, index: number, delta: -1 | 1) => commit(arrayMove(order, index, index + delta), itemId),
    /** Moves a dragged item to where another one was. */
    drop: (activeId: string, overId: string) => commit(arrayMove(order, order.indexOf(activeId), order.indexOf(overId)), activeId),
  };
}
