import type { Metadata } from "next";
import { connection } from "next/server";
import { ButtonLink } from "@/components/ui/button";
import { SignInStepCard } from "@/components/auth/sign-in-frame";
import { Alert } from "@/components/ui/card";
import { SIGN_IN_LINK_MINUTES, signInMethods } from "@/server/auth";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage() {
  await connection();
  const { outbox } = signInMethods();
  return (
    <SignInStepCard title="Check your email" newLink={{ lead: "No email after a few minutes? Check your spam folder, or", label: "ask for a new link" }}>
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
    </SignInStepCard>
  );
}
