import type { Mail } from "@/server/mail";

// The one look of every email Tandem sends: a white card on a grey page, Tandem's name, a
// heading, paragraphs, at most one button, a quiet footnote. Every value interpolated into HTML
// goes through escapeHtml; builders pass plain text and get both parts of the email.

export function escapeHtml(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/** One paragraph of plain text. */
export function paragraph(text: string): string {
  return `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(text)}</p>`;
}

/** The small grey line at the end: why this email came, how to stop it. */
export function footnote(text: string): string {
  return `<p style="margin:16px 0 0;color:#52606d;font-size:14px;line-height:1.5">${escapeHtml(text)}</p>`;
}

/** A list of items, each already HTML (escaped text, or a link built here). */
export function list(items: string[], { ordered = false, heading }: { ordered?: boolean; heading?: string } = {}): string {
  const tag = ordered ? "ol" : "ul";
  const title = heading ? `<p style="margin:0 0 4px;line-height:1.5"><strong>${escapeHtml(heading)}</strong></p>` : "";
  return `${title}<${tag} style="margin:0 0 16px;line-height:1.5">${items.map((item) => `<li>${item}</li>`).join("")}</${tag}>`;
}

/** A plain link inside a list or a sentence. */
export function link(url: string, label: string): string {
  return `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
}

/** The email's one call to action. */
export function button(url: string, label: string): string {
  return `<p style="margin:8px 0 16px"><a href="${escapeHtml(url)}" style="display:inline-block;background:#0f766e;color:#fff;text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:600">${escapeHtml(label)}</a></p>`;
}

/** The whole HTML document around blocks built with the helpers above (already escaped). */
export function layout(title: string, blocks: string[]): string {
  return `<!doctype html><html lang="en"><body style="margin:0;background:#f6f7f9;font-family:system-ui,sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:32px 16px">
<table role="presentation" width="100%" style="max-width:480px;background:#fff;border-radius:12px;padding:32px">
<tr><td><p style="margin:0 0 24px;font-weight:700;color:#0f766e;font-size:18px">Tandem</p>
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>${blocks.join("")}</td></tr></table></td></tr></table></body></html>`;
}

export interface LinkMail {
  to: string;
  subject: string;
  /** The heading inside the email; the subject when not given. */
  title?: string;
  paragraphs: string[];
  link: { label: string; url: string };
  footnote?: string;
}

/** The common email: a few paragraphs and one button, as text and as HTML. */
export function linkMail(input: LinkMail): Mail {
  const { paragraphs, link } = input;
  const text = [...paragraphs, `${link.label}: ${link.url}`, ...(input.footnote ? [input.footnote] : [])].join("\n\n");
  const html = layout(input.title ?? input.subject, [
    ...paragraphs.map(paragraph),
    button(link.url, link.label),
    ...(input.footnote ? [footnote(input.footnote)] : []),
  ]);
  return { to: input.to, subject: input.subject, text: `${text}\n`, html };
}
