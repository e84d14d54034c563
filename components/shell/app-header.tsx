import Link from "next/link";
import { signOutAction } from "@/app/actions";
import { Avatar } from "@/components/ui/avatar";
import { Logo } from "@/components/ui/logo";
import { NavLink } from "./nav-link";

const roleLabels: Record<string, string> = { owner: "Owner", hr_admin: "HR admin" };

export function AppHeader({ name, orgName, roles }: { name: string; orgName: string; roles: string[] }) {
  const isAdmin = roles.includes("hr_admin") || roles.includes("owner");
  const roleLabel = roles.map((r) => roleLabels[r]).filter(Boolean).join(", ");
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
          {isAdmin ? <NavLink href="/admin/cycles">Cycles</NavLink> : null}
          {isAdmin ? <NavLink href="/admin/trends">Trends</NavLink> : null}
          {isAdmin ? <NavLink href="/admin/people">Import</NavLink> : null}
          {roles.includes("owner") ? <NavLink href="/admin/settings">Settings</NavLink> : null}
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <div className="hidden text-right sm:block">
            <p className="text-sm font-medium text-slate-900">{name}</p>
            <p className="text-xs text-slate-600">
              {orgName}
              {roleLabel ? ` · ${roleLabel}` : ""}
            </p>
          </div>
          <Avatar name={name} size="sm" />
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
