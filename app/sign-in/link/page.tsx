import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Logo } from "@/components/ui/logo";

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
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4 py-10">
      <div className="mb-8 text-center">
        <Logo className="text-2xl" />
      </div>
      <Card className="space-y-4 p-6">
        <h1 className="text-2xl font-bold tracking-tight">Sign in to Tandem</h1>
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
        <p className="text-sm text-slate-700">
          Not you, or the link is old?{" "}
          <Link href="/sign-in" className="font-medium text-brand-800 underline">
            Ask for a new link
          </Link>
          .
        </p>
      </Card>
    </main>
  );
}
