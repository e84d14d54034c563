import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Logo } from "@/components/ui/logo";

/** The sign-in pages' narrow centred column under the logo; `heading` stands under the logo. */
export function SignInFrame({ heading, children }: { heading?: ReactNode; children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4 py-10">
      <div className="mb-8 text-center">
        <Logo className="text-2xl" />
        {heading}
      </div>
      {children}
    </main>
  );
}

/**
 * A sign-in step that is one card with its title inside (the emailed link's page, "check your
 * email"), ending with the way back to ask for a new link.
 */
export function SignInStepCard({ title, newLink, children }: { title: string; newLink: { lead: string; label: string }; children: ReactNode }) {
  return (
    <SignInFrame>
      <Card className="space-y-4 p-6">
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {children}
        <p className="text-sm text-slate-700">
          {newLink.lead}{" "}
          <Link href="/sign-in" className="font-medium text-brand-800 underline">
            {newLink.label}
          </Link>
          .
        </p>
      </Card>
    </SignInFrame>
  );
}
