import type { ReactNode } from "react";

/**
 * A wide table on a narrow screen: it scrolls sideways inside this box (reachable by keyboard),
 * and says so where it does, rather than being cut off or widening the page.
 */
export function ScrollRegion({ label, children, className = "" }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className="space-y-1">
      <p aria-hidden="true" className="text-xs text-slate-600 sm:hidden">
        Scroll sideways for every column →
      </p>
      <div role="region" aria-label={`${label} (scrolls sideways)`} tabIndex={0} className={`overflow-x-auto ${className}`}>
        {children}
      </div>
    </div>
  );
}
