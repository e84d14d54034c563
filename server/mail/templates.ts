// Plain, escaped email bodies. Every value interpolated into HTML goes through escapeHtml.

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><body style="margin:0;background:#f6f7f9;font-family:system-ui,sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:32px 16px">
<table role="presentation" width="100%" style="max-width:480px;background:#fff;border-radius:12px;padding:32px">
<tr><td><p style="margin:0 0 24px;font-weight:700;color:#0f766e;font-size:18px">Tandem</p>
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>${body}</td></tr></table></td></tr></table></body></html>`;
}

export function signInLinkEmail(url: string, expiresInMinutes: number) {
  const subject = "Your Tandem sign-in link";
  const text = `Sign in to Tandem by opening this link:\n\n${url}\n\nThe link works once and expires in ${expiresInMinutes} minutes. If you did not ask for it, ignore this email.`;
  const html = layout(
    "Sign in to Tandem",
    `<p style="margin:0 0 24px;line-height:1.5">Use the button below to sign in. The link works once and expires in ${expiresInMinutes} minutes.</p>
<p style="margin:0 0 24px"><a href="${escapeHtml(url)}" style="display:inline-block;background:#0f766e;color:#fff;text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:600">Sign in</a></p>
<p style="margin:0;color:#52606d;font-size:14px;line-height:1.5">If you did not ask for this email, you can ignore it.</p>`,
  );
  return { subject, text, html };
}
