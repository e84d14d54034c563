import { describe, expect, it, vi } from "vitest";
import { POST, GET } from "@/app/api/trpc/[trpc]/route";
import { BODY_LIMIT_BYTES, IMPORT_BODY_LIMIT_BYTES } from "@/server/http/limits";
import { guardTrpcRequest } from "@/server/trpc/http-guard";

// The tRPC route handler itself, with real Requests (issue 17): what it refuses never reaches a
// procedure, a session or the database, and a body is never read past its limit. The browser
// journeys of the same attacks are in tests/e2e/request-limits.spec.ts.

// Nothing refused may get as far as a context (the session, the database): reaching it fails.
vi.mock("@/server/trpc/request-context", () => ({
  createRequestContext: () => {
    throw new Error("a refused request reached createContext");
  },
}));

const APP = "http://localhost:3000";
const url = (path: string) => `${APP}/api/trpc/${path}`;

/** A body that never ends on its own, counting what the handler pulled from it. */
function endless() {
  const counter = { pulled: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, counter };
}

/** A JSON POST from Tandem's own origin with a streamed body, sent without a length unless one is announced. */
function streamedPost(path: string, body: ReadableStream<Uint8Array>, announcedLength?: number) {
  const length = announcedLength === undefined ? {} : { "content-length": String(announcedLength) };
  return new Request(url(path), {
    method: "POST",
    headers: { origin: APP, host: "localhost:3000", "content-type": "application/json", ...length },
    body,
    duplex: "half",
  } as RequestInit);
}

async function errorOf(res: Response) {
  const json = (await res.json()) as { error: { json: { message: string; data: { code: string; httpStatus: number } } } };
  return json.error.json;
}

describe("the tRPC route refuses before anything runs", () => {
  it("a multipart form from a sibling origin (CSRF): 403", async () => {
    const form = new FormData();
    form.set("x", "1");
    const res = await POST(
      new Request(url("meetings.revokeCalendarToken"), { method: "POST", headers: { origin: "http://localhost:3199", host: "localhost:3000" }, body: form }),
    );
    expect(res.status).toBe(403);
    expect((await errorOf(res)).data.code).toBe("FORBIDDEN");
  });

  it("a mutation that is not JSON, even from Tandem's own origin: 415", async () => {
    const form = new FormData();
    form.set("x", "1");
    const res = await POST(new Request(url("meetings.revokeCalendarToken"), { method: "POST", headers: { origin: APP, host: "localhost:3000" }, body: form }));
    expect(res.status).toBe(415);
    expect((await errorOf(res)).data.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("a body that announces more than 1 MB: 413 without reading any of it", async () => {
    const { body, counter } = endless();
    const res = await POST(streamedPost("meetings.savePrivateNote", body, 150 * 1024 * 1024));
    expect(res.status).toBe(413);
    const error = await errorOf(res);
    expect(error.data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(error.message).toContain("larger than 1 MB");
    expect(counter.pulled).toBeLessThanOrEqual(64 * 1024 * 2);
  });

  it("a body that announces nothing and never ends: 413 once 1 MB was read, the rest never pulled", async () => {
    const { body, counter } = endless();
    const res = await POST(streamedPost("meetings.savePrivateNote", body));
    expect(res.status).toBe(413);
    expect(counter.pulled).toBeGreaterThan(BODY_LIMIT_BYTES);
    expect(counter.pulled).toBeLessThan(BODY_LIMIT_BYTES + 8 * 64 * 1024);
  });

  it("the people import may send up to 8 MB, and no more", async () => {
    const { body, counter } = endless();
    const res = await POST(streamedPost("peopleImport.preview", body));
    expect(res.status).toBe(413);
    expect(counter.pulled).toBeGreaterThan(IMPORT_BODY_LIMIT_BYTES);
    expect(counter.pulled).toBeLessThan(IMPORT_BODY_LIMIT_BYTES + 8 * 64 * 1024);
  });

  it("a batch of more than 20 calls, query or mutation: 413 with the limit in the message", async () => {
    const paths = Array.from({ length: 2200 }, () => "me.get").join(",");
    const get = await GET(new Request(url(`${paths}?batch=1`), { headers: { host: "localhost:3000" } }));
    expect(get.status).toBe(413);
    expect((await errorOf(get)).message).toBe("A batch can hold at most 20 calls; this one has 2200.");
    const post = await POST(
      new Request(url(`${paths}?batch=1`), {
        method: "POST",
        headers: { origin: APP, host: "localhost:3000", "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(post.status).toBe(413);
  });

  it("hands a JSON mutation from Tandem's own origin on, with its body intact, even sent without a length", async () => {
    const text = JSON.stringify({ json: { meetingId: crypto.randomUUID(), body: "é".repeat(50_000) } });
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
        controller.close();
      },
    });
    const guarded = await guardTrpcRequest(streamedPost("meetings.savePrivateNote", stream));
    expect(guarded.ok).toBe(true);
    if (guarded.ok) {
      expect(await guarded.req.text()).toBe(text);
      expect(guarded.req.headers.get("content-length")).toBe(String(bytes.length));
    }
  });

  it("hands a JSON mutation with a length within the limit on unread: tRPC reads its body once", async () => {
    const text = JSON.stringify({ json: { meetingId: crypto.randomUUID(), body: "é".repeat(50_000) } });
    const bytes = new TextEncoder().encode(text);
    const request = streamedPost("meetings.savePrivateNote", new Blob([bytes]).stream(), bytes.length);
    const guarded = await guardTrpcRequest(request);
    expect(guarded.ok).toBe(true);
    if (guarded.ok) {
      expect(request.bodyUsed, "the guard read nothing").toBe(false);
      expect(await guarded.req.text()).toBe(text);
    }
  });
});
