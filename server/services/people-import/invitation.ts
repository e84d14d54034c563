import { appUrl } from "@/server/env";
import type { Mail } from "@/server/mail";
import { escapeHtml } from "@/server/mail/templates";
import { callName, type PersonName } from "@/server/people/call-name";

// The email a person gets when an import adds them: who added them, what Tandem is for them,
// and where to sign in (with the address the email went to).


export function invitationMail(to: { email: string } & PersonName, orgName: string, invitedBy: string): Mail {
  const url = `${appUrl()}/sign-in`;
  const lines = [
    `Hi ${callName(to)},`,
    `${invitedBy} has added you to ${orgName} on Tandem, where you and your manager each answer a short assessment of how you work together, see where you see things differently, and plan your 1:1s from it.`,
    `Your answers are shared only with the other person of your pair, and only once you have both answered. Nobody else ever sees them.`,
    `Sign in with this email address (${to.email}); we'll email you a link, no password needed.`,
  ];
  return {
    to: to.email,
    subject: `You're invited to Tandem at ${orgName}`,
    text: `${lines.join("\n\n")}\n\nSign in to Tandem: ${url}\n`,
    html:
      lines.map((l) => `<p style="line-height:1.5">${escapeHtml(l)}</p>`).join("") +
      `<p><a href="${escapeHtml(url)}" style="display:inline-block;background:#0f766e;color:#fff;text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:600">Sign in to Tandem</a></p>`,
  };
}
