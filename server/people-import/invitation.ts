import { appUrl } from "@/server/env";
import type { Mail } from "@/server/mail";
import { linkMail } from "@/server/mail/layout";
import { callName, type PersonName } from "@/server/people/call-name";

// The email a person gets when an import adds them: who added them, what Tandem is for them,
// and where to sign in (with the address the email went to).

export function invitationMail(to: { email: string } & PersonName, orgName: string, invitedBy: string): Mail {
  return linkMail({
    to: to.email,
    subject: `You're invited to Tandem at ${orgName}`,
    paragraphs: [
      `Hi ${callName(to)},`,
      `${invitedBy} has added you to ${orgName} on Tandem, where you and your manager each answer a short assessment of how you work together, see where you see things differently, and plan your 1:1s from it.`,
      `Your answers are shared only with the other person of your pair, and only once you have both answered. Nobody else ever sees them.`,
      `Sign in with this email address (${to.email}); we'll email you a link, no password needed.`,
    ],
    link: { label: "Sign in to Tandem", url: `${appUrl()}/sign-in` },
  });
}
