import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "@/db/client";
import { outboxEmails } from "@/db/schema";
import { env } from "@/server/env";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export type MailDelivery = "smtp" | "outbox" | "dropped";

const holder = globalThis as unknown as { __tandemSmtp?: Transporter };

function smtp(url: string): Transporter {
  holder.__tandemSmtp ??= nodemailer.createTransport(pooled(url));
  return holder.__tandemSmtp;
}

/**
 * A pool of connections kept open between messages (nodemailer's default is 5, 100 messages
 * each), unless SMTP_URL says `pool=false`: a new connection per message, with its greeting and
 * TLS handshake, made a weekly digest to thousands of people take an hour, and reminders due
 * meanwhile waited behind it.
 */
function pooled(url: string): string {
  // Appended as text: the URL is nodemailer's to parse, as it was given.
  return /[?&]pool=/.test(url) ? url : `${url}${url.includes("?") ? "&" : "?"}pool=true`;
}

/**
 * Sends through SMTP when SMTP_URL is set. In demo mode without SMTP, mail goes to the
 * development outbox (listed at /dev/outbox and printed in the server log) instead.
 */
export async function sendMail(db: Db, mail: Mail): Promise<MailDelivery> {
  const environment = env();
  if (environment.SMTP_URL) {
    await smtp(environment.SMTP_URL).sendMail({ from: environment.EMAIL_FROM, ...mail });
    return "smtp";
  }
  if (environment.demo) {
    await db.insert(outboxEmails).values(mail);
    console.info(`[tandem] outbox: to=${mail.to} subject="${mail.subject}"\n${mail.text}\n`);
    return "outbox";
  }
  console.warn(`[tandem] email to ${mail.to} not sent: SMTP_URL is not configured`);
  return "dropped";
}
