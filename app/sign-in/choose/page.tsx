import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { Card } from "@/components/ui/card";
import { SignInFrame } from "@/components/auth/sign-in-frame";
import { getDb } from "@/db/client";
import { resolveAuthSecret } from "@/server/auth/secret";
import { readHandoff, usesSecureCookies } from "@/server/auth/session-cookie";
import { handoffPeople, safeNext } from "@/server/auth/sign-in-flow";
import { env } from "@/server/env";
import { choosePerson } from "../actions";

export const metadata: Metadata = { title: "Choose an organization" };

// Shown after sign-in to an identity that belongs to people of several organizations.
export default async function ChooseOrganizationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  await cookies();
  const config = env();
  const requestHeaders = await headers();
  const handoff = await readHandoff(requestHeaders.get("cookie"), resolveAuthSecret(config), usesSecureCookies(config.AUTH_URL, requestHeaders));
  if (!handoff) redirect("/sign-in");
  const people = await handoffPeople(await getDb(), handoff);
  if (people.length === 0) redirect("/sign-in?error=NoAccount");
  const next = safeNext((await searchParams).next);

  return (
    <SignInFrame
      heading={
        <>
          <h1 className="mt-6 text-2xl font-bold tracking-tight">Choose an organization</h1>
          <p className="mt-2 text-slate-700">
            Your address belongs to people in several organizations. Each is separate; you can switch later from the header.
          </p>
        </>
      }
    >
      <Card className="p-4 sm:p-6">
        <ul className="space-y-2">
          {people.map((person) => (
            <li key={person.personId}>
              <form action={choosePerson}>
                <input type="hidden" name="personId" value={person.personId} />
                <input type="hidden" name="next" value={next} />
                <button
                  type="submit"
                  className="flex min-h-11 w-full flex-col rounded-lg border border-slate-200 bg-white p-3 text-left hover:border-brand-600 hover:bg-brand-50"
                >
                  <span className="font-medium text-slate-900">Continue to {person.orgName}</span>
                  <span className="text-sm text-slate-600">as {person.name}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      </Card>
    </SignInFrame>
  );
}
