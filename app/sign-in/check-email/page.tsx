import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ButtonLink } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Logo } from "@/components/ui/logo";
import { SIGN_IN_LINK_MINUTES, signInMethods } from "@/server/auth";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage() {
  await connection();
  const { outbox } = signInMethods();
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4 py-10">
      <div className="mb-8 text-center">
        <Logo className="text-2xl" />
      </div>
      <Card className="space-y-4 p-6">
        <h1 className="text-2xl font-bold tracking-tight">Check your email</h1>
        <p className="text-slate-700">
          If that address belongs to a Tandem account, a sign-in link is on its way. It works once and expires in {SIGN_IN_LINK_MINUTES} minutes.
        </p>
        {outbox ? (
          <>
            <Alert tone="info">Demo mode: no email leaves this server. Sign-in links land in the outbox instead.</Alert>
            <ButtonLink href="/dev/outbox" className="w-full">
              Open the outbox
            </ButtonLink>
          </>
        ) : null}
        <p className="text-sm text-slate-700">
          No email after a few minutes? Check your spam folder, or{" "}
          <Link href="/sign-in" className="font-medium text-brand-800 underline">
            ask for a new link
          </Link>
          .
        </p>
      </Card>
    </main>
  );
}
