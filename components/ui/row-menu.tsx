"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";

export interface RowMenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  destructive?: boolean;
}

/**
 * One "⋯" button per row that opens its actions as a menu (Radix: arrow keys, Enter, Escape,
 * focus back on the button when it closes). `keepFocus` lets an action that puts the focus
 * elsewhere (an edit field) keep it there.
 */
export function RowMenu({ label, items, focusKey, keepFocus }: { label: string; items: RowMenuItem[]; focusKey?: string; keepFocus?: () => boolean }) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        aria-label={label}
        data-agenda-focus={focusKey}
        className="flex min-h-11 min-w-11 shrink-0 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 data-[state=open]:bg-slate-100"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
          <circle cx="4" cy="10" r="1.75" />
          <circle cx="10" cy="10" r="1.75" />
          <circle cx="16" cy="10" r="1.75" />
        </svg>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          collisionPadding={8}
          className="z-50 min-w-40 rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg"
          onCloseAutoFocus={(e) => {
            if (keepFocus?.()) e.preventDefault();
          }}
        >
          {items.map((item) => (
            <DropdownMenu.Item
              key={item.label}
              disabled={item.disabled}
              onSelect={item.onSelect}
              className={`flex min-h-11 cursor-pointer items-center rounded-md px-3 outline-none select-none data-[disabled]:cursor-default data-[disabled]:opacity-50 data-[highlighted]:bg-slate-100 ${item.destructive ? "text-red-800" : "text-slate-900"}`}
            >
              {item.label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
