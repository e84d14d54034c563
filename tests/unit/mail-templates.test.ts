import { describe, expect, it } from "vitest";
import { assessmentDigestMail, meetingReminderMail } from "@/server/meetings/reminder-mail";
import { button, escapeHtml, linkMail } from "@/server/mail/layout";
import { signInLinkEmail } from "@/server/mail/sign-in-link";
import { assessmentReadyMail, revealedMail } from "@/server/assessments/notifications";
import { invitationMail } from "@/server/people-import/invitation";

describe("email templates", () => {
  it("escapes HTML special characters", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
  });

  it("puts the sign-in link in both parts, escaped in HTML, with its expiry", () => {
    const url = "http://localhost:3000/api/auth/callback/email?token=abc&email=a%40b.c";
    const mail = signInLinkEmail(url, 15);
    expect(mail.text).toContain(url);
    expect(mail.text).toContain("15 minutes");
    expect(mail.html).toContain('href="http://localhost:3000/api/auth/callback/email?token=abc&amp;email=a%40b.c"');
  });

  it("gives a link email its paragraphs and link in the text, and escapes them in the HTML", () => {
    const mail = linkMail({
      to: "a@example.test",
      subject: "Hello <you>",
      paragraphs: ["One & two", "Three"],
      link: { label: "Go", url: "https://x.test/?a=1&b=2" },
    });
    expect(mail.text).toBe("One & two\n\nThree\n\nGo: https://x.test/?a=1&b=2\n");
    expect(mail.html).toContain('<h1 style="font-size:20px;margin:0 0 16px">Hello &lt;you&gt;</h1>');
    expect(mail.html).toContain("One &amp; two");
    expect(mail.html).toContain(button("https://x.test/?a=1&b=2", "Go"));
  });

  it("every email Tandem sends has the one layout, and its call to action is the one button", () => {
    const now = new Date("2026-04-13T08:00:00Z");
    const person = { name: "Léa Martin", givenName: "Léa" };
    const emails = [
      { html: signInLinkEmail("https://x.test/s", 15).html, button: button("https://x.test/s", "Sign in") },
      { html: invitationMail({ email: "lea@example.test", ...person }, "Acme", "Hannah").html!, button: "Sign in to Tandem</a>" },
      { html: assessmentReadyMail("lea@example.test", person, "a1", null).html!, button: "Start the assessment</a>" },
      { html: revealedMail("lea@example.test", person, "a1").html!, button: "See the results</a>" },
      {
        html: meetingReminderMail({
          to: "lea@example.test",
          recipient: person,
          other: person,
          startsAt: now,
          endsAt: now,
          timeZone: "UTC",
          now,
          agenda: ["Roadmap"],
          openActionItems: 0,
          meetingUrl: "https://x.test/m",
        }).html!,
        button: button("https://x.test/m", "Open the meeting"),
      },
      {
        html: assessmentDigestMail({
          to: "lea@example.test",
          recipient: person,
          items: [{ title: "Spring", otherName: "Sam", dueOn: null, url: "https://x.test/a" }],
        }).html!,
        button: null,
      },
    ];
    const buttonStyle = /style="display:inline-block;background:#0f766e;[^"]*"/g;
    for (const email of emails) {
      expect(email.html.startsWith('<!doctype html><html lang="en">')).toBe(true);
      expect(email.html).toContain(">Tandem</p>");
      expect(email.html.match(buttonStyle)?.length ?? 0).toBe(email.button ? 1 : 0);
      if (email.button) expect(email.html).toContain(email.button);
    }
  });
});
