import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { currentSession } from "@/server/auth";
import { getCaller, getShell } from "@/server/trpc/server";

export default async function AppLayout({ children }: { children: ReactNode }) {
  // A session whose person was removed or deactivated is no session (server/auth/sessions.ts).
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  const me = await getShell();
  // Only an identity with people in several organizations pays for the list.
  const others = session.organizationCount > 1 ? (await (await getCaller()).session.organizations()).filter((o) => !o.current) : [];
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-10 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <AppHeader name={me.person.name} orgName={me.org.name} roles={me.roles} otherOrganizations={others} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-6 outline-none sm:px-6 sm:py-10">
        {children}
      </main>
    </>
  );
}
