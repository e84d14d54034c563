import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * The second step of a cycle action that can't be taken back (opening, closing, reminding): what
 * it will do, then the button that does it and Cancel. `warning` tints it for what changes the
 * cycle itself.
 */
export function ConfirmPanel({
  warning = false,
  confirmLabel,
  pending,
  onConfirm,
  onCancel,
  children,
}: {
  warning?: boolean;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <div
      className={
        warning
          ? "space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950"
          : "space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm"
      }
    >
      <p>{children}</p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
