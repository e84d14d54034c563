"use client";

import { lazy, Suspense, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

export interface RowMenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  destructive?: boolean;
}

/** Where the focus goes when the menu opens: the first or last item (keyboard), or the menu itself (pointer). */
export type OpenFocus = "first" | "last" | "menu";

// The open menu (placing, focus, keys) is a chunk of its own: fetched once the page is idle, or
// as soon as a menu button is hovered, touched or focused, so it is there before a menu opens.
let popupLoad: Promise<typeof import("./row-menu-popup")> | undefined;
function loadPopup() {
  popupLoad ??= import("./row-menu-popup").catch((err: unknown) => {
    popupLoad = undefined; // offline for a moment: try again on the next touch
    throw err;
  });
  return popupLoad;
}
const RowMenuPopup = lazy(loadPopup);
const preload = () => void loadPopup().catch(() => {});
if (typeof window !== "undefined") {
  if ("requestIdleCallback" in window) window.requestIdleCallback(preload, { timeout: 3000 });
  else setTimeout(preload, 1000);
}

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

  function onButtonKeyDown(e: KeyboardEvent) {
    if (e.key === "Enter" || e.key === " ") keyIntent.current = true;
    else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(e.key === "ArrowDown" ? "first" : "last");
    }
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
        onFocus={preload}
        onPointerEnter={preload}
        onPointerDown={preload}
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
      {open !== null ? (
        <Suspense fallback={null}>
          <RowMenuPopup id={id} open={open} items={items} buttonRef={buttonRef} menuRef={menuRef} select={select} close={close} />
        </Suspense>
      ) : null}
    </>
  );
}
