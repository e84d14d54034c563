import type { Metadata } from "next";
import { connection } from "next/server";
import { Button } from "@/components/ui/button";
import { SignInStepCard } from "@/components/auth/sign-in-frame";
import { Alert } from "@/components/ui/card";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

// The page an emailed sign-in link opens. Opening it spends nothing: mail scanners and link
// previews fetch links with GET, so the token is spent only by the button, a POST to Auth.js's
// email callback (app/api/auth/[...nextauth]/route.ts refuses to spend it on a GET).
export default async function SignInLinkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const params = await searchParams;
  const value = (key: string) => (typeof params[key] === "string" ? params[key] : "");
  const token = value("token");
  const email = value("email");
  const action = `/api/auth/callback/email?${new URLSearchParams({ callbackUrl: value("callbackUrl") || "/", token, email })}`;

  return (
    <SignInStepCard title="Sign in to Tandem" newLink={{ lead: "Not you, or the link is old?", label: "Ask for a new link" }}>
      {token && email ? (
        <>
          <p className="text-slate-700">
            Signing in as <span className="break-all font-medium text-slate-900">{email}</span>.
          </p>
          <form method="post" action={action}>
            <Button type="submit" className="w-full">
              Sign in
            </Button>
          </form>
        </>
      ) : (
        <Alert>This sign-in link is incomplete. Copy the whole link from the email, or ask for a new one.</Alert>
      )}
    </SignInStepCard>
  );
}
