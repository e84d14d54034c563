import type { Db } from "@/db/client";
import { appUrl } from "@/server/env";
import { sendMail, type Mail } from "@/server/mail";
import { linkMail } from "@/server/mail/layout";
import { callName, type PersonName } from "@/server/people/call-name";

// Assessment emails. They never contain answers: only that something is ready, with a link.

function mail(to: string, subject: string, paragraphs: string[], link: { label: string; path: string }): Mail {
  return linkMail({ to, subject, paragraphs, link: { label: link.label, url: `${appUrl()}${link.path}` } });
}

export function assessmentReadyMail(to: string, other: PersonName, assessmentId: string, dueOn: string | null): Mail {
  return mail(
    to,
    `Your assessment with ${callName(other)} is ready`,
    [
      `Your relationship assessment with ${other.name} is ready${dueOn ? `; it is open until ${dueOn}` : ""}.`,
      `It takes about ten minutes. ${callName(other)} answers the same questions from their side. Neither of you sees the other's answers until you have both submitted, and nobody else ever sees them.`,
    ],
    { label: "Start the assessment", path: `/assessments/${assessmentId}` },
  );
}

export function assessmentReminderMail(to: string, other: PersonName, assessmentId: string, dueOn: string): Mail {
  return mail(
    to,
    `Reminder: your assessment with ${callName(other)} closes on ${dueOn}`,
    [
      `Your relationship assessment with ${other.name} is still open, until ${dueOn}. Your answers are saved as you go, so you can pick up where you left off.`,
      `If one of you doesn't submit before it closes, nothing is revealed to either of you.`,
    ],
    { label: "Continue the assessment", path: `/assessments/${assessmentId}` },
  );
}

export function otherSubmittedMail(to: string, other: PersonName, assessmentId: string): Mail {
  return mail(
    to,
    `${callName(other)} has submitted your assessment`,
    [`${other.name} has submitted their side of your relationship assessment. As soon as you submit yours, you will both see the answers.`],
    { label: "Finish your side", path: `/assessments/${assessmentId}` },
  );
}

export function revealedMail(to: string, other: PersonName, assessmentId: string): Mail {
  return mail(
    to,
    `Your results with ${callName(other)} are ready`,
    [`You and ${other.name} have both submitted. Your answers are now visible to both of you, and only to you two.`],
    { label: "See the results", path: `/assessments/${assessmentId}/results` },
  );
}

/**
 * Sends after the change that caused them has committed. A failed email is logged and never
 * undoes or fails what the person did.
 */
export async function deliver(db: Db, mails: Mail[]): Promise<void> {
  for (const m of mails) {
    try {
      await sendMail(db, m);
    } catch (err) {
      console.error(`[tandem] could not send "${m.subject}" to ${m.to}:`, err);
    }
  }
}
