import { button, footnote, layout, paragraph } from "./layout";

/** The sign-in link email (Auth.js's email provider sends it through sendMail). */
export function signInLinkEmail(url: string, expiresInMinutes: number) {
  const subject = "Your Tandem sign-in link";
  const text = `Sign in to Tandem by opening this link:\n\n${url}\n\nThe link works once and expires in ${expiresInMinutes} minutes. If you did not ask for it, ignore this email.`;
  const html = layout("Sign in to Tandem", [
    paragraph(`Use the button below to sign in. The link works once and expires in ${expiresInMinutes} minutes.`),
    button(url, "Sign in"),
    footnote("If you did not ask for this email, you can ignore it."),
  ]);
  return { subject, text, html };
}
