import Link from "next/link";
import { signOutAction } from "@/app/actions";
import { Avatar } from "@/components/ui/avatar";
import { Logo } from "@/components/ui/logo";
import type { OrgRole } from "@/db/schema";
import { isOrgAdmin, isOwner } from "@/server/access/actor";
import { AdminMenu, type AdminLink } from "./admin-menu";
import { NavLink } from "./nav-link";
import { SwitchOrganizationForm } from "./switch-organization-form";

const roleLabels: Record<string, string> = { owner: "Owner", hr_admin: "HR admin" };

export interface OtherOrganization {
  personId: string;
  orgName: string;
}

export function AppHeader({
  name,
  orgName,
  roles,
  otherOrganizations,
}: {
  name: string;
  orgName: string;
  roles: readonly OrgRole[];
  otherOrganizations: OtherOrganization[];
}) {
  const roleLabel = roles
    .map((r) => roleLabels[r])
    .filter(Boolean)
    .join(", ");
  const adminLinks: AdminLink[] = [
    ...(isOrgAdmin({ roles })
      ? [
          { href: "/admin/cycles", label: "Cycles" },
          { href: "/admin/trends", label: "Trends" },
          { href: "/admin/people", label: "Manage people" },
        ]
      : []),
    ...(isOwner({ roles }) ? [{ href: "/admin/settings", label: "Settings" }] : []),
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 sm:px-6">
        <Link href="/" className="mr-2 rounded-lg" aria-label="Tandem home">
          <Logo />
        </Link>
        <nav aria-label="Main" className="order-3 flex w-full flex-wrap gap-1 sm:order-none sm:w-auto">
          <NavLink href="/">Home</NavLink>
          <NavLink href="/one-on-ones">1:1s</NavLink>
          <NavLink href="/people">People</NavLink>
          {/* In the row from 640 px; below it, in one "Admin" menu, so the header stays one row on a phone. */}
          {adminLinks.map((link) => (
            <span key={link.href} className="hidden sm:contents">
              <NavLink href={link.href}>{link.label}</NavLink>
            </span>
          ))}
          {adminLinks.length > 0 ? <AdminMenu links={adminLinks} /> : null}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          {otherOrganizations.length > 0 ? (
            <details className="relative">
              <summary className="flex min-h-11 cursor-pointer items-center rounded-lg px-3 text-sm font-medium text-slate-700 hover:bg-slate-100">
                Switch organization
              </summary>
              <ul className="absolute right-0 z-10 mt-1 w-64 max-w-[calc(100vw-2rem)] space-y-1 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
                {otherOrganizations.map((organization) => (
                  <li key={organization.personId}>
                    <SwitchOrganizationForm personId={organization.personId}>
                      <button type="submit" className="min-h-11 w-full rounded-lg px-3 text-left text-sm text-slate-800 hover:bg-slate-100">
                        Switch to {organization.orgName}
                      </button>
                    </SwitchOrganizationForm>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <Link
            href="/account"
            className="flex min-h-11 items-center gap-3 rounded-lg px-1 hover:bg-slate-100"
            aria-label={`Your account: ${name}, ${orgName}`}
          >
            <span className="hidden text-right sm:block">
              <span className="block text-sm font-medium text-slate-900">{name}</span>
              <span className="block text-xs text-slate-600">
                {orgName}
                {roleLabel ? ` · ${roleLabel}` : ""}
              </span>
            </span>
            <Avatar name={name} size="sm" />
          </Link>
          <form action={signOutAction}>
            <button type="submit" className="min-h-11 rounded-lg px-3 text-sm font-medium text-slate-700 hover:bg-slate-100">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
