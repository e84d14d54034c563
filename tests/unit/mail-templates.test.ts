import { describe, expect, it } from "vitest";
import { escapeHtml, signInLinkEmail } from "@/server/mail/templates";

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
});
