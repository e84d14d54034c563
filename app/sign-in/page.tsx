import type { Metadata } from "next";
import { connection } from "next/server";
import { redirect } from "next/navigation";
import { EmailSignInForm } from "@/components/auth/email-sign-in-form";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { SignInFrame } from "@/components/auth/sign-in-frame";
import { getDb } from "@/db/client";
import { currentSession, signInMethods } from "@/server/auth";
import { listDemoPeople, type DemoPerson } from "@/server/auth/list-demo-people";
import { signInAsDemoPerson, signInWithSso } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

const errors: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  NoAccount: "There is no Tandem account for that address. Ask your HR team to add you.",
  AccessDenied: "There is no Tandem account for that address. Ask your HR team to add you.",
  CredentialsSignin: "That demo person could not be signed in. Pick another one.",
  OAuthAccountNotLinked: "That address already signs in another way. Use the sign-in link by email.",
  EmailNotVerified:
    "Your identity provider has not verified that email address, so it cannot sign you in here. Ask your IT team, or use the sign-in link by email.",
};

const roleNames: Record<string, string> = { owner: "Owner", hr_admin: "HR admin" };

function describe(person: DemoPerson): string {
  const parts = [person.title ?? ""];
  for (const role of person.roles) parts.push(roleNames[role] ?? role);
  if (person.reports > 0) parts.push(`manages ${person.reports}`);
  return parts.filter(Boolean).join(" · ");
}

function DemoPersonButton({ person, callbackUrl }: { person: DemoPerson; callbackUrl: string }) {
  return (
    <form action={signInAsDemoPerson} data-email={person.email}>
      <input type="hidden" name="personId" value={person.id} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <button
        type="submit"
        className="flex min-h-11 w-full items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 text-left hover:border-brand-600 hover:bg-brand-50"
      >
        <Avatar name={person.name} size="sm" />
        <span className="min-w-0">
          <span className="block font-medium text-slate-900">Sign in as {person.name}</span>
          <span className="block text-sm text-slate-600">{describe(person)}</span>
        </span>
      </button>
    </form>
  );
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  if (await currentSession()) redirect("/");
  const params = await searchParams;
  const errorKey = typeof params.error === "string" ? params.error : undefined;
  const error = errorKey ? (errors[errorKey] ?? "Sign-in did not work. Please try again.") : undefined;
  const callbackUrl = typeof params.callbackUrl === "string" && params.callbackUrl.startsWith("/") ? params.callbackUrl : "/";
  const methods = signInMethods();
  const demoPeople = methods.demo ? await listDemoPeople(await getDb()) : [];
  const featured = demoPeople.filter((p) => p.featured);
  const others = demoPeople.filter((p) => !p.featured);

  return (
    <SignInFrame
      heading={
        <>
          <h1 className="mt-6 text-2xl font-bold tracking-tight">Sign in to Tandem</h1>
          <p className="mt-2 text-slate-700">Honest conversations between you and your manager, or your reports.</p>
        </>
      }
    >
      <Card className="space-y-5 p-6">
        {error ? <Alert>{error}</Alert> : null}
        {params.signedOut ? (
          <Alert tone="success">{params.signedOut === "everywhere" ? "You are signed out on every device." : "You are signed out."}</Alert>
        ) : null}
        {methods.email ? <EmailSignInForm callbackUrl={callbackUrl} /> : null}
        {methods.email && methods.sso ? (
          <p className="flex items-center gap-3 text-sm text-slate-600 before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">
            or
          </p>
        ) : null}
        {methods.sso ? (
          <form action={signInWithSso}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Button type="submit" variant="secondary" className="w-full">
              Continue with {methods.sso.name}
            </Button>
          </form>
        ) : null}
      </Card>

      {methods.demo && demoPeople.length > 0 ? (
        <section aria-labelledby="demo-heading" className="mt-8">
          <h2 id="demo-heading" className="text-lg font-semibold">
            Try the demo
          </h2>
          <p className="mb-3 text-sm text-slate-700">
            This server runs in demo mode with Brightwater Analytics, a made-up company. Sign in as anyone, no email needed.
          </p>
          <div className="space-y-2">
            {featured.map((demoPerson) => (
              <DemoPersonButton key={demoPerson.id} person={demoPerson} callbackUrl={callbackUrl} />
            ))}
          </div>
          {others.length > 0 ? (
            <details className="mt-3">
              <summary className="min-h-11 cursor-pointer rounded-lg py-2 text-sm font-medium text-brand-800">Everyone else ({others.length} people)</summary>
              <div className="mt-2 space-y-2">
                {others.map((demoPerson) => (
                  <DemoPersonButton key={demoPerson.id} person={demoPerson} callbackUrl={callbackUrl} />
                ))}
              </div>
            </details>
          ) : null}
        </section>
      ) : null}
    </SignInFrame>
  );
}
