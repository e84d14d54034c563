import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Fragment } from "react";
import { Card } from "@/components/ui/card";
import { Logo } from "@/components/ui/logo";
import { getDb } from "@/db/client";
import { signInMethods } from "@/server/auth";
import { listOutbox } from "@/server/mail/outbox";

export const metadata: Metadata = { title: "Outbox", robots: { index: false } };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Plain text with its http(s) links made clickable; React escapes everything else. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} className="break-all font-medium text-brand-800 underline">
            {part.includes("/sign-in/link?") ? "Sign-in link" : part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default async function OutboxPage() {
  await connection();
  if (!signInMethods().outbox) notFound();
  const emails = await listOutbox(await getDb());
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <Link href="/" className="inline-block rounded-lg" aria-label="Tandem home">
        <Logo />
      </Link>
      <h1 className="mt-6 text-2xl font-bold tracking-tight">Outbox</h1>
      <p className="mt-1 text-slate-700">Demo mode without SMTP: emails Tandem would have sent are kept here, newest first, and printed in the server log.</p>
      {emails.length === 0 ? (
        <Card className="mt-6 p-4 text-slate-700">No emails yet. Ask for a sign-in link and it will appear here.</Card>
      ) : (
        <ol className="mt-6 space-y-4">
          {emails.map((email) => (
            <li key={email.id}>
              <Card className="p-4 sm:p-5">
                <article aria-labelledby={`subject-${email.id}`}>
                  <h2 id={`subject-${email.id}`} className="font-semibold text-slate-900">
                    {email.subject}
                  </h2>
                  <p className="mt-0.5 text-sm text-slate-600">
                    To <span className="break-all">{email.to}</span> · <time dateTime={email.createdAt.toISOString()}>{when.format(email.createdAt)} UTC</time>
                  </p>
                  <p className="mt-3 whitespace-pre-wrap text-sm text-slate-800">
                    <Linkified text={email.text} />
                  </p>
                </article>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
