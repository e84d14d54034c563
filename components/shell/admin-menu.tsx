"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { NavLink } from "./nav-link";

export interface AdminLink {
  href: string;
  label: string;
}

/**
 * HR's and owners' pages at phone width: one "Admin" button that opens them as a list, so the
 * header stays one row (at wider screens they sit in the navigation row, see app-header.tsx).
 * A native <details>, so it opens before the page's script has loaded; it closes on navigation.
 */
export function AdminMenu({ links }: { links: AdminLink[] }) {
  const pathname = usePathname();
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current) details.current.open = false;
  }, [pathname]);
  const here = links.some((l) => pathname.startsWith(l.href));
  return (
    <details ref={details} className="group relative sm:hidden">
      <summary
        className={`flex min-h-11 cursor-pointer list-none items-center gap-1 rounded-lg px-3 text-sm font-medium [&::-webkit-details-marker]:hidden ${here ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100"}`}
      >
        Admin
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 transition-transform group-open:rotate-180" fill="currentColor">
          <path d="M5.5 7.5 10 12l4.5-4.5" stroke="currentColor" strokeWidth="1.5" fill="none" />
        </svg>
      </summary>
      <ul className="absolute right-0 z-20 mt-1 w-48 space-y-1 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
        {links.map((link) => (
          <li key={link.href} className="[&>a]:w-full">
            <NavLink href={link.href}>{link.label}</NavLink>
          </li>
        ))}
      </ul>
    </details>
  );
}
