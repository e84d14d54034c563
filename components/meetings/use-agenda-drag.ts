"use client";

import { useEffect, useRef, useState, type ComponentType } from "react";
import type { AgendaListProps } from "./agenda";

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

/**
 * The agenda's drag and drop (agenda-sortable.tsx, dnd-kit), loaded after the page: once the
 * browser is idle, or as soon as a handle asks (`wantDrag`: hovered, touched or focused). Until
 * then `Sortable` is undefined and the agenda is the same list without drag.
 */
export function useAgendaDrag(editable: boolean): { Sortable: SortableList | undefined; wantDrag: () => void } {
  const [Sortable, setSortable] = useState<SortableList | undefined>(() => sortableList);
  const refocus = useRef<string | undefined>(undefined);

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

  return { Sortable, wantDrag };
}
