"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useTRPC } from "@/components/trpc/client";
import { ActionItemRow } from "./action-item-row";
import { AddActionItem } from "./add-action-item";
import type { Person } from "./owner-options";

export interface ActionItem {
  id: string;
  text: string;
  ownerId: string;
  ownerName: string;
  dueOn: string | null;
  done: boolean;
  carriedFrom: { meetingId: string; startsAt: Date } | null;
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
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.meetings.get.queryKey({ meetingId }) });

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
      {canAdd ? <AddActionItem ids={ids} meetingId={meetingId} people={people} meId={meId} onAdded={invalidate} /> : null}
    </div>
  );
}
