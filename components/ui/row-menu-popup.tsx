"use client";

import { useEffect, useLayoutEffect, type KeyboardEvent, type RefObject } from "react";
import { createPortal } from "react-dom";
import type { OpenFocus, RowMenuItem } from "./row-menu";

const GAP = 4;
const MARGIN = 8;

/**
 * The open menu of a RowMenu (./row-menu.tsx): placed, focused and driven by the keyboard here,
 * in a chunk of its own that the button fetches before anyone can open it.
 */
export default function RowMenuPopup({
  id,
  open,
  items,
  buttonRef,
  menuRef,
  select,
  close,
}: {
  id: string;
  open: OpenFocus;
  items: RowMenuItem[];
  buttonRef: RefObject<HTMLButtonElement | null>;
  menuRef: RefObject<HTMLDivElement | null>;
  select: (item: RowMenuItem) => void;
  close: (returnFocus: boolean) => void;
}) {
  const enabledItems = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? []);

  // Place it under the button, its right edge on the button's (above it when there is no room
  // below), inside the viewport; follow the button when the page scrolls. Set on the element
  // before the first paint, so that it never shows elsewhere and can take the focus at once.
  useLayoutEffect(() => {
    const place = () => {
      const menu = menuRef.current;
      const button = buttonRef.current?.getBoundingClientRect();
      if (!button || !menu) return;
      const { width, height } = menu.getBoundingClientRect();
      const below = button.bottom + GAP;
      const above = button.top - GAP - height;
      menu.style.top = `${below + height > window.innerHeight - MARGIN && above >= MARGIN ? above : below}px`;
      menu.style.left = `${Math.max(MARGIN, Math.min(button.right - width, window.innerWidth - MARGIN - width))}px`;
    };
    place();
    window.addEventListener("resize", place);
    window.addEventListener("scroll", place, true);
    return () => {
      window.removeEventListener("resize", place);
      window.removeEventListener("scroll", place, true);
    };
  }, [open, buttonRef, menuRef]);

  // Focus the way it was opened, once it is placed; a press outside closes it.
  useEffect(() => {
    const enabled = enabledItems();
    const target = open === "first" ? enabled[0] : open === "last" ? enabled.at(-1) : undefined;
    (target ?? menuRef.current)?.focus({ preventScroll: true });
    const outside = (e: PointerEvent) => {
      const node = e.target as Node;
      if (!menuRef.current?.contains(node) && !buttonRef.current?.contains(node)) close(false);
    };
    document.addEventListener("pointerdown", outside, true);
    return () => document.removeEventListener("pointerdown", outside, true);
    // Runs when it opens; enabledItems and close read refs and props of this render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  function onMenuKeyDown(e: KeyboardEvent) {
    const enabled = enabledItems();
    const current = enabled.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => enabled[Math.max(0, Math.min(enabled.length - 1, index))]?.focus();
    if (e.key === "ArrowDown") move(current + 1);
    else if (e.key === "ArrowUp") move(current < 0 ? enabled.length - 1 : current - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(enabled.length - 1);
    else if (e.key === "Escape") close(true);
    else if (e.key === "Enter" || e.key === " ") {
      const item = items.find((i) => i.label === (document.activeElement as HTMLElement | null)?.dataset.label);
      if (item) select(item);
    } else if (e.key === "Tab") {
      // Back on the button, so that Tab goes on from the row, as it would without the menu.
      close(false);
      buttonRef.current?.focus();
      return;
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const key = e.key.toLowerCase();
      const after = [...enabled.slice(current + 1), ...enabled.slice(0, current + 1)];
      after.find((el) => el.dataset.label?.toLowerCase().startsWith(key))?.focus();
    } else return;
    e.preventDefault();
  }

  return createPortal(
    <div
      ref={menuRef}
      id={`${id}-menu`}
      role="menu"
      aria-labelledby={`${id}-button`}
      aria-orientation="vertical"
      tabIndex={-1}
      onKeyDown={onMenuKeyDown}
      onBlur={(e) => {
        // The focus went somewhere else than the menu or its button: it is done with.
        const to = e.relatedTarget as Node | null;
        if (to && !menuRef.current?.contains(to) && !buttonRef.current?.contains(to)) close(false);
      }}
      className="fixed top-0 left-0 z-50 min-w-40 rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg outline-none"
    >
      {items.map((item) => (
        <div
          key={item.label}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={item.disabled || undefined}
          data-label={item.label}
          onClick={() => select(item)}
          onPointerMove={(e) => {
            if (!item.disabled && document.activeElement !== e.currentTarget) e.currentTarget.focus({ preventScroll: true });
          }}
          className={`flex min-h-11 cursor-pointer items-center rounded-md px-3 outline-none select-none focus:bg-slate-100 aria-disabled:cursor-default aria-disabled:opacity-50 ${item.destructive ? "text-red-800" : "text-slate-900"}`}
        >
          {item.label}
        </div>
      ))}
    </div>,
    document.body,
  );
}
