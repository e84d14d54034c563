"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { useOptimisticToggle } from "@/components/ui/use-optimistic-toggle";

/**
 * The "done" box of an agenda item or an action item. It shows a change at once; the reloaded
 * item confirms it (or puts it back on an error). Disabled until the page has hydrated, so that
 * a click made before then is not lost to a box that cannot save yet.
 */
export function DoneCheckbox({
  id,
  done,
  save,
  disabled = false,
  label,
  focusKey,
}: {
  id: string;
  done: boolean;
  save: (value: boolean, onError: () => void) => void;
  disabled?: boolean;
  /** When no visible label names it (htmlFor). */
  label?: string;
  focusKey?: string;
}) {
  const hydrated = useHydrated();
  const toggle = useOptimisticToggle();
  return (
    <div className="flex min-h-11 shrink-0 items-center px-1">
      <input
        id={id}
        type="checkbox"
        className="h-5 w-5"
        checked={toggle.shown(done)}
        disabled={disabled || !hydrated}
        onChange={(e) => toggle.set(e.target.checked, done, save)}
        aria-label={label}
        data-agenda-focus={focusKey}
      />
    </div>
  );
}
