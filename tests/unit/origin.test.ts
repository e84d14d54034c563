import { afterEach, describe, expect, it } from "vitest";
import { env, parseEnv, type Env } from "@/server/env";
import { isSameOrigin } from "@/server/security/origin";

// The Origin check every tRPC mutation and server action passes (server/security/origin.ts).

const cache = globalThis as unknown as { __tandemEnv?: Env };
const original = cache.__tandemEnv;
afterEach(() => {
  cache.__tandemEnv = original;
});

const h = (headers: Record<string, string>) => new Headers(headers);

describe("isSameOrigin", () => {
  it("without AUTH_URL: the Origin's host must be the one the request was sent to", () => {
    cache.__tandemEnv = parseEnv({});
    expect(env().AUTH_URL).toBeUndefined();
    expect(isSameOrigin(h({ host: "localhost:3100", origin: "http://localhost:3100" }))).toBe(true);
    // A sibling origin: same site (cookies go along), another port or subdomain.
    expect(isSameOrigin(h({ host: "localhost:3100", origin: "http://localhost:3199" }))).toBe(false);
    expect(isSameOrigin(h({ host: "tandem.example.com", origin: "https://wiki.example.com" }))).toBe(false);
    expect(isSameOrigin(h({ host: "tandem.example.com", origin: "https://tandem.example.com.evil.test" }))).toBe(false);
    // The host a proxy forwarded.
    expect(isSameOrigin(h({ host: "10.0.0.5:3000", "x-forwarded-host": "tandem.example.com", origin: "https://tandem.example.com" }))).toBe(true);
    // No Origin, or the opaque "null" of sandboxed frames and some redirects: refused.
    expect(isSameOrigin(h({ host: "localhost:3100" }))).toBe(false);
    expect(isSameOrigin(h({ host: "localhost:3100", origin: "null" }))).toBe(false);
    expect(isSameOrigin(h({ origin: "http://localhost:3100" }))).toBe(false);
  });

  it("with AUTH_URL: exactly its origin, whatever the Host says", () => {
    cache.__tandemEnv = parseEnv({ AUTH_URL: "https://tandem.example.com/" });
    expect(isSameOrigin(h({ host: "10.0.0.5:3000", origin: "https://tandem.example.com" }))).toBe(true);
    expect(isSameOrigin(h({ host: "10.0.0.5:3000", origin: "http://tandem.example.com" }))).toBe(false);
    expect(isSameOrigin(h({ host: "evil.test", origin: "https://evil.test" }))).toBe(false);
  });
});
