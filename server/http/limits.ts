// Limits on what one request may carry (issue 17), checked before the body is read whole:
// first against the Content-Length a client announces, then by counting the bytes as they
// arrive, so a client that announces nothing (chunked) or lies is stopped at the limit too.
// docs/deploy.md lists them.

/** Every tRPC request and server action: a note of NOTE_MAX_CHARS always fits. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/**
 * A meeting note (shared or private), in UTF-16 code units as zod and the textarea count them.
 * Worst case on the wire: 6 bytes a character (a control character JSON writes as \u0001),
 * 300 KB, so two notes saved in one batch still fit in BODY_LIMIT_BYTES (tests/unit/request-limits.test.ts).
 */
export const NOTE_MAX_CHARS = 50_000;
/**
 * People import: a 2 MB CSV travels as JSON text, where a non-ASCII character takes up to 3
 * bytes and a quote 2 (server/people-import/columns.ts).
 */
export const IMPORT_BODY_LIMIT_BYTES = 8 * 1024 * 1024;
/** Auth.js's endpoints take an email address, a CSRF token and a callback URL. */
export const AUTH_BODY_LIMIT_BYTES = 64 * 1024;
/** Calls in one tRPC batch; the browser client batches at most this many (components/trpc/client.tsx). */
export const MAX_BATCH_CALLS = 20;

export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

export function tooLargeMessage(limit: number): string {
  return `This request is larger than ${describeBytes(limit)}, the most Tandem accepts. Shorten what you are sending and try again.`;
}

/** Whether the announced length alone is over the limit (a malformed one counts as over). */
export function announcedTooLarge(headers: Headers, limit: number): boolean {
  const announced = headers.get("content-length");
  if (announced === null) return false;
  const length = Number(announced);
  return !Number.isSafeInteger(length) || length < 0 || length > limit;
}

/**
 * The body, read while counting, or "too-large" as soon as it passes `limit` (reading stops
 * there and the rest is never taken in).
 */
export async function readBodyWithin(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | "too-large"> {
  if (announcedTooLarge(req.headers, limit)) return "too-large";
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return "too-large";
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** The same request with a body already read (so the handler behind it can read it again). */
export function withBody(req: Request, body: Uint8Array<ArrayBuffer>): Request {
  const headers = new Headers(req.headers);
  // It is no longer a stream of unknown length.
  headers.delete("transfer-encoding");
  headers.set("content-length", String(body.byteLength));
  return new Request(req.url, { method: req.method, headers, body, signal: req.signal });
}
