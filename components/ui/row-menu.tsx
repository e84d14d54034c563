"use client";

import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { createPortal } from "react-dom";

export interface RowMenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  destructive?: boolean;
}

/** Where the focus goes when the menu opens: the first or last item (keyboard), or the menu itself (pointer). */
type OpenFocus = "first" | "last" | "menu";

const GAP = 4;
const MARGIN = 8;

/**
 * One "⋯" button per row that opens its actions as a menu, after the WAI-ARIA menu button
 * pattern: Enter, Space or ↓ open it on the first enabled item (↑ on the last), arrows, Home, End
 * and a first letter move between enabled items, Enter or Space picks one, Escape closes, Tab
 * closes and moves on; the focus goes back to the button when it closes. `keepFocus` lets an
 * action that puts the focus elsewhere (an edit field) keep it there.
 *
 * Our own rather than a library's: it is a few hundred bytes, where Radix's dropdown cost the
 * meeting page ~29 kB of first-load JavaScript. The menu is portalled to the body and placed
 * with fixed coordinates, so no row's overflow or stacking (dnd-kit's transforms) hides it.
 */
export function RowMenu({ label, items, focusKey, keepFocus }: { label: string; items: RowMenuItem[]; focusKey?: string; keepFocus?: () => boolean }) {
  const [open, setOpen] = useState<OpenFocus | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  // Enter and Space reach the button as a click: the keydown before it says the keyboard asked.
  const keyIntent = useRef(false);
  // Set on close: give the button the focus back once the row has re-rendered (a moved row's
  // DOM node loses the focus when React moves it, so focusing it any earlier would not last).
  const refocus = useRef(false);
  const id = useId();

  const enabledItems = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? []);

  function close(returnFocus: boolean) {
    setOpen(null);
    refocus.current = returnFocus && !keepFocus?.();
  }

  function select(item: RowMenuItem) {
    if (item.disabled) return;
    item.onSelect();
    close(true);
  }

  useEffect(() => {
    if (open === null && refocus.current) {
      refocus.current = false;
      buttonRef.current?.focus();
    }
  }, [open]);

  // Place it under the button, its right edge on the button's (above it when there is no room
  // below), inside the viewport; follow the button when the page scrolls. Set on the element
  // before the first paint, so that it never shows elsewhere and can take the focus at once.
  useLayoutEffect(() => {
    if (open === null) return;
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
  }, [open]);

  // Focus the way it was opened, once it is placed; a press outside closes it.
  useEffect(() => {
    if (open === null) return;
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

  function onButtonKeyDown(e: KeyboardEvent) {
    if (e.key === "Enter" || e.key === " ") keyIntent.current = true;
    else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(e.key === "ArrowDown" ? "first" : "last");
    }
  }

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

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        id={`${id}-button`}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open !== null ? `${id}-menu` : undefined}
        data-state={open !== null ? "open" : "closed"}
        data-agenda-focus={focusKey}
        onKeyDown={onButtonKeyDown}
        onClick={() => {
          const byKey = keyIntent.current;
          keyIntent.current = false;
          if (open !== null) close(true);
          else setOpen(byKey ? "first" : "menu");
        }}
        className="flex min-h-11 min-w-11 shrink-0 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 data-[state=open]:bg-slate-100"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
          <circle cx="4" cy="10" r="1.75" />
          <circle cx="10" cy="10" r="1.75" />
          <circle cx="16" cy="10" r="1.75" />
        </svg>
      </button>
      {open !== null
        ? createPortal(
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
          )
        : null}
    </>
  );
}
